// S10: terminal escape sequences from corpus or feed text never reach the terminal raw, in the
// CLI or the local console; newlines and tabs stay, and the console's own bold still works.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.ts';
import { htmlToTerminal } from '../src/console-chat.ts';
import { stripControl } from '../src/terminal-text.ts';
import { hostileLines } from './helpers/hostile-corpus.ts';
import { SHIPPED_CORPUS, tempDir } from './helpers/store.ts';

const CONTROL_BUT_NL_TAB = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env: { CORPUS_DIR: SHIPPED_CORPUS }, isTty: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('S10: control characters are stripped from terminal output', () => {
  it('stripControl keeps text, newlines and tabs, and drops C0, DEL and C1', () => {
    expect(stripControl('a\u001b[31mb\tc\nd\u0007e\u009b1mf\u007f\r')).toBe('a[31mb\tc\nde1mf');
  });

  it('the CLI prints a hostile statement and its source without any escape sequence', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'hostile.jsonl'), hostileLines().map((l) => JSON.stringify(l)).join('\n'));
    const db = join(dir, 'h.db');
    expect((await cli(['ingest', dir, '--db', db])).code).toBe(0);
    const found = await cli(['search', 'escapeword', '--db', db]);
    expect(found.out).toContain('escapeword');
    expect(found.out).toContain('Evil');
    expect(CONTROL_BUT_NL_TAB.test(found.out)).toBe(false);
    const id = /#(\d+)/.exec(found.out)?.[1];
    const shown = await cli(['show', String(id), '--db', db]);
    expect(shown.out).toContain('escapeword');
    expect(CONTROL_BUT_NL_TAB.test(shown.out)).toBe(false);
  });

  it('the console shows a card with escapes as plain text, keeping only its own bold', () => {
    const html = '<b>Evil\u001b[5m</b>\n<blockquote>Terminal \u001b[2J\u001b]0;owned\u0007 text</blockquote>';
    const plain = htmlToTerminal(html, false);
    expect(CONTROL_BUT_NL_TAB.test(plain)).toBe(false);
    const colored = htmlToTerminal(html, true);
    expect(colored.replaceAll('\u001b[1m', '').replaceAll('\u001b[22m', '')).toBe(plain);
    expect(colored.startsWith('\u001b[1mEvil[5m\u001b[22m')).toBe(true);
  });
});
