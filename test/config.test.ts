import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { isSupportedNode } from '../src/node-version.ts';

describe('config', () => {
  it('has working defaults with nothing set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ token: undefined, databasePath: 'data/statements.db', corpusDir: 'data/corpus', defaultTimeZone: 'Europe/Kyiv', webhook: null, adminIds: [] });
  });

  it('reports every bad value on its own readable line, without echoing secrets', () => {
    let message = '';
    try {
      loadConfig({ TELEGRAM_BOT_TOKEN: 'not-a-token-SECRETPART', ADMIN_IDS: '12,abc', DEFAULT_TIMEZONE: 'Mars/Olympus', LOG_LEVEL: 'loud' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    const lines = message.split('\n').slice(1);
    expect(lines).toHaveLength(4);
    expect(message).toMatch(/TELEGRAM_BOT_TOKEN: does not look like a bot token/);
    expect(message).toMatch(/ADMIN_IDS: must be a comma-separated list/);
    expect(message).toMatch(/DEFAULT_TIMEZONE: must be an IANA time zone/);
    expect(message).not.toContain('SECRETPART');
  });

  it('A5: refuses webhook mode without a secret', () => {
    expect(() => loadConfig({ WEBHOOK_URL: 'https://bot.example.org/hook' })).toThrow(/WEBHOOK_SECRET: required when WEBHOOK_URL is set/);
    expect(loadConfig({ WEBHOOK_URL: 'https://bot.example.org/hook', WEBHOOK_SECRET: 'a'.repeat(32) }).webhook?.port).toBe(8080);
  });
});

describe('E1: Node version check', () => {
  it('accepts the supported Node versions and refuses others', () => {
    expect(isSupportedNode('20.20.2')).toBe(true);
    expect(isSupportedNode('22.12.0')).toBe(true);
    expect(isSupportedNode('20.10.0')).toBe(false);
    expect(isSupportedNode('18.19.0')).toBe(false);
    expect(isSupportedNode('21.7.0')).toBe(false);
  });
});
