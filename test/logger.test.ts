import { describe, expect, it } from 'vitest';
import { GrammyError } from 'grammy';
import { createLogger, errorFields } from '../src/logger.ts';

const TOKEN = '123456:SECRET-abcdefghijklmnopqrstuvwxyz';

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', secrets: [TOKEN], destination: { write: (l: string) => lines.push(l) } as any });
  return { logger, lines };
}

describe('D1/D2: logs never carry the token or payloads', () => {
  it('redacts the token from messages, objects and errors', () => {
    const { logger, lines } = capture();
    logger.error({ url: `https://api.telegram.org/bot${TOKEN}/getUpdates`, nested: { deep: [`x ${TOKEN} y`] } }, `failed ${TOKEN}`);
    logger.warn({ err: new Error(`fetch failed for /bot${TOKEN}/sendMessage`) }, 'network');
    logger.info('secret part alone: SECRET-abcdefghijklmnopqrstuvwxyz');
    const all = lines.join('\n');
    expect(all).not.toContain('SECRET-abcdefghijklmnopqrstuvwxyz');
    expect(all).toContain('[redacted');
  });

  it('logs a GrammyError by method, code and description only', () => {
    const error = new GrammyError('Call to sendMessage failed', { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }, 'sendMessage', { chat_id: 99, text: 'private statement text' });
    const fields = errorFields(error);
    expect(fields).toMatchObject({ method: 'sendMessage', error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    expect(JSON.stringify(fields)).not.toContain('private statement text');
  });
});
