/**
 * The app's one client of the server's HTTP contracts (src/sync/api/):
 * every call outside replication goes through here. It sends the session's
 * token and the protocol version (protocolFetch), and parses each answer
 * with the endpoint's own schema: a screen never reads an answer it has not
 * checked. Any failure is an ApiCallError whose `code` is the server's
 * error code (api/errors.ts), or `offline` when the server was not reached.
 *
 * The session (src/features/auth/session.ts) connects the client once with
 * where the server is and the current token; callers that run before or
 * outside it (sign-in, tests) pass a connection of their own.
 */
import type { z } from 'zod';
import {
  API,
  apiErrorSchema,
  pathOf,
  type AnswerOf,
  type ApiErrorCode,
  type ApiErrorIssue,
  type BodyOf,
  type Endpoint,
  type ParamsOf,
  type QueryOf,
} from './api';
import type { ChangePassword, CreateSite, CreateUnit, CreateUser, ReadReport } from '../domain/accounts';
import type { UpdateSite, UpdateUnit, UpdateUser } from '../domain/accounts';
import type { DeviceReport, RevokeDevice } from '../domain/devices';
import type { DeviceScopeSite } from '../domain/deviceScope';
import type { ExportEvent } from '../domain/exportAudit';
import type { AuditEvent, VerificationOverrideRequest } from '../domain/helplineAudit';
import type { ImportRequest } from '../domain/importRows';
import type { AuditQuery } from './api/audit';
import { protocolFetch } from './protocolFetch';

export interface ApiConnection {
  baseUrl: () => string;
  /** The session's token; undefined while signed out (an authorised call then fails with 401). */
  token: () => string | undefined;
  fetch?: typeof fetch;
}

let connection: ApiConnection = {
  baseUrl: () => globalThis.location?.origin ?? '',
  token: () => undefined,
};

/** Called by the session: where the server is and which token to send. */
export function connectApi(next: ApiConnection): void {
  connection = next;
}

/** Why a call failed: `offline` (status 0) when the server was not reached. */
export type ApiCallErrorCode = ApiErrorCode | 'offline' | 'unreadable_answer';

/** A failed call; `status` 0 means the server was not reached. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiCallErrorCode,
    message: string,
    readonly issues: ApiErrorIssue[] = [],
    /** Retry-After of a 429, in seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

type ParamsInput<E extends Endpoint> = keyof ParamsOf<E> extends never ? { params?: undefined } : { params: ParamsOf<E> };
type BodyInput<E extends Endpoint> = E['body'] extends z.ZodType ? { body: BodyOf<E> } : { body?: undefined };

export type CallInput<E extends Endpoint> = ParamsInput<E> &
  BodyInput<E> & {
    query?: QueryOf<E>;
    /** Extra headers (X-Device-Id at sign-in). */
    headers?: Record<string, string>;
    signal?: AbortSignal;
    /** Public endpoints (sign-in, demo) need no token. */
    anonymous?: boolean;
  };

function queryString(query: unknown): string {
  if (!query || typeof query !== 'object') return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function retryAfterOf(response: Response): number | undefined {
  const seconds = Number(response.headers.get('Retry-After'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

/** Calls one endpoint; resolves with its parsed answer, or throws ApiCallError. */
export async function callApi<E extends Endpoint>(
  endpoint: E,
  input: CallInput<E>,
  via: ApiConnection = connection,
): Promise<AnswerOf<E>> {
  const token = via.token();
  if (!token && !input.anonymous) throw new ApiCallError(401, 'unauthorized', 'Not signed in');
  const headers: Record<string, string> = { ...input.headers };
  if (token && !input.anonymous) headers.Authorization = `Bearer ${token}`;
  if (input.body !== undefined) headers['Content-Type'] = 'application/json';
  const url = `${via.baseUrl()}${pathOf(endpoint, input.params as Record<string, string> | undefined)}${queryString(input.query)}`;
  let response: Response;
  try {
    response = await (via.fetch ?? protocolFetch)(url, {
      method: endpoint.method,
      headers,
      ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }),
      ...(input.signal ? { signal: input.signal } : {}),
      cache: 'no-store',
    });
  } catch (error) {
    throw new ApiCallError(0, 'offline', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const body = apiErrorSchema.safeParse(await response.json().catch(() => undefined));
    throw new ApiCallError(
      response.status,
      body.success ? body.data.error : 'unreadable_answer',
      body.success ? body.data.message : response.statusText,
      body.success ? (body.data.issues ?? []) : [],
      retryAfterOf(response),
    );
  }
  if (endpoint.response === null) return undefined as AnswerOf<E>;
  const parsed = endpoint.response.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    throw new ApiCallError(response.status, 'unreadable_answer', `The answer of ${endpoint.path} is not what this app reads`);
  }
  return parsed.data as AnswerOf<E>;
}

/** The calls screens make, by name. */
export const api = {
  me: () => callApi(API.auth.me, {}),
  nameDevice: (name: string) => callApi(API.auth.nameDevice, { body: { name } }),
  changePassword: (body: ChangePassword) => callApi(API.auth.changePassword, { body }),
  directory: () => callApi(API.directory, {}),
  demo: () => callApi(API.demo, { anonymous: true }),
  audit: {
    list: (query: AuditQuery) => callApi(API.audit.list, { query }).then((answer) => answer.entries),
    reads: (reports: ReadReport[]) => callApi(API.audit.reads, { body: reports }),
    events: (events: AuditEvent[]) => callApi(API.audit.events, { body: events }),
    exports: (event: ExportEvent) => callApi(API.audit.exports, { body: event }),
  },
  admin: {
    listUsers: () => callApi(API.admin.listUsers, {}).then((answer) => answer.users),
    createUser: (input: CreateUser) => callApi(API.admin.createUser, { body: input }).then((answer) => answer.user),
    updateUser: (id: string, patch: UpdateUser) =>
      callApi(API.admin.updateUser, { params: { id }, body: patch }).then((answer) => answer.user),
    resetPassword: (id: string, password: string) =>
      callApi(API.admin.resetPassword, { params: { id }, body: { password } }).then((answer) => answer.user),
    listSites: () => callApi(API.admin.listSites, {}).then((answer) => answer.sites),
    createSite: (input: CreateSite) => callApi(API.admin.createSite, { body: input }).then((answer) => answer.site),
    updateSite: (id: string, patch: UpdateSite) =>
      callApi(API.admin.updateSite, { params: { id }, body: patch }).then((answer) => answer.site),
    listUnits: () => callApi(API.admin.listUnits, {}).then((answer) => answer.units),
    createUnit: (input: CreateUnit) => callApi(API.admin.createUnit, { body: input }).then((answer) => answer.unit),
    updateUnit: (id: string, patch: UpdateUnit) =>
      callApi(API.admin.updateUnit, { params: { id }, body: patch }).then((answer) => answer.unit),
  },
  devices: {
    report: (report: DeviceReport) => callApi(API.devices.report, { body: report }),
    wiped: () => callApi(API.devices.wiped, {}),
    list: (staleDays: number) => callApi(API.devices.list, { query: { staleDays: String(staleDays) } }),
    revoke: (input: RevokeDevice) => callApi(API.devices.revoke, { body: input }),
  },
  deviceScope: {
    mine: (via?: ApiConnection) => callApi(API.deviceScope.mine, {}, via),
    read: () => callApi(API.deviceScope.read, {}),
    write: (site: DeviceScopeSite) => callApi(API.deviceScope.write, { body: site }),
  },
  helpline: {
    verificationOverride: (request: VerificationOverrideRequest) =>
      callApi(API.helpline.verificationOverride, { body: request }),
  },
  importRows: (request: ImportRequest) => callApi(API.import.rows, { body: request }),
};
