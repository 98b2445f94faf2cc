/** Server settings from the environment, checked once at start. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { retentionPolicySchema, type RetentionPolicy } from '../../src/domain/retention';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** How long a client has to send a whole request (a stalled upload is cut after it). */
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  /** 1 when devices reach the server over HTTPS (a TLS proxy in front): adds HSTS. */
  BEHIND_TLS: z.enum(['0', '1', '']).default(''),
  /** The first admin's password on a database without users; a random one is printed otherwise. */
  WAYSTATION_ADMIN_PASSWORD: z.string().optional(),
  // Empty counts as unset, so `DATABASE_URL=` in an env file keeps SQLite.
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Set only by `npm run demo` (services/demo.ts says what else demo mode requires). */
  WAYSTATION_DEMO: z.enum(['0', '1', '']).default(''),
  /** Days each collection keeps deleted versions, as JSON: {"households":{"tombstoneDays":365}}. Unset: kept for good. */
  WAYSTATION_RETENTION: z.string().optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier (letters, digits, _)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

/** Where the documents live: one SQLite file (default) or a PostgreSQL schema shared by several processes. */
export type DatabaseConfig =
  { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema: string };

export interface Config {
  port: number;
  host: string;
  /** Absolute; created if missing. */
  dataDir: string;
  database: DatabaseConfig;
  /** The production build of the app (vite build output). */
  staticDir: string;
  logLevel: string;
  sessionTtlHours: number;
  requestTimeoutMs: number;
  behindTls: boolean;
  adminPassword?: string;
  /** Demo mode: invented data and public demo accounts (checked against the data by services/demo.ts). */
  demo: boolean;
  /** Deleted versions' retention per collection (empty: kept for good); purged hourly. */
  retention: RetentionPolicy;
}

function parseRetention(text: string | undefined): RetentionPolicy {
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('Invalid configuration: WAYSTATION_RETENTION must be JSON, e.g. {"households":{"tombstoneDays":365}}');
  }
  const parsed = retentionPolicySchema.safeParse(value);
  if (!parsed.success) throw new Error(`Invalid configuration: WAYSTATION_RETENTION: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${z.prettifyError(parsed.error)}`);
  }
  const dataDir = resolve(parsed.data.DATA_DIR);
  const database: DatabaseConfig = parsed.data.DATABASE_URL
    ? { kind: 'postgres', url: parsed.data.DATABASE_URL, schema: parsed.data.DATABASE_SCHEMA ?? 'public' }
    : { kind: 'sqlite', path: resolve(dataDir, 'waystation.sqlite') };
  if (database.kind === 'sqlite') mkdirSync(dataDir, { recursive: true });
  return {
    port: parsed.data.PORT,
    host: parsed.data.HOST,
    dataDir,
    database,
    staticDir: resolve(REPO_ROOT, 'dist'),
    logLevel: parsed.data.LOG_LEVEL,
    sessionTtlHours: parsed.data.SESSION_TTL_HOURS,
    requestTimeoutMs: parsed.data.REQUEST_TIMEOUT_SECONDS * 1000,
    behindTls: parsed.data.BEHIND_TLS === '1',
    demo: parsed.data.WAYSTATION_DEMO === '1',
    retention: parseRetention(parsed.data.WAYSTATION_RETENTION),
    ...(parsed.data.WAYSTATION_ADMIN_PASSWORD
      ? { adminPassword: parsed.data.WAYSTATION_ADMIN_PASSWORD }
      : {}),
  };
}
