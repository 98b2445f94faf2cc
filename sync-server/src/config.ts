/** Server settings from the environment, checked once at start. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

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
  /** The documents' encryption key at rest (64 hex characters); without it one is made in DATA_DIR/attachments. */
  ATTACHMENT_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Largest document accepted, in megabytes (after the device downscaled it). */
  ATTACHMENT_MAX_FILE_MB: z.coerce.number().positive().max(50).default(20),
  /** Largest total of one household's documents, in megabytes. */
  ATTACHMENT_MAX_HOUSEHOLD_MB: z.coerce.number().positive().max(100_000).default(200),
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
  attachments: { dir: string; key?: string; maxFileBytes: number; maxHouseholdBytes: number };
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
    attachments: {
      dir: resolve(dataDir, 'attachments'),
      ...(parsed.data.ATTACHMENT_KEY ? { key: parsed.data.ATTACHMENT_KEY } : {}),
      maxFileBytes: Math.floor(parsed.data.ATTACHMENT_MAX_FILE_MB * 1024 * 1024),
      maxHouseholdBytes: Math.floor(parsed.data.ATTACHMENT_MAX_HOUSEHOLD_MB * 1024 * 1024),
    },
    demo: parsed.data.WAYSTATION_DEMO === '1',
    ...(parsed.data.WAYSTATION_ADMIN_PASSWORD
      ? { adminPassword: parsed.data.WAYSTATION_ADMIN_PASSWORD }
      : {}),
  };
}
