// A corpus file a hostile (or broken) source could produce: 3,000 speakers on one line, a
// 99,000-character statement, lone surrogates, emoji at cut points, non-http URLs and terminal
// escape sequences. Ingested next to the seeds so every test sees both.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../src/corpus/ingest.ts';
import type { Store } from '../../src/store/index.ts';
import { reference, SHIPPED_CORPUS, tempDir } from './store.ts';

export const LONG_TEXT_CHARS = 99_000;
export const HOSTILE_SPEAKERS = 3_000;

export function hostileLines(): object[] {
  const sentence = 'Drones hit the depot again overnight, officials said in a statement. ';
  const long = sentence.repeat(Math.ceil(LONG_TEXT_CHARS / sentence.length)).slice(0, LONG_TEXT_CHARS);
  return [
    { id: 'h-actors', text: 'A joint statement on air defence signed by everyone.', date: '2026-11-20', actor: Array.from({ length: HOSTILE_SPEAKERS }, (_, i) => `Signatory Number${i} Longname`), url: 'https://example.org/joint' },
    { id: 'h-long', text: long, date: '2026-11-19', actor: 'Volodymyr Zelensky', url: 'https://example.org/long' },
    // An emoji straddling every cut point the cards use, and a lone surrogate from a broken source.
    { id: 'h-emoji', text: `${'Sanctions 🇺🇦 '.repeat(120)}end \ud800 tail`, date: '2026-11-18', actor: 'Volodymyr Zelensky' },
    { id: 'h-js', text: 'Hostile link javascriptword statement about drones.', date: '2026-11-17', actor: 'Volodymyr Zelensky', url: 'javascript:alert(1)' },
    { id: 'h-data', text: 'Hostile link dataword statement about drones.', date: '2026-11-16', actor: 'Volodymyr Zelensky', url: 'data:text/html,<script>alert(1)</script>' },
    { id: 'h-file', text: 'Hostile link fileword statement about drones.', date: '2026-11-15', actor: 'Volodymyr Zelensky', url: 'file:///etc/passwd' },
    { id: 'h-longname', text: 'A statement by someone with a very long name about sanctions.', date: '2026-11-13', actor: `Hugename ${'Verylongname '.repeat(400)}`.trim(), source: `Outlet ${'Name '.repeat(1200)}`.trim() },
    { id: 'h-ansi', text: 'Terminal \u001b[2J \u001b[31m escapeword \u001b]0;owned\u0007 text \u009b31m here.', date: '2026-11-14', actor: 'Volodymyr Zelensky', source: 'Evil\u001b[5m Source' },
  ];
}

export function ingestHostile(store: Store, at = new Date('2026-11-21T08:00:00Z')): void {
  const dir = tempDir('sd-hostile-');
  writeFileSync(join(dir, 'hostile.jsonl'), hostileLines().map((l) => JSON.stringify(l)).join('\n'));
  const report = ingest({ paths: [dir], corpusDir: SHIPPED_CORPUS, store, reference: reference(), now: () => at });
  if (report.rejects.length) throw new Error(`hostile corpus rejected: ${JSON.stringify(report.rejects)}`);
}

export function statementIdOf(store: Store, externalId: string): number {
  const row = store.db.prepare('SELECT id FROM statements WHERE external_id = ? OR external_id LIKE ?').get(externalId, `%${externalId}`) as { id: number } | undefined;
  if (!row) throw new Error(`no statement ${externalId}`);
  return row.id;
}
