// Configuration: one zod schema over the environment → a typed Config. Read only by main/cli.
import { z } from 'zod';

const idList = z
  .string()
  .default('')
  .transform((s, ctx) => {
    const parts = s.split(/[,\s]+/).filter(Boolean);
    const ids = parts.map(Number);
    if (ids.some((n) => !Number.isSafeInteger(n))) {
      ctx.addIssue({ code: 'custom', message: 'must be a comma-separated list of numeric Telegram user ids' });
      return z.NEVER;
    }
    return ids;
  });

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/Kyiv');

export const envSchema = z.object({
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[\w-]{20,}$/, 'does not look like a bot token (digits:secret)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  DATABASE_PATH: z.string().min(1).default('data/statements.db'),
  CORPUS_DIR: z.string().min(1).default('data/corpus'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('NORMAL'),
  ADMIN_IDS: idList,
  WEBHOOK_URL: z.url().optional().or(z.literal('').transform(() => undefined)),
  WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16–256 characters of A–Z, a–z, 0–9, _ and -')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  // Every interface by default (Telegram must reach it); 127.0.0.1 behind a reverse proxy on the same machine.
  WEBHOOK_HOST: z.string().min(1).default('0.0.0.0'),
  DEFAULT_TIMEZONE: timeZone.default('Europe/Kyiv'),
  DIGEST_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  DIGEST_CATCH_UP_HOURS: z.coerce.number().min(0).max(48).default(6),
  INGEST_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(10),
  SEND_RATE_PER_SECOND: z.coerce.number().min(1).max(30).default(28),
  DIGEST_TICK_SECONDS: z.coerce.number().int().min(1).max(60).default(60),
  SEARCH_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(600).default(10),
  POLLING_MODE: z.enum(['builtin', 'runner']).default('builtin'),
  SOURCES_FILE: z.string().min(1).default('data/sources.json'),
  SOURCES_TICK_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  SHUTDOWN_DEADLINE_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  DELIVERY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  token: string | undefined;
  apiRoot: string;
  databasePath: string;
  corpusDir: string;
  logLevel: Env['LOG_LEVEL'];
  sqliteSynchronous: Env['SQLITE_SYNCHRONOUS'];
  adminIds: number[];
  /** path: WEBHOOK_URL's path, the only one the server answers on. */
  webhook: { url: string; secret: string; port: number; host: string; path: string } | null;
  defaultTimeZone: string;
  digestMaxAgeDays: number;
  digestCatchUpHours: number;
  ingestIntervalMinutes: number;
  sendRatePerSecond: number;
  digestTickSeconds: number;
  searchRatePerMinute: number;
  /** builtin: grammY's sequential bot.start(); runner: @grammyjs/runner, concurrent across chats. */
  pollingMode: Env['POLLING_MODE'];
  /** Live sources (feeds) to poll; a missing file means none. */
  sourcesFile: string;
  /** How often the poller looks for sources whose own interval has come. */
  sourcesTickSeconds: number;
  /** A shutdown still going after this long ends the process (exit 1, naming what was running). */
  shutdownDeadlineSeconds: number;
  /** Digest texts and send events are kept this long; decisions a year. */
  deliveryRetentionDays: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws ConfigError with one readable line per problem. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || 'environment'}: ${i.message}`);
    throw new ConfigError(`Cannot start: the configuration is invalid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.WEBHOOK_URL && !e.WEBHOOK_SECRET) {
    throw new ConfigError(
      'Cannot start: the configuration is invalid:\n  WEBHOOK_SECRET: required when WEBHOOK_URL is set (without it anyone could post updates to the bot)',
    );
  }
  return {
    token: e.TELEGRAM_BOT_TOKEN,
    apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
    databasePath: e.DATABASE_PATH,
    corpusDir: e.CORPUS_DIR,
    logLevel: e.LOG_LEVEL,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    adminIds: e.ADMIN_IDS,
    webhook: e.WEBHOOK_URL && e.WEBHOOK_SECRET
      ? { url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET, port: e.WEBHOOK_PORT, host: e.WEBHOOK_HOST, path: new URL(e.WEBHOOK_URL).pathname || '/' }
      : null,
    defaultTimeZone: e.DEFAULT_TIMEZONE,
    digestMaxAgeDays: e.DIGEST_MAX_AGE_DAYS,
    digestCatchUpHours: e.DIGEST_CATCH_UP_HOURS,
    ingestIntervalMinutes: e.INGEST_INTERVAL_MINUTES,
    sendRatePerSecond: e.SEND_RATE_PER_SECOND,
    digestTickSeconds: e.DIGEST_TICK_SECONDS,
    searchRatePerMinute: e.SEARCH_RATE_PER_MINUTE,
    pollingMode: e.POLLING_MODE,
    sourcesFile: e.SOURCES_FILE,
    sourcesTickSeconds: e.SOURCES_TICK_SECONDS,
    shutdownDeadlineSeconds: e.SHUTDOWN_DEADLINE_SECONDS,
    deliveryRetentionDays: e.DELIVERY_RETENTION_DAYS,
  };
}
