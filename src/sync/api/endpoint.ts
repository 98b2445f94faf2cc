/**
 * What an HTTP contract is: one method and path, the schemas of what the app
 * sends (body, query) and of what the server answers. The server's route
 * declares the answer schema (sync-server/src/routes/contract.ts) and
 * validates every reply against it; the app's client (src/sync/apiClient.ts)
 * parses every answer with the same schema. Nobody re-declares either side.
 */
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH';

export interface Endpoint {
  method: HttpMethod;
  /** Fastify's pattern: `:name` is a path parameter. */
  path: string;
  /** The JSON body the app sends; absent: none. */
  body?: z.ZodType;
  /** The query string, as strings (the server coerces); absent: none. */
  query?: z.ZodType;
  /** The JSON answer; null: 204 and no body. */
  response: z.ZodType | null;
  /** The success status; 200 unless said (201 for creations, 204 when `response` is null). */
  status?: 200 | 201 | 204;
}

/** Keeps an endpoint's literal types (method, path, schemas) for the client and the route. */
export function endpoint<const E extends Endpoint>(definition: E): E {
  return definition;
}

/** What the app sends as the body (before the schema's defaults and transforms). */
export type BodyOf<E extends Endpoint> = E['body'] extends z.ZodType ? z.input<E['body']> : undefined;
/** The query the app sends, as the schema reads it. */
export type QueryOf<E extends Endpoint> = E['query'] extends z.ZodType ? z.input<E['query']> : undefined;
/** The answer the app reads, once parsed. */
export type AnswerOf<E extends Endpoint> = E['response'] extends z.ZodType ? z.output<E['response']> : void;
/** What a route must hand back: the answer as the app reads it (the server encodes it with the schema). */
export type ReplyOf<E extends Endpoint> = AnswerOf<E>;

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;
/** The path parameters an endpoint's pattern names (`/api/admin/users/:id` → `{ id: string }`). */
export type ParamsOf<E extends Endpoint> = { [K in ParamNames<E['path']>]: string };

/** The endpoint's path with its parameters filled in (each one URI-encoded). */
export function pathOf(definition: Endpoint, params: Record<string, string> = {}): string {
  return definition.path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${definition.path} needs :${name}`);
    return encodeURIComponent(value);
  });
}
