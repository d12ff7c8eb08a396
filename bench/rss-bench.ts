// Peak RSS of the real bot process serving an index of N statements: queries driven through the
// fake Bot API, then VmHWM read from /proc (the kernel's high-water mark of resident memory).
import { readFileSync } from 'node:fs';
import { startBotProcess } from '../test/helpers/bot-process.ts';
import { FAKE_TOKEN, startFakeBotApi } from '../test/helpers/fake-bot-api.ts';
import { QUERY_MIX } from './query-bench.ts';

export async function benchRss(dbPath: string, corpusDir: string, queries: number) {
  const api = await startFakeBotApi();
  const bot = startBotProcess({ TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_API_ROOT: api.apiRoot, DATABASE_PATH: dbPath, CORPUS_DIR: corpusDir, LOG_LEVEL: 'warn' });
  try {
    // On a timeout, say what the process said (as the fan-out helper does): a start that never
    // reaches getUpdates is otherwise a bare "waitFor timed out".
    await api.waitFor((c) => c.method === 'getUpdates', 120_000).catch((e) => {
      process.stderr.write(`bot process output:\n${bot.output()}\n`);
      throw e;
    });
    for (let i = 0; i < queries; i += 1) {
      const [command, arg] = QUERY_MIX[i % QUERY_MIX.length] as [string, string];
      const text = `/${command}${arg ? ` ${arg}` : ''}`;
      const seen = api.calls.length;
      api.pushUpdate({ update_id: 2_000_000_000 + i, message: { message_id: i + 1, date: 0, text, from: { id: 5000 + i, is_bot: false, first_name: 'R' }, chat: { id: 5000 + i, type: 'private' }, entities: [{ type: 'bot_command', offset: 0, length: command.length + 1 }] } });
      await api.waitFor((c) => api.calls.indexOf(c) >= seen && c.method === 'sendMessage', 20_000);
    }
    const status = readFileSync(`/proc/${bot.child.pid}/status`, 'utf8');
    const kb = (key: string): number => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
    return { queries, peakRssMb: Math.round(kb('VmHWM') / 1024), rssMb: Math.round(kb('VmRSS') / 1024) };
  } finally {
    await bot.stop('SIGTERM');
    await api.close();
  }
}
