// The local chat console, as `npm start` runs it without a token, with piped input.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBotProcess } from '../helpers/bot-process.ts';
import { SHIPPED_CORPUS, tempDir } from '../helpers/store.ts';

describe('local chat console', () => {
  it('answers /actor Зеленський and /search North Korean troops from the shipped corpus, then exits', async () => {
    const proc = startBotProcess({ DATABASE_PATH: join(tempDir(), 'console.db'), CORPUS_DIR: SHIPPED_CORPUS });
    proc.child.stdin?.end('/actor Зеленський\n/search North Korean troops\n1\n');
    const { code } = await proc.exited;
    const out = proc.output();
    expect(code).toBe(0);
    expect(out).toContain('Statements by Volodymyr Zelensky');
    expect(out).toContain('Search: North Korean troops');
    expect(out).toMatch(/\[1\] More ▶/);
    expect(out).toMatch(/\(updated\)\nSearch: North Korean troops · 6–\d+/);
    expect(out).not.toMatch(/Error|at .*\.ts:\d+/);
  }, 60_000);
});
