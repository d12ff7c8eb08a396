// The composition root: config, logger, index, bot (or the local console), schedules, shutdown.
// Nothing else reads process.env.
import type { Server } from 'node:http';
import { Api } from 'grammy';
import { registerCommands } from './bot/commands.ts';
import type { BotDeps } from './bot/context.ts';
import { BOT_UPDATE_TYPES, createBot } from './bot/create-bot.ts';
import { startPollingRunner } from './bot/polling-runner.ts';
import type { PollingRunner } from './bot/polling-runner.ts';
import { CONSOLE_BOT_INFO, runConsoleChat } from './console-chat.ts';
import { createDigestRunner } from './digest/schedule.ts';
import { ConfigError, loadConfig } from './config.ts';
import type { Config } from './config.ts';
import type { IngestReport } from './corpus/ingest.ts';
import { ingest } from './corpus/ingest.ts';
import { ingestOffThread } from './corpus/ingest-off-thread.ts';
import { createLogger, errorFields } from './logger.ts';
import type { Logger } from './logger.ts';
import { readEnvironment } from './environment.ts';
import { armShutdownDeadline, createSchedules, installProcessGuards } from './schedules.ts';
import { openIndex } from './open-index.ts';
import { detectRestoredDatabase } from './store/restore-check.ts';
import { checkIntegrityInBackground } from './store/integrity.ts';
import type { BackgroundCheck } from './store/integrity.ts';
import { checkpointWal } from './store/wal.ts';
import { createWriteTurns, type WriteTurns } from './store/write-turns.ts';
import { createSourcePoller } from './sources/poller.ts';
import type { SourceConfig } from './sources/sources-file.ts';
import { loadSourcesFile } from './sources/sources-file.ts';
import type { Index } from './open-index.ts';
import { createWebhookServer, listenWebhook, WebhookListenError } from './webhook-server.ts';

/**
 * The corpus re-read (start, interval, /reindex). On a database file it runs in a worker thread
 * with its own connection, so a big folder never keeps the bot from answering; a run asked for
 * while one is going shares that run's result.
 */
function reindex(index: Index, config: Config, logger: Logger, writeTurns: WriteTurns) {
  let running: Promise<IngestReport> | null = null;
  const inThisThread = (): IngestReport =>
    ingest({ paths: [config.corpusDir], corpusDir: config.corpusDir, store: index.store, reference: index.reference, now: () => new Date() });
  const once = async (): Promise<IngestReport> => {
    const report = config.databasePath === ':memory:'
      ? inThisThread()
      : await ingestOffThread({
        databasePath: config.databasePath, paths: [config.corpusDir], corpusDir: config.corpusDir, synchronous: config.sqliteSynchronous, writeTurns: writeTurns.buffer,
      });
    const level = report.rejects.length ? 'warn' : 'info';
    logger[level](
      { added: report.added, updated: report.updated, removed: report.removed, unchanged: report.unchanged,
        rejects: report.rejects.map((r) => `${r.file}${r.line ? `:${r.line}` : ''}: ${r.reason}`) },
      'corpus ingested',
    );
    return report;
  };
  return (): Promise<IngestReport> => {
    running ??= once().finally(() => {
      running = null;
    });
    return running;
  };
}

async function main(): Promise<number> {
  const env = readEnvironment();
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const consoleMode = !config.token;
  const logger = createLogger({ level: consoleMode && config.logLevel === 'info' ? 'warn' : config.logLevel, secrets: [config.token, config.webhook?.secret] });

  let index: Index;
  try {
    // The start checks the bot's own state tables only; the full check (every page: ~20 s at 1M
    // statements) runs in the background once the bot is up (see store/integrity.ts), and in `cli check`.
    index = openIndex(config.databasePath, { synchronous: config.sqliteSynchronous, checkIntegrity: 'state-tables' });
  } catch (error) {
    logger.fatal({ err: errorFields(error) }, 'cannot open the database');
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  // Before anything writes: a database restored from a backup (or left through a long outage)
  // has digests due; the policy is to catch up and possibly resend today's digest once, so say so.
  const restore = detectRestoredDatabase(index.store, new Date());
  if (restore.restored) {
    logger.warn({ ...restore }, 'the database looks restored from a backup or long idle: due digests are sent now, and today\'s digest may reach some chats a second time');
  }
  const schedules = createSchedules(logger);
  const writeTurns = createWriteTurns();
  const runIngest = reindex(index, config, logger, writeTurns);
  // A first start has nothing to answer from: wait for the corpus. Later starts answer at once
  // from what is indexed while the re-read runs off-thread.
  if (index.store.bulkLoad.isIndexEmpty()) {
    try {
      await runIngest();
    } catch (error) {
      logger.error({ err: errorFields(error) }, 'first ingest failed; the bot starts with an empty index');
    }
  } else schedules.fire('ingest', runIngest);

  const deps: BotDeps = {
    store: index.store,
    reference: index.reference,
    logger,
    clock: () => new Date(),
    options: { adminIds: config.adminIds, searchRatePerMinute: config.searchRatePerMinute, dedupeUpdates: !consoleMode,
      defaultTimeZone: config.defaultTimeZone, digestMaxAgeDays: config.digestMaxAgeDays },
    reindex: runIngest,
    writeTurns,
  };

  // Live sources: the file is re-read on SIGHUP; a bad entry is reported and skipped.
  let sources: SourceConfig[] = [];
  const readSources = (): void => {
    const loaded = loadSourcesFile(config.sourcesFile);
    for (const problem of loaded.errors) logger.warn({ file: config.sourcesFile }, `sources file: ${problem}`);
    // A typo that breaks the whole file must not stop every feed and wipe their state.
    if (loaded.sources.length === 0 && loaded.errors.length > 0 && sources.length > 0) {
      logger.warn({ file: config.sourcesFile }, 'sources file unusable; keeping the sources read before');
      return;
    }
    sources = loaded.sources;
    logger.info({ sources: sources.filter((s) => s.enabled).length }, 'live sources loaded');
  };
  readSources();
  const poller = createSourcePoller({ store: index.store, reference: index.reference, logger, clock: () => new Date(), sources: () => sources });
  const pollSources = (): Promise<void> => poller.pollDue().then(() => undefined);

  if (consoleMode) {
    const tty = Boolean(process.stdin.isTTY);
    if (tty) {
      process.stdout.write(
        `Statement Digest — local chat console (no TELEGRAM_BOT_TOKEN set).\n` +
          `Index: ${config.databasePath}, ${index.store.catalog.stats().statements} statements from ${config.corpusDir}.\n` +
          `Type a command (/help, /latest, /actor Зеленський, /search North Korean troops) and press Enter; a number presses a button.\n` +
          `To run the Telegram bot, put TELEGRAM_BOT_TOKEN=<token from @BotFather> in .env (see .env.example). Ctrl+D quits.\n\n`,
      );
    }
    const bot = createBot({ token: 'console', apiRoot: 'http://127.0.0.1:9', botInfo: CONSOLE_BOT_INFO }, deps);
    // Feeds in the sources file are polled here too, so a new feed can be tried without a token.
    if (sources.length) {
      schedules.everySeconds('sources', config.sourcesTickSeconds, pollSources);
      schedules.fire('sources', pollSources);
    }
    await runConsoleChat(bot, { input: process.stdin, write: (t) => process.stdout.write(t), color: Boolean(process.stdout.isTTY), prompt: tty });
    await schedules.stop();
    await poller.stop();
    index.store.close();
    return 0;
  }

  // Per-chat order in every intake mode that handles updates concurrently (the runner, and
  // webhook requests, which Telegram sends in parallel): /subscribe then /stop stay in order.
  const bot = createBot({ token: config.token as string, apiRoot: config.apiRoot, sequentialize: config.pollingMode === 'runner' || config.webhook !== null }, deps);
  // Digests use their own API client: no auto-retry (delivery handles 429/5xx itself, per part)
  // and a request timeout, so a run never hangs on a dead connection.
  const digests = createDigestRunner({
    store: index.store, reference: index.reference, logger, clock: () => new Date(),
    api: new Api(config.token as string, { apiRoot: config.apiRoot, timeoutSeconds: 20 }),
    maxAgeDays: config.digestMaxAgeDays, catchUpHours: config.digestCatchUpHours, sendRatePerSecond: config.sendRatePerSecond,
    // Known once the bot has asked getMe; until then group and channel digests carry no card links.
    botUsername: () => (bot.isInited() ? bot.botInfo.username : undefined),
    writeTurns,
  });
  schedules.everySeconds('digests', config.digestTickSeconds, () => digests.run('tick'));
  if (config.ingestIntervalMinutes > 0) schedules.everyMinutes('ingest', config.ingestIntervalMinutes, runIngest);
  schedules.everySeconds('sources', config.sourcesTickSeconds, pollSources);
  // A long reader lets the -wal grow; truncate it when it passes the threshold (never waits on locks).
  schedules.cron('wal', '*/5 * * * *', () => {
    const wal = checkpointWal(index.store.db);
    if (wal.action === 'truncate') logger[wal.busy ? 'warn' : 'info']({ ...wal }, wal.busy ? 'WAL checkpoint incomplete: a reader is still open' : 'WAL checkpointed');
  });
  schedules.cron('prune', '17 * * * *', () => {
    const pruned = index.store.retention.prune(new Date(), config.deliveryRetentionDays);
    if (Object.values(pruned).some((n) => n > 0)) logger.info(pruned, 'old rows pruned');
  });
  process.on('SIGHUP', schedules.guard('sighup', async () => {
    logger.info('SIGHUP: re-reading the corpus and the sources file');
    runIngest();
    readSources();
    await pollSources();
  }));

  let stopping: Promise<void> | null = null;
  let exitCode = 0;
  let integrity: BackgroundCheck | null = null;
  let server: Server | null = null;
  let runner: PollingRunner | null = null;
  let polling: Promise<void> | null = null;
  // Aborts the startup calls (getMe, setMyCommands, deleteWebhook): with Telegram unreachable they
  // retry without end, and a SIGTERM must not wait for them.
  const startup = new AbortController();
  // grammY types its signals with the abort-controller polyfill's type; the built-in one is the same thing.
  const startupSignal = startup.signal as Parameters<typeof bot.init>[0];
  let step = 'starting';
  const stop = (reason: string, code = 0): Promise<void> => {
    if (code !== 0) exitCode = code;
    stopping ??= (async () => {
      armShutdownDeadline(logger, config.shutdownDeadlineSeconds * 1000, () => [step, ...schedules.running()]);
      logger.info({ reason }, 'shutting down');
      startup.abort();
      integrity?.cancel();
      step = 'schedules';
      await schedules.stop();
      logger.info('schedules stopped');
      step = 'digest run';
      await digests.stop();
      step = 'feed poller';
      await poller.stop();
      step = 'update intake';
      if (server) await new Promise<void>((resolve) => server?.close(() => resolve()));
      else if (runner) await runner.stop(); // after the handlers in flight, before the store closes
      else {
        // bot.stop() does not wait for the update being handled; its loop ends after it does.
        await bot.stop();
        await polling?.catch(() => undefined);
      }
      logger.info('updates stopped');
      step = 'database';
      index.store.close();
      step = 'done';
      logger.info('database closed');
    })();
    return stopping;
  };
  const onStopSignal = (reason: string, code: number): void => {
    stop(reason, code).then(
      () => {
        process.exitCode = exitCode;
      },
      (error: unknown) => {
        logger.fatal({ err: errorFields(error) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => onStopSignal('SIGINT', 0));
  process.once('SIGTERM', () => onStopSignal('SIGTERM', 0));
  installProcessGuards(logger, onStopSignal);

  // The full integrity check, in a child process while the bot serves; a damaged file stops the
  // bot as the check at start used to (restore a backup: README "Reliability").
  integrity = checkIntegrityInBackground(config.databasePath);
  integrity.result.then(
    (problems) => {
      if (problems.length === 0) {
        logger.info('database integrity ok');
        return;
      }
      logger.fatal({ problems: problems.slice(0, 5) }, 'the database failed its integrity check; stopping (restore a backup or move the file away)');
      process.stderr.write(`Cannot go on: the database ${config.databasePath} failed its integrity check: ${problems.slice(0, 5).join('; ')}\n`);
      onStopSignal('integrity', 1);
    },
    (error: unknown) => logger.warn({ err: errorFields(error) }, 'the background integrity check could not run'),
  );

  try {
    await bot.init(startupSignal);
    await registerCommands(bot.api, startup.signal);
    // A SIGTERM during startup has already closed the database: start nothing.
    if (stopping) {
      await stopping;
      return 0;
    }
    // Catch up on digests missed while the bot was down (sent once if not too late).
    schedules.fire('digests', () => digests.run('startup'));
    schedules.fire('sources', pollSources);
    if (config.webhook) {
      const webhookServer = createWebhookServer({ bot, secret: config.webhook.secret, logger, path: config.webhook.path });
      try {
        await listenWebhook(webhookServer, config.webhook.host, config.webhook.port);
      } catch (error) {
        // One line for the operator (a taken port is a configuration problem, not a crash).
        if (!(error instanceof WebhookListenError)) throw error;
        logger.fatal({ host: config.webhook.host, port: config.webhook.port }, error.message);
        process.stderr.write(`${error.message}\n`);
        await stop('fatal');
        return 1;
      }
      server = webhookServer;
      await bot.api.setWebhook(config.webhook.url, { secret_token: config.webhook.secret, allowed_updates: [...BOT_UPDATE_TYPES] }, startupSignal);
      logger.info({ host: config.webhook.host, port: config.webhook.port, path: config.webhook.path }, 'webhook server listening');
      await new Promise<void>((resolve) => process.once('beforeExit', resolve));
    } else {
      await bot.api.deleteWebhook(undefined, startupSignal);
      logger.info({ username: bot.botInfo.username, mode: config.pollingMode }, 'polling for updates');
      if (config.pollingMode === 'runner') {
        // Concurrent handling; see polling-runner.ts for what a crash can lose (RELIABILITY A3).
        runner = startPollingRunner(bot, { allowedUpdates: BOT_UPDATE_TYPES, logger });
        await runner.task; // rejects on 401/409, like bot.start
      } else {
        polling = bot.start({ allowed_updates: [...BOT_UPDATE_TYPES] });
        await polling;
      }
    }
  } catch (error) {
    // A stop during startup aborts the calls in flight: that is the stop, not a failure.
    if (stopping) {
      await stopping;
      return exitCode;
    }
    const e = error as { error_code?: number };
    logger.fatal({ err: errorFields(error) }, e.error_code === 409 ? 'another instance is polling with this token; stopping' : e.error_code === 401 ? 'the bot token was rejected; stopping' : 'the bot stopped');
    await stop('fatal');
    return 1;
  }
  await stop('done');
  return exitCode;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Cannot run: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
