// Handler latency of every command of the bot and of inline queries, through bot.handleUpdate
// (API calls answered in-process), each next to the raw SQL that answers the same question on the
// same database where one makes sense; and the longest event-loop stall during the whole phase.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Update, UserFromGetMe } from 'grammy/types';
import pino from 'pino';
import { createBot } from '../src/bot/create-bot.ts';
import type { ReferenceData } from '../src/corpus/reference.ts';
import type { WriteTurns } from '../src/store/write-turns.ts';
import type { Store } from '../src/store/index.ts';
import { toFtsQuery, toSearchTerms } from '../src/store/fts-query.ts';
import { percentiles, round, timeAsync, timeSync } from './measure.ts';
import { prng } from './synth.ts';

const BOT_INFO = { id: 1, is_bot: true, first_name: 'Bench', username: 'bench_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true, can_connect_to_business: false, has_main_web_app: false } as UserFromGetMe;

/** Commands as the RSS bench sends them (one message each). */
export const QUERY_MIX: Array<[string, string]> = [
  ['latest', ''], ['latest', '8'],
  ['actor', 'Zelensky'], ['actor', 'Зеленський'], ['actor', 'Rutte'], ['actor', 'Putin'], ['actor', 'Коваленко17'],
  ['topic', 'sanctions'], ['topic', 'drones'], ['topic', 'air defense'], ['topic', 'санкції'],
  ['search', 'North Korean troops'], ['search', 'war'], ['search', 'Ukraine'], ['search', 'the'], ['search', 'peace summit'],
  ['search', 'санкції'], ['search', 'air defense Kyiv'], ['search', 'Putin wants'], ['search', 'шахед'],
];

/** A row of the latency table: what users send, and the raw query that answers the same question. */
interface Case {
  row: string;
  /** '/command args' for a message; the query text for an inline query (kind 'inline'). */
  inputs: string[];
  kind?: 'inline';
  raw: ((store: Store, input: string) => () => unknown) | null;
}

// The synthetic corpus repeats ~220 seed sentences (8 of them Ukrainian), so every text word is
// in thousands of statements at 1M ("common": in 7-90% of them; "less common": 2-7%); the rare
// words are made-up people's names (names column: about a hundred statements each), and "шахед"
// is in none.
const CASES: Case[] = [
  { row: '/latest', inputs: ['/latest', '/latest 8'], raw: (s) => prep(s, 'SELECT id, text FROM statements WHERE gone = 0 ORDER BY date_sort DESC, id DESC LIMIT 5', []) },
  { row: '/actor (known)', inputs: ['/actor Zelensky', '/actor Зеленський', '/actor Rutte', '/actor Putin', '/actor Коваленко17'], raw: rawActor },
  { row: '/actor (unknown name)', inputs: ['/actor Peskov', '/actor Пєсков', '/actor Zelemsky', '/actor Коваленко71', '/actor Budanow Kyrylo'], raw: rawClosestName },
  { row: '/actors', inputs: ['/actors'], raw: (s) => prep(s, 'SELECT actor_id, spoke FROM actor_tallies WHERE spoke > 0 ORDER BY spoke DESC, mentioned DESC, canonical LIMIT 12', []) },
  { row: '/topic', inputs: ['/topic sanctions', '/topic drones', '/topic air defense', '/topic санкції'], raw: rawTopic },
  { row: '/topics', inputs: ['/topics'], raw: (s) => prep(s, 'SELECT topic_slug, n FROM topic_tallies ORDER BY n DESC', []) },
  { row: '/about', inputs: ['/about'], raw: (s) => prep(s, 'SELECT dim, key, n FROM tallies', []) },
  { row: '/digest', inputs: ['/digest'], raw: rawDigest },
  { row: '/search EN common', inputs: ['/search the', '/search war', '/search Ukraine', '/search said president'], raw: rawSearch },
  { row: '/search EN less common', inputs: ['/search North Korean troops', '/search Pyongyang', '/search peace summit', '/search Putin wants'], raw: rawSearch },
  { row: '/search EN rare', inputs: ['/search Tanaka42', '/search Dubois117 Pierre', '/search Smith7'], raw: rawSearch },
  { row: '/search UK common', inputs: ['/search Україна', '/search війна', '/search Корея', '/search військових'], raw: rawSearch },
  { row: '/search UK rare', inputs: ['/search Коваленко17', '/search Шевченко250', '/search шахед', '/search Курськ'], raw: rawSearch },
  { row: 'inline (empty)', inputs: [''], kind: 'inline', raw: (s) => prep(s, 'SELECT id, text FROM statements WHERE gone = 0 ORDER BY date_sort DESC, id DESC LIMIT 20', []) },
  { row: 'inline (words)', inputs: ['North Kor', 'Зелен', 'war', 'санкц', 'the'], kind: 'inline', raw: (s, q) => rawSearch(s, q, true) },
];

function prep(store: Store, sql: string, params: unknown[]): () => unknown {
  const query = store.db.prepare(sql);
  return () => query.all(...params);
}

function rawActor(store: Store, input: string): () => unknown {
  const id = store.actors.find(input.replace(/^\/actor /, '')).matches[0]?.id ?? 0;
  return prep(store, `SELECT s.id, s.text FROM statements s WHERE s.gone = 0 AND s.id IN (SELECT statement_id FROM statement_actors WHERE actor_id = ? AND role = 'speaker') ORDER BY s.date_sort DESC, s.id DESC LIMIT 5`, [id]);
}

function rawTopic(store: Store, input: string): () => unknown {
  const words = input.replace(/^\/topic /, '');
  const slug = words === 'air defense' ? 'air-defense' : words === 'санкції' ? 'sanctions' : words;
  return prep(store, `SELECT s.id, s.text FROM statements s WHERE s.gone = 0 AND s.id IN (SELECT statement_id FROM statement_topics WHERE topic_slug = ?) ORDER BY s.date_sort DESC, s.id DESC LIMIT 5`, [slug]);
}

/** The trigram lookup alone (no scoring): the floor of a closest-name search. */
function rawClosestName(store: Store, input: string): () => unknown {
  const word = input.replace(/^\/actor /, '').toLowerCase().split(' ')[0] ?? '';
  const grams = [...new Set(Array.from({ length: Math.max(0, word.length - 2) }, (_, i) => word.slice(i, i + 3)))];
  return prep(store, 'SELECT actor_id FROM actor_name_grams WHERE actor_name_grams MATCH ? ORDER BY rank LIMIT 200', [grams.map((g) => `"${g}"`).join(' OR ') || '"x"']);
}

function rawDigest(store: Store): () => unknown {
  const until = store.statements.currentSeq();
  return prep(store, `SELECT id, text FROM statements WHERE seq > ? AND seq <= ? AND +gone = 0 AND date_precision = 'day' AND date >= ? ORDER BY seq LIMIT 1000`, [until - DIGEST_NEW_ROWS, until, '2025-12-20']);
}

function rawSearch(store: Store, input: string, typing = false): () => unknown {
  const match = toFtsQuery(toSearchTerms(input.replace(/^\/search /, ''), { typing })) ?? '"x"';
  return prep(store, 'SELECT rowid, bm25(statements_fts) AS r FROM statements_fts WHERE statements_fts MATCH ? ORDER BY r LIMIT 5', [match]);
}

/** Statements a daily digest subscriber has not seen yet: about a day's worth at 1M over ~4 years. */
const DIGEST_NEW_ROWS = 1000;
/** The bench's "now": just after the newest synthetic date, so digests have something to show. */
export const LATENCY_NOW = new Date('2025-12-27T06:00:00Z');

export interface LatencyFigure {
  command: string;
  ours: { p50: number; p95: number; p99: number; n: number };
  raw: { p50: number; p95: number; p99: number; n: number } | null;
}

export interface LatencyResult {
  figures: LatencyFigure[];
  /** The longest the event loop was blocked during the phase (perf_hooks.monitorEventLoopDelay). */
  maxStallMs: number;
  /** The slowest single request and what it was. */
  slowest: { ms: number; input: string };
}

/** An in-process bot whose API calls are answered at once (no network): handler time only. */
export function createBenchBot(store: Store, reference: ReferenceData, clock: () => Date, writeTurns?: WriteTurns) {
  const bot = createBot({ token: '1:bench-token-xxxxxxxxxxxxxxxxxxxx', apiRoot: 'http://127.0.0.1:9', botInfo: BOT_INFO }, {
    store, reference, logger: pino({ level: 'silent' }), clock, reindex: () => { throw new Error('not in bench'); }, ...(writeTurns ? { writeTurns } : {}),
    options: { adminIds: [], searchRatePerMinute: 1_000_000, dedupeUpdates: true, defaultTimeZone: 'Europe/Kyiv', digestMaxAgeDays: 7 },
  });
  bot.api.config.use(async (_prev, method, payload) => ({ ok: true, result: method === 'sendMessage' ? { message_id: 1, date: 0, chat: { id: 1, type: 'private' }, text: (payload as { text: string }).text } : true }) as never);
  return bot;
}

export function updateFor(c: { kind?: string }, input: string, updateId: number, userId: number): Update {
  const from = { id: userId, is_bot: false, first_name: 'B' };
  if (c.kind === 'inline') return { update_id: updateId, inline_query: { id: String(updateId), from, query: input, offset: '', chat_type: 'private' } } as Update;
  const command = input.split(' ')[0] as string;
  return { update_id: updateId, message: { message_id: updateId, date: 0, text: input, from, chat: { id: userId, type: 'private' }, entities: [{ type: 'bot_command', offset: 0, length: command.length }] } } as Update;
}

export async function benchQueries(store: Store, reference: ReferenceData, rounds: number): Promise<LatencyResult> {
  const bot = createBenchBot(store, reference, () => LATENCY_NOW);
  // Far above the ids the fake API hands out later in the same run (handled ids are remembered).
  let updateId = 1_000_000_000;
  // One request per user, as the old bench did: the per-user limits (3 digests a minute) never
  // answer instead of the handler, and the clock can stay fixed.
  const firstUser = 700_000_000;
  const warmups = CASES.flatMap((c) => c.inputs.map((input) => [c, input] as const));
  const users = warmups.length + rounds;
  // Every user subscribes, last digest about a day ago: /digest previews a real digest.
  for (let u = 0; u < users; u += 1) await bot.handleUpdate(updateFor(CASES[0] as Case, '/subscribe', updateId++, firstUser + u));
  store.db.prepare('UPDATE subscriptions SET watermark_seq = MAX(0, ? - ?) WHERE chat_id >= ?').run(store.statements.currentSeq(), DIGEST_NEW_ROWS, firstUser);
  let user = firstUser;

  const raws = new Map<string, () => unknown>();
  for (const c of CASES) {
    for (const input of c.inputs) {
      try {
        if (c.raw) raws.set(input, c.raw(store, input));
      } catch {
        // A database from before migration 0010 has no summary tables: no baseline for that row.
      }
    }
  }
  // Warm-up: prepared statements, caches, every input once.
  for (const [c, input] of warmups) {
    raws.get(input)?.();
    await bot.handleUpdate(updateFor(c, input, updateId++, user++));
  }

  // The requests first (the event-loop stall is measured over them alone), then the raw queries
  // for the same inputs in the same order.
  const ours = new Map<string, number[]>();
  const raw = new Map<string, number[]>();
  const random = prng(7);
  const picked: Array<[Case, string]> = [];
  const slowest = { ms: 0, input: '' };
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  for (let i = 0; i < rounds; i += 1) {
    const c = CASES[Math.floor(random() * CASES.length)] as Case;
    const input = c.inputs[Math.floor(random() * c.inputs.length)] as string;
    picked.push([c, input]);
    const { ms } = await timeAsync(() => bot.handleUpdate(updateFor(c, input, updateId++, user++)));
    ours.set(c.row, [...(ours.get(c.row) ?? []), ms]);
    if (ms > slowest.ms) Object.assign(slowest, { ms: round(ms), input: `${c.kind ?? 'message'} ${input}` });
    // Let timers run between requests, as a live bot does between updates: the stall measured is
    // then the longest single request, not the whole loop.
    await new Promise((resolve) => setImmediate(resolve));
  }
  delay.disable();
  for (const [c, input] of picked) {
    const query = raws.get(input);
    if (query) raw.set(c.row, [...(raw.get(c.row) ?? []), timeSync(query).ms]);
  }
  return {
    figures: CASES.map((c) => ({ command: c.row, ours: percentiles(ours.get(c.row) ?? []), raw: raw.has(c.row) ? percentiles(raw.get(c.row) ?? []) : null })),
    maxStallMs: round(delay.max / 1e6),
    slowest,
  };
}
