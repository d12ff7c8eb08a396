// What an export holds: a shown list whole and in its order; typed filters exactly the statements
// an independent check over every statement selects; never more than the cap.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseExportArgs, periodBound } from '../../src/export/args.ts';
import { exportFilename } from '../../src/export/filename.ts';
import { planFilterExport } from '../../src/export/plan.ts';
import type { ExportTarget } from '../../src/export/source.ts';
import { exportBatches, judgeExportSize, measureExport } from '../../src/export/source.ts';
import { ingest } from '../../src/corpus/ingest.ts';
import type { Page, Statement, Store } from '../../src/store/index.ts';
import { reference, SHIPPED_CORPUS, seededStore, tempDir } from '../helpers/store.ts';

/** Statements with every kind of date, both languages, two speakers, on and off a topic. */
const EXTRA = [
  { text: 'Sanctions must be tightened on oil.', date: '2025-09-15', actor: 'Volodymyr Zelensky', lang: 'en' },
  { text: 'Санкції проти Росії мають посилюватися.', date: '2025-09-01', actor: 'Volodymyr Zelensky', lang: 'uk' },
  { text: 'A statement about sanctions made some day in September.', date: '2025-09', actor: 'Volodymyr Zelensky', lang: 'en' },
  { text: 'Санкції: заява без відомого дня, лише рік.', date: '2025', actor: 'Андрій Сибіга', lang: 'uk' },
  { text: 'Sanctions, but nobody knows when this was said.', date: null, actor: 'Volodymyr Zelensky', lang: 'en' },
  { text: 'Sanctions on the last day of August.', date: '2025-08-31', actor: 'Volodymyr Zelensky', lang: 'en' },
  { text: 'Air defence on the first of October.', date: '2025-10-01', actor: 'Андрій Сибіга', lang: 'en' },
  { text: 'August as a month, about drones.', date: '2025-08', actor: 'Volodymyr Zelensky', lang: 'en' },
];

let store: Store;
let all: Statement[];
beforeAll(() => {
  store = seededStore();
  const dir = tempDir();
  writeFileSync(join(dir, 'extra.jsonl'), EXTRA.map((e, i) => JSON.stringify({ id: `extra-${i}`, url: `https://e.org/${i}`, source: 'Test', ...e })).join('\n'));
  ingest({ paths: [dir], corpusDir: SHIPPED_CORPUS, store, reference: reference(), now: () => new Date('2026-11-21T08:00:00Z') });
  all = store.statements.latest(10_000).items;
});

const ids = (batches: Iterable<Statement[]>): number[] => [...batches].flat().map((s) => s.id);

function pagesOf(fetch: (cursor: string | null) => Page): number[] {
  const out: number[] = [];
  let cursor: string | null = null;
  do {
    const page = fetch(cursor);
    out.push(...page.items.map((s) => s.id));
    cursor = page.next;
  } while (cursor);
  return out;
}

describe('exporting a list', () => {
  it('holds exactly the statements of its pages, in their order (latest, actor, topic, search)', () => {
    const zelensky = store.actors.find('Zelensky').matches[0]?.id as number;
    const cases: Array<[ExportTarget, (c: string | null) => Page]> = [
      [{ kind: 'list', list: 'latest', arg: '' }, (c) => store.statements.latest(5, c)],
      [{ kind: 'list', list: 'actor', arg: String(zelensky) }, (c) => store.statements.byActor(zelensky, 5, c)],
      [{ kind: 'list', list: 'topic', arg: 'sanctions' }, (c) => store.statements.byTopic('sanctions', 5, c)],
      [{ kind: 'list', list: 'search', arg: 'North Korean troops' }, (c) => store.statements.search('North Korean troops', 5, c)],
      // No statement has all these words: the list (and the export) is of those with some.
      [{ kind: 'list', list: 'search', arg: 'sanctions zzzqqq' }, (c) => store.statements.search('sanctions zzzqqq', 5, c)],
    ];
    for (const [target, fetch] of cases) {
      const shown = pagesOf(fetch);
      expect(shown.length).toBeGreaterThan(3);
      expect(ids(exportBatches(store, target)), JSON.stringify(target)).toEqual(shown);
      expect(measureExport(store, target).rows).toBe(shown.length);
    }
  });

  it('stops at the cap it is given', () => {
    const target: ExportTarget = { kind: 'list', list: 'latest', arg: '' };
    expect(ids(exportBatches(store, target, 7))).toEqual(all.slice(0, 7).map((s) => s.id));
  });
});

/** An independent reading of the filters over every statement (a period reaching into the window counts). */
function expected(f: { actor?: string; topic?: string; lang?: string; from?: string; to?: string }): number[] {
  const period = (s: Statement): [string, string] | null => {
    if (!s.date) return null;
    if (s.datePrecision === 'day') return [s.date, s.date];
    if (s.datePrecision === 'month') return [`${s.date}-01`, periodBound(s.date, 'to') as string];
    return [`${s.date}-01-01`, `${s.date}-12-31`];
  };
  return all.filter((s) => {
    if (f.actor && !s.speakers.includes(f.actor)) return false;
    if (f.topic && !s.topics.includes(f.topic)) return false;
    if (f.lang && s.lang !== f.lang) return false;
    if (f.from || f.to) {
      const p = period(s);
      if (!p) return false;
      if (f.from && p[1] < f.from) return false;
      if (f.to && p[0] > f.to) return false;
    }
    return true;
  }).map((s) => s.id);
}

describe('exporting by filters', () => {
  const combos = [
    'actor:zelensky', 'actor:Сибіга', 'topic:sanctions', 'lang:uk', 'from:2025-09-01 to:2025-09-30', 'from:2025-09-15',
    'to:2025-08-31', 'from:2025-09', 'to:2025', 'topic:sanctions actor:zelensky from:2025-09-01 to:2025-09-30 lang:uk',
    'topic:санкції actor:zelenskiy from:2025-09 to:2025-09', 'actor:zelensky lang:en to:2024-12-31', '',
  ];
  it.each(combos)('%s: the same statements, newest first, as a check over every statement', (words) => {
    const parsed = parseExportArgs(words);
    if (!parsed.ok) throw new Error(parsed.word);
    const planned = planFilterExport(store, reference().tagger, parsed.words, 'en');
    if (!planned.ok) throw new Error(planned.word);
    const { filters } = planned.plan.target as Extract<ExportTarget, { kind: 'filters' }>;
    const actor = filters.actorId === undefined ? undefined : store.actors.byId(filters.actorId)?.canonical;
    const want = expected({ ...parsed.words, ...(actor ? { actor } : {}), ...(filters.topic ? { topic: filters.topic } : {}) });
    // Every combination selects something, and (but for the empty filter) not everything.
    expect(want.length).toBeGreaterThan(0);
    if (words) expect(want.length).toBeLessThan(all.length);
    expect(ids(exportBatches(store, planned.plan.target))).toEqual(want);
    const size = measureExport(store, planned.plan.target);
    expect(size.rows).toBe(want.length);
    // The foreseen size covers the text of every statement, at 3 bytes a UTF-16 unit.
    const chars = all.filter((s) => want.includes(s.id)).reduce((n, s) => n + s.text.length, 0);
    expect(size.bytes).toBe(chars * 3 + want.length * 600);
  });

  it('the September window keeps the month-dated and year-dated statements that reach into it, not the undated', () => {
    const parsed = parseExportArgs('from:2025-09-01 to:2025-09-30 topic:sanctions');
    if (!parsed.ok) throw new Error();
    const planned = planFilterExport(store, reference().tagger, parsed.words, 'en');
    if (!planned.ok) throw new Error();
    const texts = [...exportBatches(store, planned.plan.target)].flat().map((s) => s.text);
    expect(texts).toEqual(expect.arrayContaining([EXTRA[0]?.text, EXTRA[1]?.text, EXTRA[2]?.text, EXTRA[3]?.text]));
    expect(texts).not.toContain(EXTRA[4]?.text);
    expect(texts).not.toContain(EXTRA[5]?.text);
  });

  it('an unknown person or topic is reported with suggestions, never guessed', () => {
    const r = planFilterExport(store, reference().tagger, { actor: 'Zelenskx' }, 'en');
    expect(r).toMatchObject({ ok: false, problem: 'actor' });
    expect(planFilterExport(store, reference().tagger, { topic: 'qqqq' }, 'en')).toMatchObject({ ok: false, problem: 'topic', suggestions: [] });
  });
});

describe('export size', () => {
  it('refuses nothing, too many rows, or a file Telegram would not take; else goes ahead', () => {
    expect(judgeExportSize({ rows: 0, bytes: 0 })).toBe('empty');
    expect(judgeExportSize({ rows: 5001, bytes: 10 })).toBe('too-many-rows');
    expect(judgeExportSize({ rows: 5000, bytes: 45 * 1024 * 1024 + 1 })).toBe('too-big');
    expect(judgeExportSize({ rows: 5000, bytes: 45 * 1024 * 1024 })).toBe('ok');
  });
});

describe('the words of /export', () => {
  it('reads filters, quoted names, formats and periods', () => {
    expect(parseExportArgs('topic:sanctions actor:"Andrii Sybiha" from:2025-09 to:2025-09 lang:UK format:CSV')).toEqual({
      ok: true, format: 'csv', hasFilters: true,
      words: { topic: 'sanctions', actor: 'Andrii Sybiha', from: '2025-09-01', to: '2025-09-30', lang: 'uk' },
    });
    expect(parseExportArgs('format:md')).toEqual({ ok: true, format: 'md', hasFilters: false, words: {} });
    expect(parseExportArgs('actor:andrii_sybiha')).toMatchObject({ ok: true, words: { actor: 'andrii sybiha' } });
    expect(periodBound('2024-02', 'to')).toBe('2024-02-29');
    expect(periodBound('2025', 'to')).toBe('2025-12-31');
  });

  it('refuses what it cannot read, saying which word', () => {
    expect(parseExportArgs('from:2025-02-30')).toEqual({ ok: false, problem: 'date', word: 'from:2025-02-30' });
    expect(parseExportArgs('from:yesterday')).toMatchObject({ ok: false, problem: 'date' });
    expect(parseExportArgs('from:2025-10-01 to:2025-09-01')).toMatchObject({ ok: false, problem: 'range' });
    expect(parseExportArgs('lang:fr')).toMatchObject({ ok: false, problem: 'lang' });
    expect(parseExportArgs('format:pdf')).toMatchObject({ ok: false, problem: 'format' });
    expect(parseExportArgs('colour:red')).toMatchObject({ ok: false, problem: 'unknown', word: 'colour:red' });
    expect(parseExportArgs('drones')).toMatchObject({ ok: false, problem: 'unknown', word: 'drones' });
  });

  it('names the file after the filter and the day, in safe ASCII', () => {
    expect(exportFilename(['actor Volodymyr Zelensky', 'topic sanctions', 'from 2025-09-01', 'to 2025-09-30', 'uk'], '2026-11-30', 'csv'))
      .toBe('statements_actor-volodymyr-zelensky_topic-sanctions_from-2025-09-01_to-2025-09-30_uk_2026-11-30.csv');
    expect(exportFilename(['search Зеленський "дрони" <script>'], '2026-11-30', 'md')).toBe('statements_search-zelenskyi-drony-script_2026-11-30.md');
  });
});
