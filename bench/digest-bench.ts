// Digest build cost per subscriber (~50 distinct filter sets); run by digest-process.ts, which
// also measures the fan-out against a fake API enforcing 30 msg/s globally and 1 msg/s per chat.
import pino from 'pino';
import type { ReferenceData } from '../src/corpus/reference.ts';
import { buildDueDigestsInSlices } from '../src/digest/build.ts';
import type { Store } from '../src/store/index.ts';
import { round, timeAsync } from './measure.ts';
import { measurePhase } from './stall.ts';
import { prng } from './synth.ts';

const TOPICS = ['sanctions', 'drones', 'air-defense', 'peace-talks', 'nato', 'north-korea', 'energy', 'strikes', 'weapons', 'reconstruction'];

/** Adds `count` subscribers due at `dueAt` with ~50 distinct filter sets; returns their ids. */
export function addSubscribers(store: Store, count: number, firstId: number, dueAt: Date, watermark: Date): number[] {
  const random = prng(99);
  const actorIds = store.catalog.actorCounts().slice(0, 10).map((a) => a.id);
  const sets = Array.from({ length: 50 }, (_, i) => ({
    topics: i % 5 === 0 ? [] : [TOPICS[i % TOPICS.length] as string, TOPICS[(i * 3) % TOPICS.length] as string],
    actors: i % 3 === 0 ? [actorIds[i % actorIds.length] ?? 0] : [],
    include: i % 7 === 0 ? ['Russia'] : [],
    exclude: i % 11 === 0 ? ['Kursk'] : [],
    languagePref: (['both', 'en', 'uk'] as const)[i % 3] ?? 'both',
  }));
  const ids: number[] = [];
  store.db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const chatId = firstId + i;
      const s = store.subscriptions.subscribe({ chatId, chatType: 'private', ownerUserId: null, localTime: '08:00', timeZone: 'UTC', nextDueAt: dueAt.toISOString(), now: watermark.toISOString() });
      Object.assign(s, sets[Math.floor(random() * sets.length)]);
      store.subscriptions.save(s, watermark.toISOString());
      ids.push(chatId);
    }
    // A new subscription starts at the current commit sequence (nothing is new to it yet); the
    // bench wants every statement ingested before it new, as when the watermark was a time.
    store.db.prepare('UPDATE subscriptions SET watermark_seq = 0 WHERE chat_id BETWEEN ? AND ?').run(firstId, firstId + count - 1);
  })();
  return ids;
}

/** The build the bot runs (in slices, between looks at the event loop), timed, with its longest stall. */
export async function benchDigestBuild(store: Store, reference: ReferenceData, subscribers: number, now: Date, firstId: number) {
  addSubscribers(store, subscribers, firstId, new Date(now.getTime() - 60_000), new Date(now.getTime() - 5 * 86_400_000));
  const phase = await measurePhase(() => timeAsync(() => buildDueDigestsInSlices({ store, reference, logger: pino({ level: 'silent' }), now, maxAgeDays: 7, catchUpHours: 6 })));
  const { ms, value } = phase.value;
  return {
    subscribers, seconds: round(ms / 1000), msPerSubscriber: round(ms / subscribers, 4), built: value.built, nothingNew: value.nothingNew,
    longestStallMs: phase.longestStallMs, p99StallMs: phase.p99StallMs, peakRssMb: phase.peakRssMb,
  };
}
