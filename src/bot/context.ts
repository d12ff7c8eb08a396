// The context every handler gets: the app's dependencies, and texts in the chat's language.
import type { WriteTurns } from '../store/write-turns.ts';
import type { Context } from 'grammy';
import type { IngestReport } from '../corpus/ingest.ts';
import type { ReferenceData } from '../corpus/reference.ts';
import type { Logger } from '../logger.ts';
import type { Store, UiLanguage } from '../store/index.ts';
import type { Texts } from './i18n/index.ts';

export interface BotOptions {
  adminIds: number[];
  /** Expensive requests (search, inline) a user may make per minute. */
  searchRatePerMinute: number;
  /** Skip updates already handled (Telegram redelivers); off in the local console, whose ids are its own. */
  dedupeUpdates: boolean;
  defaultTimeZone: string;
  digestMaxAgeDays: number;
}

export interface BotDeps {
  store: Store;
  reference: ReferenceData;
  logger: Logger;
  clock: () => Date;
  options: BotOptions;
  /** Re-reads the corpus (admin /reindex); main wires it to the ingest of CORPUS_DIR. */
  reindex: () => IngestReport | Promise<IngestReport>;
  /** Said around each update, so a background ingest waits to write while the bot answers. */
  writeTurns?: WriteTurns;
}

export interface BotFlavor {
  deps: BotDeps;
  lang: UiLanguage;
  t: Texts;
}

export type BotContext = Context & BotFlavor;
