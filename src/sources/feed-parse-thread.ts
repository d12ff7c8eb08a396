// Feed parsing off the bot's thread, and bounded in time: a 5 MB feed takes hundreds of
// milliseconds of pure CPU, which on the main thread would stall every chat the bot serves. One
// worker thread is kept and reused (starting one costs about a second); a parse that overruns
// its deadline terminates the worker (the next parse starts a fresh one) and fails the poll.
// The worker holds the process open only while a parse is pending. A small body (most feeds:
// tens of kilobytes, a few milliseconds to parse) is parsed in place: the hop to a thread would
// cost more than the parse.
import { Worker } from 'node:worker_threads';
import type { ParsedFeed, ParseFeedOptions } from './feed.ts';
import { FeedParseError, parseFeedEntries } from './feed.ts';

/** Longest a feed may take to parse, worker start-up included. */
export const PARSE_TIMEOUT_MS = 20_000;
/** Bodies up to this many characters are parsed on the calling thread (a few ms at most). */
export const INLINE_MAX_CHARS = 128 * 1024;

export interface FeedParser {
  parse(body: string, options: ParseFeedOptions): Promise<ParsedFeed>;
  close(): Promise<void>;
}

/** Parses on the calling thread: for tests that measure nothing, and a fallback. */
export const inlineFeedParser: FeedParser = {
  parse: async (body, options) => parseFeedEntries(body, options),
  close: async () => {},
};

type Reply = { id: number; result?: ParsedFeed; error?: { name: string; message: string } };

export function createThreadFeedParser(timeoutMs = PARSE_TIMEOUT_MS, inlineMaxChars = INLINE_MAX_CHARS): FeedParser {
  let worker: Worker | null = null;
  let nextId = 0;
  let queue: Promise<unknown> = Promise.resolve();

  function start(): Worker {
    const created = new Worker(new URL('./feed-parse-worker.mjs', import.meta.url));
    created.unref();
    return created;
  }

  function runOne(body: string, options: ParseFeedOptions): Promise<ParsedFeed> {
    const current = worker ?? (worker = start());
    const id = (nextId += 1);
    current.ref();
    return new Promise<ParsedFeed>((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        current.off('message', onMessage);
        current.off('error', onError);
        current.off('exit', onExit);
        current.unref();
      };
      const drop = (error: Error) => {
        finish();
        if (worker === current) worker = null;
        void current.terminate();
        reject(error);
      };
      const onMessage = (reply: Reply) => {
        if (reply.id !== id) return;
        finish();
        if (reply.result) resolve(reply.result);
        else if (reply.error?.name === 'FeedParseError') reject(new FeedParseError(reply.error.message.replace(/^Cannot parse feed: /, '')));
        else reject(new FeedParseError(`parser failed: ${reply.error?.message ?? 'no result'}`));
      };
      const onError = (error: Error) => drop(new FeedParseError(`parser thread failed: ${error.message}`, { cause: error }));
      const onExit = () => drop(new FeedParseError('parser thread stopped'));
      const timer = setTimeout(() => drop(new FeedParseError(`parsing took longer than ${timeoutMs} ms`)), timeoutMs);
      current.on('message', onMessage);
      current.on('error', onError);
      current.on('exit', onExit);
      current.postMessage({ id, body, options });
    });
  }

  return {
    parse(body, options) {
      if (body.length <= inlineMaxChars) return inlineFeedParser.parse(body, options);
      // One parse at a time: the worker is one thread, and a queue keeps the deadline per parse.
      const run = queue.then(() => runOne(body, options));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      const current = worker;
      worker = null;
      if (current) await current.terminate();
    },
  };
}
