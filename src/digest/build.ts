// Turning due subscriptions into recorded deliveries: each (chat, local date) gets one decision —
// a built digest, "nothing new", or "missed slot" — recorded together with moving the chat to
// its next slot, in one immediate transaction (so two processes cannot both take a slot).
import type { ReferenceData } from '../corpus/reference.ts';
import type { Logger } from '../logger.ts';
import type { Filters, Statement, Store, Subscription } from '../store/index.ts';
import { FAR_BEHIND_ROWS } from '../store/statements.ts';
import { warmNewSinceOffThread } from '../store/warm-pages.ts';
import { errorFields } from '../logger.ts';
import type { WriteTurns } from '../store/write-turns.ts';
import { clusterItemsInSteps } from './cluster.ts';
import { nextSlot, slotDate } from './due.ts';
import { createNameDisplay } from '../corpus/display-names.ts';
import type { DigestAudience, DigestReaders } from './render.ts';
import { renderDigest } from './render.ts';
import { filterKey, matchesFilters } from './select.ts';
import { runSteps, runStepsInSlices, type Steps } from '../steps.ts';

export interface BuildOptions {
  store: Store;
  reference: ReferenceData;
  logger: Logger;
  now: Date;
  maxAgeDays: number;
  catchUpHours: number;
  /** The bot's @username, for the t.me links in group and channel digests. */
  botUsername?: string | undefined;
  /** Said around each slice: a background ingest waits while a slice runs, and gets a gap between slices when it waits. */
  writeTurns?: WriteTurns | undefined;
}

/** A chat's readers by its Telegram type. */
export function audienceOf(chatType: string): DigestAudience {
  return chatType === 'channel' ? 'channel' : chatType === 'group' || chatType === 'supergroup' ? 'group' : 'private';
}

export interface BuildResult {
  built: number;
  nothingNew: number;
  missed: number;
}

const HOUR_MS = 3_600_000;
/**
 * A slot is "on time" for this long after it: the tick runs once a minute (and a run may take a
 * while), so DIGEST_CATCH_UP_HOURS=0 means "on time only", not "never".
 */
export const ON_TIME_GRACE_MS = 5 * 60_000;
const DUE_BATCH = 1_000;
/** A digest is read on a phone: past this many items the rest is counted, not listed. */
export const MAX_DIGEST_ITEMS = 30;

export interface DigestContent {
  parts: string[];
  items: number;
}

interface ComposeInput {
  statements: Statement[];
  filters: Filters;
  followedNames: string[];
  uiLang: 'en' | 'uk';
  localDate: string;
  failedSources: string[];
  reference: ReferenceData;
  readers?: DigestReaders;
  sample?: boolean;
}

/** What a digest for these filters would hold now: shared by /digest previews and delivery. */
export function composeDigest(input: ComposeInput): DigestContent {
  return runSteps(composeDigestInSteps(input));
}

/** The same in steps, for a digest run that yields between them (a week of a big archive). */
export function* composeDigestInSteps(input: ComposeInput): Steps<DigestContent> {
  const names = createNameDisplay(input.reference.actors);
  const chosen = input.statements.filter((s) => matchesFilters(s, input.filters, input.followedNames));
  yield;
  const items = yield* clusterItemsInSteps(chosen, input.filters.languagePref, input.uiLang);
  if (items.length === 0) return { parts: [], items: 0 };
  // Rendering is a step of its own (20-30 ms for a week of a big archive).
  yield;
  const parts = renderDigest({
    items: items.slice(0, MAX_DIGEST_ITEMS), more: Math.max(0, items.length - MAX_DIGEST_ITEMS), localDate: input.localDate, followedTopics: input.filters.topics, failedSources: input.failedSources,
    locale: { lang: input.uiLang, topics: input.reference.tagger.entries, name: (n) => names(n, input.uiLang) },
    ...(input.readers ? { readers: input.readers } : {}), ...(input.sample ? { sample: true } : {}),
  });
  return { parts, items: items.length };
}

export function cutoffDay(now: Date, maxAgeDays: number): string {
  return new Date(now.getTime() - maxAgeDays * 24 * HOUR_MS).toISOString().slice(0, 10);
}

export function followedNames(store: Store, ids: number[]): string[] {
  return ids.map((id) => store.actors.byId(id)?.canonical).filter((n): n is string => n !== undefined);
}

/** Builds every due digest in one synchronous pass (tests, CLI previews). */
export function buildDueDigests(options: BuildOptions): BuildResult {
  return runSteps(digestBuildSteps(options));
}

/**
 * The same, in slices: between steps (a chat, a page of new statements, a piece of composing),
 * once `sliceMs` have passed, it yields to the event loop, so a run for 100,000 subscribers keeps
 * the bot from answering for at most a slice and a step. Steps are bounded by pages and item
 * counts; a few passes over a whole week's statements (the filter, grouping translations, sorting)
 * are one step each: linear, not bounded (the filter: ~20-30 ms for a week of a 1M archive).
 */
export async function buildDueDigestsInSlices(options: BuildOptions, sliceMs = DEFAULT_SLICE_MS): Promise<BuildResult> {
  await readAheadOffThread(options);
  return runStepsInSlices(digestBuildSteps(options), sliceMs, options.writeTurns);
}

/**
 * A chat far behind reads a week of the archive; read it once in a worker first, so the pages
 * are in the OS cache when the build reads them on the bot's thread (store/warm-pages.ts).
 * Best effort: a failure only means the build reads from disk.
 */
async function readAheadOffThread(options: BuildOptions): Promise<void> {
  const { store } = options;
  if (store.db.memory || store.db.name === ':memory:' || store.db.name === '') return;
  const since = store.subscriptions.oldestDueWatermark(options.now.toISOString());
  const until = store.statements.currentSeq();
  if (since === null || until - since <= FAR_BEHIND_ROWS) return;
  try {
    await warmNewSinceOffThread(store.db.name, { since, until, cutoffDay: cutoffDay(options.now, options.maxAgeDays) });
  } catch (error) {
    options.logger.debug({ err: errorFields(error) }, 'reading ahead for the digest run failed; the run reads from disk');
  }
}

/** A slice of digest building between two looks at the event loop. */
export const DEFAULT_SLICE_MS = 10;

/** One step per due chat handled; returns the counts. */
function* digestBuildSteps(options: BuildOptions): Steps<BuildResult> {
  const { store, logger, now } = options;
  const nowIso = now.toISOString();
  const result: BuildResult = { built: 0, nothingNew: 0, missed: 0 };
  const cutoff = cutoffDay(now, options.maxAgeDays);
  // Everything committed up to this number is visible now and nothing above it is: what a chat is
  // sent and where its watermark moves agree, whatever an ingest commits during the run.
  const until = store.statements.currentSeq();
  // Chats with the same filters, language and "since" share one selection and one rendering.
  const statementsSince = new Map<number, Statement[]>();
  const built = new Map<string, DigestContent>();

  // Due chats come in batches; each one handled moves past its slot, so the loop ends. A chat
  // another process moved meanwhile is not due any more; `passed` guards against looping anyway.
  const passed = new Set<number>();
  for (;;) {
    const batch = store.subscriptions.due(nowIso, DUE_BATCH).filter((sub) => !passed.has(sub.chatId));
    if (batch.length === 0) break;
    for (const sub of batch) {
      passed.add(sub.chatId);
      yield* handleDue(sub);
      yield;
    }
  }
  return result;

  function* handleDue(sub: Subscription): Steps<void> {
    const slotAt = new Date(sub.nextDueAt);
    const localDate = slotDate(slotAt, sub.timeZone);
    const next = nextSlot(sub.localTime, sub.timeZone, now).at.toISOString();
    const lateMs = now.getTime() - slotAt.getTime();
    const lateHours = lateMs / HOUR_MS;
    if (lateMs > options.catchUpHours * HOUR_MS + ON_TIME_GRACE_MS) {
      const decision = `missed slot: ${lateHours.toFixed(1)} h late (more than ${options.catchUpHours} h), skipped`;
      const taken = store.db.transaction(() => {
        if (!store.subscriptions.advance(sub.chatId, sub.nextDueAt, next, null, nowIso)) return false;
        store.deliveries.create({ chatId: sub.chatId, date: localDate, decision, items: 0, parts: [], now: nowIso });
        return true;
      }).immediate();
      if (taken) {
        result.missed += 1;
        logger.warn({ localDate, lateHours: Number(lateHours.toFixed(1)) }, 'digest slot missed while the bot was down; skipped');
      }
      return;
    }
    const content = yield* contentFor(sub, localDate);
    const taken = store.db.transaction(() => {
      if (!store.subscriptions.advance(sub.chatId, sub.nextDueAt, next, { at: nowIso, seq: until }, nowIso)) return false;
      store.deliveries.create({
        chatId: sub.chatId, date: localDate, decision: content.items ? 'digest' : 'nothing new', items: content.items, parts: content.parts, now: nowIso,
      });
      return true;
    }).immediate();
    if (!taken) return;
    if (content.items) result.built += 1;
    else result.nothingNew += 1;
  }

  function* contentFor(sub: Subscription, localDate: string): Steps<DigestContent> {
    // The language the chat sees in replies (and in /digest): its saved choice, else its people's
    // Telegram language; the subscription's content language only when nobody is known.
    const uiLang = store.botState.digestLanguage(sub.chatId, sub.ownerUserId) ?? (sub.languagePref === 'uk' ? 'uk' : 'en');
    const audience = audienceOf(sub.chatType);
    const key = `${filterKey(sub)}|${sub.watermarkSeq}|${uiLang}|${localDate}|${audience}`;
    const cached = built.get(key);
    if (cached) return cached;
    let statements = statementsSince.get(sub.watermarkSeq);
    if (!statements) {
      // A chat far behind reads a week of a big archive: a page per step, then composing is a step of its own.
      statements = yield* store.statements.newSinceInPages(sub.watermarkSeq, until, cutoff);
      statementsSince.set(sub.watermarkSeq, statements);
      yield;
    }
    const content = yield* composeDigestInSteps({
      statements, filters: sub, followedNames: followedNames(store, sub.actors), uiLang, localDate,
      failedSources: store.catalog.failedSourcesSince(sub.watermark), reference: options.reference,
      readers: { audience, botUsername: options.botUsername },
    });
    built.set(key, content);
    return content;
  }
}
