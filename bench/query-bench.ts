// Handler latency of /latest, /actor, /topic, /search through bot.handleUpdate (API calls
// answered in-process), against the equivalent raw SQL/FTS5 query on the same database.
import type { Update, UserFromGetMe } from 'grammy/types';
import pino from 'pino';
import { createBot } from '../src/bot/create-bot.ts';
import type { ReferenceData } from '../src/corpus/reference.ts';
import type { Store } from '../src/store/index.ts';
import { toFtsQuery, toSearchTerms } from '../src/store/fts-query.ts';
import { percentiles, timeAsync, timeSync } from './measure.ts';
import { prng } from './synth.ts';

const BOT_INFO = { id: 1, is_bot: true, first_name: 'Bench', username: 'bench_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true, can_connect_to_business: false, has_main_web_app: false } as UserFromGetMe;

/** A realistic mix: names in both scripts, slugs and words, and very common words. */
export const QUERY_MIX: Array<[string, string]> = [
  ['latest', ''], ['latest', '8'],
  ['actor', 'Zelensky'], ['actor', 'Зеленський'], ['actor', 'Rutte'], ['actor', 'Putin'], ['actor', 'Коваленко17'],
  ['topic', 'sanctions'], ['topic', 'drones'], ['topic', 'air defense'], ['topic', 'санкції'],
  ['search', 'North Korean troops'], ['search', 'war'], ['search', 'Ukraine'], ['search', 'the'], ['search', 'peace summit'],
  ['search', 'санкції'], ['search', 'air defense Kyiv'], ['search', 'Putin wants'], ['search', 'шахед'],
];

export interface LatencyFigure {
  command: string;
  ours: { p50: number; p95: number; p99: number; n: number };
  raw: { p50: number; p95: number; p99: number; n: number };
}

function rawQuery(store: Store, command: string, arg: string): () => unknown {
  const db = store.db;
  const latest = db.prepare('SELECT id, text FROM statements WHERE gone = 0 ORDER BY date_sort DESC, id DESC LIMIT 5');
  const actor = db.prepare(`SELECT s.id, s.text FROM statements s WHERE s.gone = 0 AND s.id IN (SELECT statement_id FROM statement_actors WHERE actor_id = ? AND role = 'speaker') ORDER BY s.date_sort DESC, s.id DESC LIMIT 5`);
  const topic = db.prepare(`SELECT s.id, s.text FROM statements s WHERE s.gone = 0 AND s.id IN (SELECT statement_id FROM statement_topics WHERE topic_slug = ?) ORDER BY s.date_sort DESC, s.id DESC LIMIT 5`);
  const search = db.prepare('SELECT rowid, bm25(statements_fts) AS r FROM statements_fts WHERE statements_fts MATCH ? ORDER BY r LIMIT 5');
  if (command === 'latest') return () => latest.all();
  if (command === 'actor') {
    const id = store.actors.find(arg).matches[0]?.id ?? 0;
    return () => actor.all(id);
  }
  if (command === 'topic') {
    const slug = arg === 'air defense' ? 'air-defense' : arg === 'санкції' ? 'sanctions' : arg;
    return () => topic.all(slug);
  }
  const match = toFtsQuery(toSearchTerms(arg)) ?? '"x"';
  return () => search.all(match);
}

export async function benchQueries(store: Store, reference: ReferenceData, rounds: number): Promise<LatencyFigure[]> {
  const bot = createBot({ token: '1:bench-token-xxxxxxxxxxxxxxxxxxxx', apiRoot: 'http://127.0.0.1:9', botInfo: BOT_INFO }, {
    store, reference, logger: pino({ level: 'silent' }), clock: () => new Date(), reindex: () => { throw new Error('not in bench'); },
    options: { adminIds: [], searchRatePerMinute: 1_000_000, dedupeUpdates: true, defaultTimeZone: 'Europe/Kyiv', digestMaxAgeDays: 7 },
  });
  bot.api.config.use(async (_prev, method, payload) => ({ ok: true, result: method === 'sendMessage' ? { message_id: 1, date: 0, chat: { id: 1, type: 'private' }, text: (payload as { text: string }).text } : true }) as never);
  const ours = new Map<string, number[]>();
  const raw = new Map<string, number[]>();
  const random = prng(7);
  // Far above the ids the fake API hands out later in the same run (handled ids are remembered).
  let updateId = 1_000_000_000;
  // Warm-up: prepared statements, caches.
  for (const [command, arg] of QUERY_MIX) rawQuery(store, command, arg)();
  for (let i = 0; i < rounds; i += 1) {
    const [command, arg] = QUERY_MIX[Math.floor(random() * QUERY_MIX.length)] as [string, string];
    const text = `/${command}${arg ? ` ${arg}` : ''}`;
    const userId = 100 + (i % 5000);
    const update = { update_id: updateId++, message: { message_id: i + 1, date: 0, text, from: { id: userId, is_bot: false, first_name: 'B' }, chat: { id: userId, type: 'private' }, entities: [{ type: 'bot_command', offset: 0, length: command.length + 1 }] } } as Update;
    const { ms } = await timeAsync(() => bot.handleUpdate(update));
    ours.set(command, [...(ours.get(command) ?? []), ms]);
    const query = rawQuery(store, command, arg);
    raw.set(command, [...(raw.get(command) ?? []), timeSync(query).ms]);
  }
  return ['latest', 'actor', 'topic', 'search'].map((command) => ({ command, ours: percentiles(ours.get(command) ?? []), raw: percentiles(raw.get(command) ?? []) }));
}
