// The worker thread behind feed-parse-thread.ts: parses feed bodies off the bot's thread. Plain
// JavaScript so it starts under any runner; it loads the TypeScript parser through tsx's API.
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { parseFeedEntries } = await tsImport('./feed.ts', import.meta.url);

parentPort.on('message', ({ id, body, options }) => {
  try {
    parentPort.postMessage({ id, result: parseFeedEntries(body, options) });
  } catch (error) {
    parentPort.postMessage({ id, error: { name: error?.name ?? 'Error', message: error?.message ?? String(error) } });
  }
});
