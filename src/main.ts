// The composition root: config, logger, index, bot (or the local console), schedules, shutdown.
// Nothing else reads process.env.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import cron from 'node-cron';
import { Api, webhookCallback } from 'grammy';
import { registerCommands } from './bot/commands.ts';
import type { BotDeps } from './bot/context.ts';
import { createBot } from './bot/create-bot.ts';
import { CONSOLE_BOT_INFO, runConsoleChat } from './console-chat.ts';
import { createDigestRunner } from './digest/schedule.ts';
import { ConfigError, loadConfig } from './config.ts';
import type { Config } from './config.ts';
import { ingest } from './corpus/ingest.ts';
import { createLogger, errorFields } from './logger.ts';
import type { Logger } from './logger.ts';
import { assertSupportedNode } from './node-version.ts';
import { openIndex } from './open-index.ts';
import type { Index } from './open-index.ts';

const WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;

function reindex(index: Index, config: Config, logger: Logger) {
  return () => {
    const report = ingest({
      paths: [config.corpusDir], corpusDir: config.corpusDir, store: index.store, reference: index.reference, now: () => new Date(),
    });
    const level = report.rejects.length ? 'warn' : 'info';
    logger[level](
      { added: report.added, updated: report.updated, removed: report.removed, unchanged: report.unchanged,
        rejects: report.rejects.map((r) => `${r.file}${r.line ? `:${r.line}` : ''}: ${r.reason}`) },
      'corpus ingested',
    );
    return report;
  };
}

async function main(): Promise<number> {
  assertSupportedNode();
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: Config;
  try {
    config = loadConfig(process.env);
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
    index = openIndex(config.databasePath, { synchronous: config.sqliteSynchronous });
  } catch (error) {
    logger.fatal({ err: errorFields(error) }, 'cannot open the database');
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  const runIngest = reindex(index, config, logger);
  runIngest();

  const deps: BotDeps = {
    store: index.store,
    reference: index.reference,
    logger,
    clock: () => new Date(),
    options: { adminIds: config.adminIds, searchRatePerMinute: config.searchRatePerMinute, dedupeUpdates: !consoleMode,
      defaultTimeZone: config.defaultTimeZone, digestMaxAgeDays: config.digestMaxAgeDays },
    reindex: runIngest,
  };

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
    await runConsoleChat(bot, { input: process.stdin, write: (t) => process.stdout.write(t), color: Boolean(process.stdout.isTTY), prompt: tty });
    index.store.close();
    return 0;
  }

  const bot = createBot({ token: config.token as string, apiRoot: config.apiRoot }, deps);
  // Digests use their own API client: no auto-retry (delivery handles 429/5xx itself, per part)
  // and a request timeout, so a run never hangs on a dead connection.
  const digests = createDigestRunner({
    store: index.store, reference: index.reference, logger, clock: () => new Date(),
    api: new Api(config.token as string, { apiRoot: config.apiRoot, timeoutSeconds: 20 }),
    maxAgeDays: config.digestMaxAgeDays, catchUpHours: config.digestCatchUpHours, sendRatePerSecond: config.sendRatePerSecond,
  });
  const tick = config.digestTickSeconds >= 60 ? '* * * * *' : `*/${config.digestTickSeconds} * * * * *`;
  const tasks = [
    cron.schedule(tick, () => void digests.run('tick'), { name: 'digests', noOverlap: true }),
    ...(config.ingestIntervalMinutes > 0
      ? [cron.schedule(`*/${config.ingestIntervalMinutes} * * * *`, () => void runIngest(), { name: 'ingest', noOverlap: true })]
      : []),
    cron.schedule('17 * * * *', () => {
      const dayAgo = new Date(Date.now() - 24 * 3600_000).toISOString();
      index.store.botState.pruneHandledUpdates(dayAgo);
      index.store.botState.pruneLists(new Date(Date.now() - 7 * 24 * 3600_000).toISOString());
    }, { name: 'prune' }),
  ];
  process.on('SIGHUP', () => {
    logger.info('SIGHUP: re-reading the corpus');
    runIngest();
  });

  let stopping: Promise<void> | null = null;
  let server: ReturnType<typeof createServer> | null = null;
  const stop = (signal: string): Promise<void> => {
    stopping ??= (async () => {
      logger.info({ signal }, 'shutting down');
      for (const task of tasks) await task.stop();
      await digests.stop();
      if (server) await new Promise<void>((resolve) => server?.close(() => resolve()));
      else await bot.stop();
      index.store.close();
    })();
    return stopping;
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  try {
    await bot.init();
    await registerCommands(bot.api);
    // Catch up on digests missed while the bot was down (sent once if not too late).
    void digests.run('startup');
    if (config.webhook) {
      const handle = webhookCallback(bot, 'http', { secretToken: config.webhook.secret, onTimeout: 'throw', timeoutMilliseconds: 9_000 });
      server = createServer((req, res) => {
        const length = Number(req.headers['content-length'] ?? 0);
        if (req.method !== 'POST' || length > WEBHOOK_MAX_BODY_BYTES) {
          res.writeHead(req.method !== 'POST' ? 405 : 413).end();
          req.resume();
          return;
        }
        handle(req, res).catch((error: unknown) => {
          logger.error({ err: errorFields(error) }, 'webhook request failed');
          if (!res.headersSent) res.writeHead(500).end();
        });
      });
      await new Promise<void>((resolve) => server?.listen(config.webhook?.port, resolve));
      await bot.api.setWebhook(config.webhook.url, { secret_token: config.webhook.secret, allowed_updates: ['message', 'callback_query', 'inline_query', 'my_chat_member'] });
      logger.info({ port: config.webhook.port }, 'webhook server listening');
      await new Promise<void>((resolve) => process.once('beforeExit', resolve));
    } else {
      await bot.api.deleteWebhook();
      logger.info({ username: bot.botInfo.username }, 'polling for updates');
      await bot.start({ allowed_updates: ['message', 'callback_query', 'inline_query', 'my_chat_member'] });
    }
  } catch (error) {
    const e = error as { error_code?: number };
    logger.fatal({ err: errorFields(error) }, e.error_code === 409 ? 'another instance is polling with this token; stopping' : e.error_code === 401 ? 'the bot token was rejected; stopping' : 'the bot stopped');
    await stop('fatal');
    return 1;
  }
  await stop('done');
  return 0;
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
