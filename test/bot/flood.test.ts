// Acceptance for the abuse limits: 2,000 mixed updates from one user (plain text, /search, Full
// text, /digest, inline) over two minutes of bot time; another user's /help is answered every
// time, and the flooding user receives no more than 30 messages in any minute. The /help latency
// is measured and printed (tests never assert wall-clock times).
import { performance } from 'node:perf_hooks';
import { expect, it } from 'vitest';
import { addStatements } from '../helpers/digest-fixture.ts';
import { ingestHostile, statementIdOf } from '../helpers/hostile-corpus.ts';
import { recordingBot } from '../helpers/recording-bot.ts';
import { seededStore } from '../helpers/store.ts';

const FLOODER = { id: 901, is_bot: false, first_name: 'Flood', language_code: 'en' };
const OTHER = { id: 902, is_bot: false, first_name: 'Calm', language_code: 'en' };
const STEP_MS = 60;

function message(text: string, from: typeof FLOODER, n: number) {
  const command = /^\/[\w@]+/.exec(text)?.[0];
  return { message: { message_id: n, date: 0, text, from, chat: { id: from.id, type: 'private' }, ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command.length }] } : {}) } } as any;
}

it('S15: a 2,000-update flood from one user; another user\'s /help is answered, ≤ 30 messages a minute to the flooder', async () => {
  const store = seededStore();
  ingestHostile(store);
  const t = recordingBot(store);
  let now = Date.parse('2026-11-23T09:00:00Z');
  t.setNow(new Date(now));
  await t.handle(message('/subscribe', FLOODER, 1));
  addStatements(store, new Date(now + 1000), 30);
  const longId = statementIdOf(store, 'h-long');
  now += 120_000; // a fresh minute for the flood itself

  const toFlooder: number[] = [];
  const helpMs: number[] = [];
  let helpAnswered = 0;
  for (let i = 0; i < 2000; i += 1) {
    now += STEP_MS;
    t.setNow(new Date(now));
    const kind = i % 5;
    const update = kind === 0 ? message(`drones ${i}`, FLOODER, i + 10)
      : kind === 1 ? message(`/search sanctions ${i}`, FLOODER, i + 10)
      : kind === 2 ? { callback_query: { id: `cb${i}`, from: FLOODER, chat_instance: 'x', data: `f:${longId}`, message: { message_id: 5, date: 0, chat: { id: FLOODER.id, type: 'private' }, text: '' } } }
      : kind === 3 ? message('/digest', FLOODER, i + 10)
      : { inline_query: { id: `iq${i}`, from: FLOODER, query: `drones ${i}`, offset: '' } };
    const calls = await t.handle(update as any);
    for (const c of calls) if (c.method === 'sendMessage' && c.payload.chat_id === FLOODER.id) toFlooder.push(now);
    if (i % 50 === 49) {
      const started = performance.now();
      const help = await t.handle(message('/help', OTHER, 100_000 + i));
      helpMs.push(performance.now() - started);
      if (help.some((c) => c.method === 'sendMessage' && c.payload.chat_id === OTHER.id && String(c.payload.text).includes('/latest'))) helpAnswered += 1;
    }
  }
  expect(helpAnswered).toBe(helpMs.length);
  const worstMinute = Math.max(...toFlooder.map((start) => toFlooder.filter((at) => at >= start && at < start + 60_000).length));
  expect(worstMinute).toBeLessThanOrEqual(30);
  expect(toFlooder.length).toBeGreaterThan(0);
  const sorted = [...helpMs].sort((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? 0;
  console.log(`flood: ${toFlooder.length} messages to the flooder over ${(2000 * STEP_MS) / 1000} s of bot time, worst minute ${worstMinute}; /help answered ${helpAnswered}/${helpMs.length}, p99 ${p99.toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`);
}, 120_000);
