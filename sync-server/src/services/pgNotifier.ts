/**
 * ChangeNotifier across server processes, over PostgreSQL LISTEN/NOTIFY.
 *
 * `publish` tells this process's listeners at once and sends a NOTIFY so
 * every other process on the same database and schema tells theirs; a
 * process ignores the echo of its own notifications. Each process keeps one
 * dedicated connection LISTENing (a pooled one would be handed to others).
 *
 * Account changes travel the same way, so a stream open on any process
 * closes when its account is disabled elsewhere.
 *
 * Notifications are hints, not data (see changes.ts): when the LISTEN
 * connection drops, notifications sent meanwhile are lost, so after
 * reconnecting we tell listeners the current head of every collection and
 * devices pull whatever they missed.
 */
import { randomUUID } from 'node:crypto';
import { Client, Pool, escapeIdentifier } from 'pg';
import { z } from 'zod';
import { COLLECTION_NAMES } from '@waystation/domain/collections';
import { deliverAll, type AccountListener, type ChangeListener, type ChangeNotice, type ChangeNotifier } from './changes';

export interface PgChangeNotifierOptions {
  /** The store's schema: the channel is per schema, and catch-up reads its documents table. Default `public`. */
  schema?: string;
  /** Told about failed NOTIFYs, dropped LISTEN connections and throwing listeners. */
  onError?: (error: unknown) => void;
}

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;
/** PostgreSQL's NAMEDATALEN - 1: longer channel names are refused by pg_notify. */
const MAX_CHANNEL_BYTES = 63;

const notificationSchema = z.union([
  z.object({
    collection: z.string().min(1),
    seq: z.number().int().min(0),
    siteId: z.string(),
    origin: z.string(),
  }),
  z.object({ accountChanged: z.string().min(1), origin: z.string() }),
]);

export class PgChangeNotifier implements ChangeNotifier {
  private readonly listeners = new Set<ChangeListener>();
  private readonly accountListeners = new Set<AccountListener>();
  private readonly origin = randomUUID();
  private readonly channel: string;
  private readonly schema: string;
  private readonly onError: (error: unknown) => void;
  /** Sends NOTIFYs and runs catch-up queries; small, this is not the store's pool. */
  private readonly pool: Pool;
  private listenClient: Client | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectDelay = RECONNECT_MIN_MS;
  private closed = false;

  private constructor(
    private readonly connectionString: string,
    options: PgChangeNotifierOptions,
  ) {
    this.schema = options.schema ?? 'public';
    this.channel = `waystation_changes:${this.schema}`;
    if (Buffer.byteLength(this.channel) > MAX_CHANNEL_BYTES) {
      throw new Error(`Schema name too long for a notification channel: ${this.schema}`);
    }
    this.onError = options.onError ?? ((error) => console.error('change notifier:', error));
    this.pool = new Pool({ connectionString, max: 2 });
    this.pool.on('error', this.onError);
  }

  /** Resolves once this process is LISTENing, so nothing published afterwards is missed. */
  static async start(connectionString: string, options: PgChangeNotifierOptions = {}): Promise<PgChangeNotifier> {
    const notifier = new PgChangeNotifier(connectionString, options);
    try {
      await notifier.listen();
    } catch (error) {
      await notifier.pool.end();
      throw error;
    }
    return notifier;
  }

  publish(collection: string, seq: number, siteId: string): void {
    this.deliver({ collection, seq, siteId });
    this.notify({ collection, seq, siteId });
  }

  publishAccountChange(userId: string): void {
    deliverAll(this.accountListeners, userId, this.onError);
    this.notify({ accountChanged: userId });
  }

  subscribeAccountChanges(listener: AccountListener): () => void {
    this.accountListeners.add(listener);
    return () => {
      this.accountListeners.delete(listener);
    };
  }

  private notify(message: ChangeNotice | { accountChanged: string }) {
    const payload = JSON.stringify({ ...message, origin: this.origin });
    this.pool.query('SELECT pg_notify($1, $2)', [this.channel, payload]).catch(this.onError);
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.listenClient;
    this.listenClient = undefined;
    await client?.end().catch(() => undefined);
    await this.pool.end();
  }

  private deliver(notice: ChangeNotice) {
    deliverAll(this.listeners, notice, this.onError);
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.connectionString });
    client.on('notification', (message) => {
      if (message.channel !== this.channel || message.payload === undefined) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(message.payload);
      } catch {
        parsed = undefined;
      }
      const result = notificationSchema.safeParse(parsed);
      if (!result.success) {
        this.onError(new Error(`Ignored a malformed change notification: ${message.payload}`));
        return;
      }
      const data = result.data;
      if (data.origin === this.origin) return;
      if ('accountChanged' in data) deliverAll(this.accountListeners, data.accountChanged, this.onError);
      else this.deliver({ collection: data.collection, seq: data.seq, siteId: data.siteId });
    });
    client.on('error', (error) => {
      this.onError(error);
      this.lostConnection(client);
    });
    client.on('end', () => this.lostConnection(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${escapeIdentifier(this.channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listenClient = client;
  }

  private lostConnection(client: Client) {
    if (this.closed || this.listenClient !== client) return;
    this.listenClient = undefined;
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect() {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.listen()
        .then(() => {
          this.reconnectDelay = RECONNECT_MIN_MS;
          return this.catchUp();
        })
        .catch((error: unknown) => {
          this.onError(error);
          this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
          this.scheduleReconnect();
        });
    }, this.reconnectDelay);
  }

  /**
   * After a gap in listening: announce each collection's head per site so devices pull what they
   * missed. An account change missed meanwhile is caught by the streams' heartbeat check.
   */
  private async catchUp() {
    if (this.closed) return;
    const result = await this.pool.query<{ collection: string; site_id: string; seq: string }>(
      `SELECT d.collection, d.site_id, max(d.seq) AS seq
       FROM ${escapeIdentifier(this.schema)}.documents d
       WHERE d.collection = ANY($1::text[])
       GROUP BY d.collection, d.site_id`,
      [COLLECTION_NAMES],
    );
    for (const row of result.rows) {
      this.deliver({ collection: row.collection, seq: Number(row.seq), siteId: row.site_id });
    }
  }
}
