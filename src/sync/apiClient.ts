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
import { authEndpoints } from './api/auth';
import { publicEndpoints } from './api/demo';
import { directoryEndpoints } from './api/directory';
import { pathOf, type AnswerOf, type BodyOf, type Endpoint, type ParamsOf, type QueryOf } from './api/endpoint';
import { apiErrorSchema, type ApiErrorCode, type ApiErrorIssue } from './api/errors';
import type { ChangePassword, CreateSite, CreateUnit, CreateUser, ReadReport } from '../domain/accounts';
import type { UpdateSite, UpdateUnit, UpdateUser } from '../domain/accounts';
import type { DeviceReport, RevokeDevice } from '../domain/devices';
import type { DeviceScopeSite } from '../domain/deviceScope';
import type { ExportEvent } from '../domain/exportAudit';
import type { AuditEvent, VerificationOverrideRequest } from '../domain/helplineAudit';
import type { ImportRequest } from '../domain/importRows';
import type { AuditQuery } from './api/audit';
import type { SaveMessageSettings } from './api/messages';
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

/**
 * A group of contracts loaded when one of its calls is first made: the
 * sign-in screen needs only the auth, directory and demo contracts, and the
 * others' schemas bring most of the domain (a call's phone numbers bring
 * libphonenumber-js's metadata) — bench/README.md, "Results". The chunks are
 * precached by the service worker like every screen, so they load offline.
 */
function lazyContracts<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw new ApiCallError(0, 'offline', error instanceof Error ? error.message : String(error));
    }));
}

const audit = lazyContracts(() => import('./api/audit').then((m) => m.auditEndpoints));
const admin = lazyContracts(() => import('./api/admin').then((m) => m.adminEndpoints));
const devices = lazyContracts(() => import('./api/devices').then((m) => m.deviceEndpoints));
const deviceScope = lazyContracts(() => import('./api/deviceScope').then((m) => m.deviceScopeEndpoints));
const helpline = lazyContracts(() => import('./api/helpline'));
const messages = lazyContracts(() => import('./api/messages').then((m) => m.messagesEndpoints));

/** The calls screens make, by name. */
export const api = {
  me: () => callApi(authEndpoints.me, {}),
  nameDevice: (name: string) => callApi(authEndpoints.nameDevice, { body: { name } }),
  changePassword: (body: ChangePassword) => callApi(authEndpoints.changePassword, { body }),
  directory: () => callApi(directoryEndpoints.directory, {}),
  demo: () => callApi(publicEndpoints.demo, { anonymous: true }),
  audit: {
    list: async (query: AuditQuery) => callApi((await audit()).list, { query }).then((answer) => answer.entries),
    reads: async (reports: ReadReport[]) => callApi((await audit()).reads, { body: reports }),
    events: async (events: AuditEvent[]) => callApi((await audit()).events, { body: events }),
    exports: async (event: ExportEvent) => callApi((await audit()).exports, { body: event }),
  },
  admin: {
    listUsers: async () => callApi((await admin()).listUsers, {}).then((answer) => answer.users),
    createUser: async (input: CreateUser) =>
      callApi((await admin()).createUser, { body: input }).then((answer) => answer.user),
    updateUser: async (id: string, patch: UpdateUser) =>
      callApi((await admin()).updateUser, { params: { id }, body: patch }).then((answer) => answer.user),
    resetPassword: async (id: string, password: string) =>
      callApi((await admin()).resetPassword, { params: { id }, body: { password } }).then((answer) => answer.user),
    listSites: async () => callApi((await admin()).listSites, {}).then((answer) => answer.sites),
    createSite: async (input: CreateSite) =>
      callApi((await admin()).createSite, { body: input }).then((answer) => answer.site),
    updateSite: async (id: string, patch: UpdateSite) =>
      callApi((await admin()).updateSite, { params: { id }, body: patch }).then((answer) => answer.site),
    listUnits: async () => callApi((await admin()).listUnits, {}).then((answer) => answer.units),
    createUnit: async (input: CreateUnit) =>
      callApi((await admin()).createUnit, { body: input }).then((answer) => answer.unit),
    updateUnit: async (id: string, patch: UpdateUnit) =>
      callApi((await admin()).updateUnit, { params: { id }, body: patch }).then((answer) => answer.unit),
  },
  devices: {
    report: async (report: DeviceReport) => callApi((await devices()).report, { body: report }),
    wiped: async () => callApi((await devices()).wiped, {}),
    list: async (staleDays: number) =>
      callApi((await devices()).list, { query: { staleDays: String(staleDays) } }),
    revoke: async (input: RevokeDevice) => callApi((await devices()).revoke, { body: input }),
  },
  deviceScope: {
    mine: async (via?: ApiConnection) => callApi((await deviceScope()).mine, {}, via),
    read: async () => callApi((await deviceScope()).read, {}),
    write: async (site: DeviceScopeSite) => callApi((await deviceScope()).write, { body: site }),
  },
  helpline: {
    verificationOverride: async (request: VerificationOverrideRequest) =>
      callApi((await helpline()).helplineEndpoints.verificationOverride, { body: request }),
  },
  importRows: async (request: ImportRequest) => callApi((await helpline()).importEndpoints.rows, { body: request }),
  messages: {
    family: async (householdId: string) =>
      callApi((await messages()).family, { query: { householdId } }).then((answer) => answer.messages),
    call: async (callId: string) => callApi((await messages()).call, { query: { callId } }).then((answer) => answer.messages),
    failures: async () => callApi((await messages()).failures, {}).then((answer) => answer.messages),
    recent: async () => callApi((await messages()).recent, {}),
    settings: async (siteId: string) => callApi((await messages()).settings, { query: { siteId } }),
    saveSettings: async (body: SaveMessageSettings) => callApi((await messages()).saveSettings, { body }),
  },
};
