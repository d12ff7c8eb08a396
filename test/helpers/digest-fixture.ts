// A store with subscribers and statements ingested after they subscribed, for digest tests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Api } from 'grammy';
import pino from 'pino';
import { ingest } from '../../src/corpus/ingest.ts';
import { createLogger } from '../../src/logger.ts';
import { nextSlot } from '../../src/digest/due.ts';
import type { Store } from '../../src/store/index.ts';
import { FAKE_TOKEN } from './fake-bot-api.ts';
import { memoryStore, reference, SHIPPED_CORPUS, tempDir } from './store.ts';

export const quietLogger = () => pino({ level: 'silent' });

/** The product's logger (with its redaction), writing into an array. */
export function recordingLogger() {
  const lines: string[] = [];
  return { logger: createLogger({ level: 'debug', secrets: [FAKE_TOKEN], destination: { write: (l: string) => lines.push(l) } as never }), lines };
}

/** Subscribes chats (ids 1..n unless given) at `subscribedAt`, due at 08:00 Kyiv. */
export function subscribe(store: Store, chatIds: number[], subscribedAt: Date, localTime = '08:00', timeZone = 'Europe/Kyiv'): void {
  store.db.transaction(() => {
    for (const chatId of chatIds) {
      store.subscriptions.subscribe({
        chatId, chatType: chatId > 0 ? 'private' : 'supergroup', ownerUserId: null, localTime, timeZone,
        nextDueAt: nextSlot(localTime, timeZone, subscribedAt).at.toISOString(), now: subscribedAt.toISOString(),
      });
    }
  })();
}

/** Ingests `count` new JSONL statements at `at`, dated the day before. */
export function addStatements(store: Store, at: Date, count = 3, text = (i: number) => `New statement number ${i} about drones and sanctions. It has a second sentence.`): void {
  const dir = tempDir();
  const day = new Date(at.getTime() - 86_400_000).toISOString().slice(0, 10);
  const lines = Array.from({ length: count }, (_, i) => JSON.stringify({ id: `n-${at.getTime()}-${i}`, text: text(i), date: day, actor: 'Volodymyr Zelensky', url: `https://example.org/s/${i}` }));
  writeFileSync(join(dir, 'new.jsonl'), lines.join('\n'));
  // Outside the corpus folder, so a later scan of CORPUS_DIR does not take it for a removed file.
  ingest({ paths: [dir], corpusDir: SHIPPED_CORPUS, store, reference: reference(), now: () => at });
}

export function seededAt(at: Date): Store {
  const store = memoryStore();
  ingest({ paths: [SHIPPED_CORPUS], corpusDir: SHIPPED_CORPUS, store, reference: reference(), now: () => at });
  return store;
}

export const fakeApi = (apiRoot: string, timeoutSeconds = 5) => new Api(FAKE_TOKEN, { apiRoot, timeoutSeconds });
