/** Server settings from the environment, checked once at start. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { retentionPolicySchema, type RetentionPolicy } from '@waystation/domain/retention';
import type { S3Config } from './attachments/s3BlobStore';

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
  /** Set: documents go to this bucket of an S3-compatible store instead of DATA_DIR/attachments. */
  ATTACHMENT_S3_BUCKET: z.string().optional(),
  /** The S3 API's origin, e.g. https://s3.eu-west-1.amazonaws.com or http://minio:9000. */
  ATTACHMENT_S3_ENDPOINT: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  ATTACHMENT_S3_REGION: z.string().min(1).default('us-east-1'),
  ATTACHMENT_S3_ACCESS_KEY_ID: z.string().optional(),
  ATTACHMENT_S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** 1: endpoint/bucket/key (MinIO and most self-hosted stores); unset: bucket.endpoint/key (AWS). */
  ATTACHMENT_S3_PATH_STYLE: z.enum(['0', '1', '']).default(''),
  /** Key prefix inside the bucket, e.g. `waystation/`, so one bucket can hold several installations. */
  ATTACHMENT_S3_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9._-]+\/)*$/, 'must be parts of letters, digits, ".", "_", "-", each ending with "/"')
    .default(''),
  /** Messages to families: `log` (default, sends nothing) or `twilio`. */
  MESSAGING_PROVIDER: z.enum(['log', 'twilio', '']).default(''),
  /** How often each server process schedules and sends due messages. */
  MESSAGING_TICK_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** The server's public origin (https://…): Twilio's callbacks come to it and their signatures cover it. */
  PUBLIC_URL: z.string().regex(/^https?:\/\/[^/]+$/, 'must be an origin like https://waystation.example.org').optional().or(z.literal('').transform(() => undefined)),
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  TWILIO_FROM: z.string().optional(),
  TWILIO_MESSAGING_SERVICE_SID: z.string().optional(),
  TWILIO_WHATSAPP_FROM: z.string().optional(),
  /** Only for tests (a local server implementing Twilio's API); default https://api.twilio.com. */
  TWILIO_API_BASE: z.string().url().optional(),
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
  attachments: AttachmentConfig;
  messaging: MessagingConfig;
  /** Deleted versions' retention per collection (empty: kept for good); purged hourly. */
  retention: RetentionPolicy;
}

export interface AttachmentConfig {
  /** The directory store's place, and of its key file when ATTACHMENT_KEY is unset. */
  dir: string;
  key?: string;
  maxFileBytes: number;
  maxHouseholdBytes: number;
  /** Set: the documents live in this bucket, not in `dir` (ATTACHMENT_KEY is then required). */
  s3?: S3Config;
}

export type MessagingConfig = { tickMs: number } & (
  | { provider: 'log' }
  | {
      provider: 'twilio';
      accountSid: string;
      authToken: string;
      from?: string;
      messagingServiceSid?: string;
      whatsappFrom?: string;
      apiBase?: string;
      publicUrl: string;
    }
);

function messagingConfig(env: z.infer<typeof envSchema>): MessagingConfig {
  const tickMs = env.MESSAGING_TICK_SECONDS * 1000;
  if (env.MESSAGING_PROVIDER !== 'twilio') return { provider: 'log', tickMs };
  const missing = [
    ['TWILIO_ACCOUNT_SID', env.TWILIO_ACCOUNT_SID],
    ['TWILIO_AUTH_TOKEN', env.TWILIO_AUTH_TOKEN],
    ['PUBLIC_URL', env.PUBLIC_URL],
  ].filter(([, value]) => !value).map(([name]) => name);
  if (!env.TWILIO_FROM && !env.TWILIO_MESSAGING_SERVICE_SID) missing.push('TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID');
  if (missing.length > 0) throw new Error(`Invalid configuration: MESSAGING_PROVIDER=twilio needs ${missing.join(', ')}`);
  return {
    provider: 'twilio',
    tickMs,
    accountSid: env.TWILIO_ACCOUNT_SID ?? '',
    authToken: env.TWILIO_AUTH_TOKEN ?? '',
    publicUrl: env.PUBLIC_URL ?? '',
    ...(env.TWILIO_FROM ? { from: env.TWILIO_FROM } : {}),
    ...(env.TWILIO_MESSAGING_SERVICE_SID ? { messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID } : {}),
    ...(env.TWILIO_WHATSAPP_FROM ? { whatsappFrom: env.TWILIO_WHATSAPP_FROM } : {}),
    ...(env.TWILIO_API_BASE ? { apiBase: env.TWILIO_API_BASE } : {}),
  };
}

function s3Config(env: z.infer<typeof envSchema>): S3Config | undefined {
  const bucket = env.ATTACHMENT_S3_BUCKET;
  if (!bucket) return undefined;
  const missing = [
    ['ATTACHMENT_S3_ENDPOINT', env.ATTACHMENT_S3_ENDPOINT],
    ['ATTACHMENT_S3_ACCESS_KEY_ID', env.ATTACHMENT_S3_ACCESS_KEY_ID],
    ['ATTACHMENT_S3_SECRET_ACCESS_KEY', env.ATTACHMENT_S3_SECRET_ACCESS_KEY],
    // A key made on one machine's disk would not open what another process put in the shared bucket.
    ['ATTACHMENT_KEY', env.ATTACHMENT_KEY],
  ]
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length > 0) {
    throw new Error(`Invalid configuration: ATTACHMENT_S3_BUCKET needs ${missing.join(', ')}`);
  }
  return {
    bucket,
    endpoint: env.ATTACHMENT_S3_ENDPOINT ?? '',
    region: env.ATTACHMENT_S3_REGION,
    accessKeyId: env.ATTACHMENT_S3_ACCESS_KEY_ID ?? '',
    secretAccessKey: env.ATTACHMENT_S3_SECRET_ACCESS_KEY ?? '',
    pathStyle: env.ATTACHMENT_S3_PATH_STYLE === '1',
    prefix: env.ATTACHMENT_S3_PREFIX,
  };
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
  const s3 = s3Config(parsed.data);
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
      ...(s3 ? { s3 } : {}),
    },
    demo: parsed.data.WAYSTATION_DEMO === '1',
    messaging: messagingConfig(parsed.data),
    retention: parseRetention(parsed.data.WAYSTATION_RETENTION),
    ...(parsed.data.WAYSTATION_ADMIN_PASSWORD
      ? { adminPassword: parsed.data.WAYSTATION_ADMIN_PASSWORD }
      : {}),
  };
}
