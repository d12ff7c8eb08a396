// End-to-end reply latency through a loopback fake Bot API: our bot (polling) against a bare
// grammY echo bot polling the same kind of fake. Time from an update being queued at the fake
// to the reply arriving there.
import { Bot } from 'grammy';
import pino from 'pino';
import { createBot } from '../src/bot/create-bot.ts';
import type { ReferenceData } from '../src/corpus/reference.ts';
import type { Store } from '../src/store/index.ts';
import { FAKE_BOT, FAKE_TOKEN, startFakeBotApi } from '../test/helpers/fake-bot-api.ts';
import { percentiles } from './measure.ts';

async function roundTrips(start: (apiRoot: string) => Promise<() => Promise<void>>, texts: string[]): Promise<number[]> {
  const api = await startFakeBotApi();
  const stop = await start(api.apiRoot);
  await api.waitFor((c) => c.method === 'getUpdates');
  const samples: number[] = [];
  for (const [i, text] of texts.entries()) {
    const seen = api.calls.length;
    const sentAt = performance.now();
    api.pushUpdate({ message: { message_id: i + 1, date: 0, text, from: { id: 9000 + i, is_bot: false, first_name: 'E' }, chat: { id: 9000 + i, type: 'private' }, ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]?.length ?? 0 }] } : {}) } });
    await api.waitFor((c) => api.calls.indexOf(c) >= seen && c.method === 'sendMessage', 10_000);
    samples.push(performance.now() - sentAt);
  }
  await stop();
  await api.close();
  return samples;
}

export async function benchEndToEnd(store: Store, reference: ReferenceData, n: number) {
  const texts = Array.from({ length: n }, (_, i) => ['/latest', '/search war', '/actor Zelensky', '/topic drones'][i % 4] as string);
  const ours = await roundTrips(async (apiRoot) => {
    const bot = createBot({ token: FAKE_TOKEN, apiRoot, botInfo: FAKE_BOT as never }, {
      store, reference, logger: pino({ level: 'silent' }), clock: () => new Date(), reindex: () => { throw new Error('no'); },
      options: { adminIds: [], searchRatePerMinute: 1_000_000, dedupeUpdates: true, defaultTimeZone: 'Europe/Kyiv', digestMaxAgeDays: 7 },
    });
    void bot.start({ timeout: 2 });
    return () => bot.stop();
  }, texts);
  const echo = await roundTrips(async (apiRoot) => {
    const bot = new Bot(FAKE_TOKEN, { client: { apiRoot }, botInfo: FAKE_BOT as never });
    bot.on('message:text', (ctx) => ctx.reply(ctx.message.text));
    void bot.start({ timeout: 2 });
    return () => bot.stop();
  }, texts);
  const o = percentiles(ours);
  const e = percentiles(echo);
  return { ours: o, echo: e, ratioP50: Number((o.p50 / e.p50).toFixed(2)), ratioP95: Number((o.p95 / e.p95).toFixed(2)) };
}
