// Logging with pino. Secrets never reach a log line: every string is passed through redact(),
// and errors are logged by a few safe fields, never as whole objects (a GrammyError carries the
// request payload, an HttpError the URL with the token).
import pino from 'pino';

export type Logger = pino.Logger;

const TOKEN_PATTERN = /\d{5,}:[A-Za-z0-9_-]{20,}/g;

export function createRedactor(secrets: Array<string | undefined>): (s: string) => string {
  const exact = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
  const parts = exact.flatMap((s) => [s, ...(s.includes(':') ? [s.slice(s.indexOf(':') + 1)] : [])]).filter((s) => s.length >= 8);
  return (s: string): string => {
    let out = s.replace(TOKEN_PATTERN, '[redacted-token]');
    for (const secret of parts) out = out.split(secret).join('[redacted]');
    return out;
  };
}

function redactDeep(value: unknown, redact: (s: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return errorFields(value, redact);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact, depth + 1)]));
}

/** The fields of an error that are safe to log: no payloads, no URLs with tokens. */
export function errorFields(error: unknown, redact: (s: string) => string = (s) => s): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: redact(String(error)) };
  const e = error as Error & { code?: unknown; method?: unknown; error_code?: unknown; description?: unknown; error?: unknown };
  const fields: Record<string, unknown> = { name: e.name, message: redact(e.message) };
  if (typeof e.code === 'string' || typeof e.code === 'number') fields.code = e.code;
  if (typeof e.method === 'string') fields.method = e.method;
  if (typeof e.error_code === 'number') fields.error_code = e.error_code;
  if (typeof e.description === 'string') fields.description = redact(e.description);
  // grammY's BotError and HttpError wrap the real cause.
  const inner = e.error ?? (e as { cause?: unknown }).cause;
  if (inner instanceof Error && inner !== error) fields.cause = errorFields(inner, redact);
  return fields;
}

export function createLogger(options: { level: string; secrets: Array<string | undefined>; destination?: pino.DestinationStream }): Logger {
  const redact = createRedactor(options.secrets);
  return pino(
    {
      level: options.level,
      base: undefined,
      hooks: {
        logMethod(args, method) {
          const safe = args.map((a) => redactDeep(a, redact)) as Parameters<typeof method>;
          return method.apply(this, safe);
        },
      },
    },
    options.destination ?? pino.destination(2),
  );
}
