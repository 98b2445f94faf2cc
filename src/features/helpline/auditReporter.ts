/**
 * Sends the helpline's audit events (verification attempts, overrides) to
 * POST /api/audit/events the moment they happen. Offline, or when the
 * server cannot be reached, they wait in memory and go with the next event
 * or when the connection returns. (The call record keeps the same attempts
 * and syncs them too, so a closed tab loses only the immediate report.)
 */
import type { AuditEvent } from '../../domain/helplineAudit';
import { API } from '../../sync/api';
import { ApiCallError, callApi, type ApiConnection } from '../../sync/apiClient';

export type AuditTransport = ApiConnection;

export class AuditReporter {
  private queue: AuditEvent[] = [];
  private sending: Promise<void> | undefined;

  constructor(private readonly transport: AuditTransport) {}

  /** Queues the event and tries to send everything waiting. Never throws. */
  report(event: AuditEvent): Promise<void> {
    this.queue.push(event);
    return this.flush();
  }

  /** How many events are waiting to reach the server. */
  get waiting(): number {
    return this.queue.length;
  }

  flush(): Promise<void> {
    this.sending ??= this.sendAll().finally(() => {
      this.sending = undefined;
    });
    return this.sending;
  }

  private async sendAll(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, 100);
      try {
        await callApi(API.audit.events, { body: batch }, this.transport);
        this.queue = this.queue.slice(batch.length);
      } catch (error) {
        // A refused body will never be accepted; anything else (offline, 5xx, signed out) is retried later.
        if (error instanceof ApiCallError && error.status === 400) {
          console.error('audit events refused', error);
          this.queue = this.queue.slice(batch.length);
        } else return;
      }
    }
  }
}
