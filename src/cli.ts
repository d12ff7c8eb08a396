// Command line over the same index the bot uses: `npm run cli -- <command> [options]`.
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { formatIngestReport, formatStreamProgress, formatStatementLines, formatStats, statementJson } from './cli-format.ts';
import { ConfigError, loadConfig } from './config.ts';
import { ingest } from './corpus/ingest.ts';
import { lookUpActor, lookUpTopic } from './lookups.ts';
import { readEnvironment } from './environment.ts';
import { openIndex } from './open-index.ts';
import { createLogger } from './logger.ts';
import { stripControl } from './terminal-text.ts';
import type { Page, Statement } from './store/index.ts';
import { backupDatabase, describeSourceHealth, StoreError } from './store/index.ts';

const USAGE = `Usage: npm run cli -- <command> [arguments] [options]

Commands:
  ingest [PATH…]        index the corpus folder (CORPUS_DIR) or the given files/folders
  latest                newest statements first
  actor NAME            statements by a person (any spelling, Latin or Cyrillic)
  topic SLUG|WORDS      statements on a topic (slug, label or words)
  search WORDS          full-text search (English and Ukrainian)
  show ID               one statement in full
  actors                people with statement counts
  topics                topics with statement counts
  stats                 corpus size, date range, sources, last ingest
  backup FILE [--force] online backup of the database (safe while the bot runs); --force overwrites FILE
  check                 full integrity check of the database (the bot runs a quick one at start)
  poll                  poll every enabled live source (SOURCES_FILE) once, now
  sources               live sources: health, failures, next poll
  export [FILTERS]      statements as a file of citations (Markdown) or a table (CSV), up to 5,000:
                        topic:SLUG actor:NAME from:YYYY-MM-DD to:YYYY-MM-DD lang:en|uk format:md|csv

Options:
  --db FILE             database file (default: DATABASE_PATH or data/statements.db)
  --limit N             how many results (default 10; no upper cap)
  --cursor C            continue a listing where the previous page ended (printed as "next:")
  --mentions            with actor: also statements that only mention the person
  --json                machine-readable output
  --format md|csv       with export: the file format (default md, or format: in the filters)
  --lang en|uk          with export: the language of the citations (default en)
  --out FILE            with export: write to FILE instead of stdout
  --force               with backup: overwrite an existing backup file
  --help                this text`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
  isTty: boolean;
  /** Raw output (export files); without it the file is collected and printed with out(). */
  write?: (chunk: Uint8Array) => Promise<void>;
}

export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  // Corpus and feed text may carry terminal escape sequences: nothing printed keeps them.
  const io: CliIo = { ...rawIo, out: (t) => rawIo.out(stripControl(t)), err: (t) => rawIo.err(stripControl(t)) };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        limit: { type: 'string' },
        cursor: { type: 'string' },
        mentions: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        format: { type: 'string' },
        lang: { type: 'string' },
        out: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    io.out(USAGE);
    return command || values.help ? 0 : 2;
  }
  const limit = values.limit === undefined ? 10 : Number(values.limit);
  if (!Number.isSafeInteger(limit) || limit < 1) {
    io.err('--limit must be a whole number of 1 or more');
    return 2;
  }
  let config;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
  const databasePath = values.db ?? config.databasePath;
  const words = rest.join(' ').trim();

  let index;
  try {
    index = openIndex(databasePath, { synchronous: config.sqliteSynchronous });
  } catch (error) {
    io.err((error as Error).message);
    return 1;
  }
  const { store, reference } = index;
  const printPage = (page: Page, header?: string): number => {
    if (values.json) {
      io.out(JSON.stringify({ ...(header ? { header } : {}), items: page.items.map(statementJson), next: page.next }, null, 2));
      return 0;
    }
    if (header) io.out(header);
    if (page.items.length === 0) io.out('No statements found.');
    for (const s of page.items) io.out(`${formatStatementLines(s)}\n`);
    if (page.next) io.out(`next: --cursor ${page.next}`);
    return 0;
  };
  const needWords = (what: string): number => {
    io.err(`Say which ${what}: npm run cli -- ${command} ${what.toUpperCase()}`);
    return 2;
  };

  try {
    switch (command) {
      case 'ingest': {
        const startedAt = Date.now();
        let shownAt = 0;
        const report = ingest({
          paths: rest.length ? rest : [config.corpusDir],
          corpusDir: config.corpusDir,
          store,
          reference,
          now: () => new Date(),
          onProgress: (done, total, file) => {
            if (total > 1 && io.isTty && file) io.err(`[${done + 1}/${total}] ${file}`);
          },
          // A big archive shows rows/s and time left, at most once a second (terminal only).
          onStream: (progress) => {
            if (!io.isTty || Date.now() - shownAt < 1000) return;
            shownAt = Date.now();
            io.err(formatStreamProgress(progress, Date.now() - startedAt));
          },
        });
        io.out(values.json ? JSON.stringify(report, null, 2) : formatIngestReport(report));
        return 0;
      }
      case 'latest':
        return printPage(store.statements.latest(limit, values.cursor));
      case 'search': {
        if (!words) return needWords('words');
        const page = store.statements.search(words, limit, values.cursor);
        const note = page.mode === 'any' && page.items.length ? 'No statement has all of these words; showing those with some of them.' : undefined;
        return printPage(page, note);
      }
      case 'actor': {
        if (!words) return needWords('name');
        const found = lookUpActor(store, words);
        if (found.kind === 'found') {
          const page = store.statements.byActor(found.actor.id, limit, values.cursor, values.mentions ? 'any' : 'speaker');
          return printPage(page, values.json ? found.actor.canonical : `${found.actor.canonical}${found.actor.role ? ` — ${found.actor.role}` : ''}`);
        }
        if (found.kind === 'suggest') {
          const names = found.suggestions.map((a) => a.canonical);
          if (values.json) io.out(JSON.stringify({ items: [], suggestions: names }, null, 2));
          else io.out(`No one called "${words}". Did you mean: ${names.join(', ')}?`);
          return 0;
        }
        io.out(values.json ? JSON.stringify({ items: [], suggestions: [] }) : `No one called "${words}" in the index.`);
        return 0;
      }
      case 'topic': {
        if (!words) return needWords('topic');
        const found = lookUpTopic(reference.tagger, words);
        if (found.kind === 'found') return printPage(store.statements.byTopic(found.topic.slug, limit, values.cursor), found.topic.slug);
        const names = found.kind === 'suggest' ? found.suggestions.map((t) => t.slug) : store.catalog.topicCounts().map((t) => t.slug);
        if (values.json) io.out(JSON.stringify({ items: [], suggestions: names }, null, 2));
        else io.out(`No topic "${words}". ${found.kind === 'suggest' ? 'Did you mean' : 'Topics are'}: ${names.join(', ')}`);
        return 0;
      }
      case 'show': {
        const id = Number(words);
        const statement: Statement | undefined = Number.isSafeInteger(id) ? store.statements.byId(id) : undefined;
        if (!statement) {
          io.err(`No statement #${words}.`);
          return 1;
        }
        io.out(values.json ? JSON.stringify(statementJson(statement), null, 2) : formatStatementLines(statement, { full: true }));
        return 0;
      }
      case 'actors': {
        const rows = store.catalog.actorCounts().slice(0, values.limit ? limit : undefined);
        if (values.json) io.out(JSON.stringify(rows, null, 2));
        else for (const a of rows) io.out(`${a.canonical.padEnd(28)} ${String(a.spoke).padStart(5)} said  ${String(a.mentioned).padStart(5)} mentioned`);
        return 0;
      }
      case 'topics': {
        const rows = store.catalog.topicCounts();
        if (values.json) io.out(JSON.stringify(rows, null, 2));
        else for (const t of rows) io.out(`${t.slug.padEnd(22)} ${String(t.count).padStart(6)}  ${t.labelEn} / ${t.labelUk}`);
        return 0;
      }
      case 'check': {
        const problems = store.db.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>;
        const lines = problems.map((p) => p.integrity_check);
        if (lines.length === 1 && lines[0] === 'ok') {
          io.out(`${databasePath}: integrity ok`);
          return 0;
        }
        io.err(`${databasePath}: integrity check failed:\n${lines.slice(0, 20).join('\n')}`);
        return 1;
      }
      case 'stats': {
        const stats = store.catalog.stats();
        io.out(values.json ? JSON.stringify(stats, null, 2) : formatStats(stats));
        return 0;
      }
      case 'backup': {
        if (!words) return needWords('file');
        // SQLite's online backup: a consistent snapshot while other writers go on; owner-only,
        // never over an existing file without --force, never over the live database.
        await backupDatabase(store.db, databasePath, words, { force: values.force });
        io.out(`Backed up ${databasePath} to ${words}.`);
        return 0;
      }
      case 'poll': {
        // Loaded here, not at the top: the feed and page parsers are only needed by this command.
        const { loadSourcesFile } = await import('./sources/sources-file.ts');
        const { createSourcePoller } = await import('./sources/poller.ts');
        const loaded = loadSourcesFile(config.sourcesFile);
        for (const problem of loaded.errors) io.err(`${config.sourcesFile}: ${problem}`);
        // "Now" for every source (forceAll): the schedule is the bot's business, this is the operator's.
        const poller = createSourcePoller({
          store, reference, logger: createLogger({ level: 'silent', secrets: [] }), clock: () => new Date(),
          sources: () => loaded.sources, forceAll: true,
        });
        const results = await poller.pollDue();
        if (values.json) io.out(JSON.stringify(results, null, 2));
        // What a poll had to repair or cut is said, so a feed that only works because of it is seen.
        else for (const r of results) io.out(`${r.source}: ${r.status}${r.error ? ` (${r.error})` : `, ${r.entries} entries: +${r.added} ~${r.updated} =${r.unchanged}${r.notes ? ` [${r.notes.join('; ')}]` : ''}`}`);
        if (!results.length) io.out(`No enabled sources in ${config.sourcesFile}.`);
        return results.some((r) => r.status === 'failed') ? 1 : 0;
      }
      case 'export': {
        const decoder = new TextDecoder();
        let collected = '';
        // Loaded for this command only: an import of a big archive should not carry the exporters.
        const { runExportCli } = await import('./export/cli-export.ts');
        const code = await runExportCli(store, reference, {
          // The shell took the quotes off actor:"Andrii Sybiha": put them back around a value with spaces.
          words: rest.map((a) => (/^\w+:.*\s/.test(a) ? a.replace(/^(\w+):(.*)$/, '$1:"$2"') : a)).join(' '), today: new Date().toISOString().slice(0, 10),
          ...(values.format ? { format: values.format } : {}), ...(values.lang ? { lang: values.lang } : {}), ...(values.out ? { out: values.out } : {}),
        }, { err: io.err, write: io.write ?? (async (chunk) => void (collected += decoder.decode(chunk, { stream: true }))) });
        // The file's own bytes (CSV's CRLF included): a file is data, not terminal text to clean.
        if (!io.write && collected) rawIo.out(collected);
        return code;
      }
      case 'sources': {
        const rows = store.sources.health();
        if (values.json) io.out(JSON.stringify(rows, null, 2));
        else if (!rows.length) io.out('No live source has been polled yet.');
        else for (const f of rows) io.out(describeSourceHealth(f));
        return 0;
      }
      default:
        io.err(`Unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof StoreError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  } finally {
    store.close();
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  // The same environment as the bot: Node check, then .env (so both use the same database).
  const env = readEnvironment();
  process.exitCode = await runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    env,
    isTty: Boolean(process.stderr.isTTY),
    write: async (chunk) => {
      if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
    },
  });
}
