// The digest phases (build for N subscribers, then a fan-out) in a process of their own, with the
// code the bot runs them with: its resident memory is that of a digest run, not the bench's (which
// by then holds the latency figures, the fake API's log and the earlier phases' garbage). It is
// not the whole bot either: no grammY bot, no serving caches (the bot's own peak is measured
// separately, by rss-bench.ts). The parent hosts the rate-enforcing fake Bot API.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadReferenceData } from '../src/corpus/reference.ts';
import { deliverOpenParts } from '../src/digest/deliver.ts';
import { createRateGate } from '../src/digest/rate-gate.ts';
import { openStore } from '../src/store/index.ts';
import { fakeApi } from '../test/helpers/digest-fixture.ts';
import { startFakeBotApi } from '../test/helpers/fake-bot-api.ts';
import { benchDigestBuild } from './digest-bench.ts';
import { round } from './measure.ts';
import { measurePhase } from './stall.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

interface ChildPlan {
  dbPath: string;
  subscribers: number[];
  fanout: number;
  apiRoot: string;
  now: string;
  ratePerSecond: number;
}

/** In the child: build for each subscriber count, keep `fanout` parts open, deliver them. */
async function runInChild(plan: ChildPlan) {
  const reference = loadReferenceData();
  const store = openStore(plan.dbPath, { actors: reference.actors, tagger: reference.tagger });
  const builds = [];
  let firstId = 1_000_000;
  for (const subs of plan.subscribers) {
    builds.push(await benchDigestBuild(store, reference, subs, new Date(plan.now), firstId));
    firstId += subs;
    process.stderr.write(`  ${JSON.stringify(builds[builds.length - 1])}\n`);
    // Only the first chats' digests are sent in the fan-out; the rest are set aside.
    store.db.prepare(`UPDATE delivery_parts SET status = 'failed' WHERE status = 'pending' AND delivery_id > (SELECT MIN(delivery_id) FROM delivery_parts WHERE status = 'pending') + ?`).run(plan.fanout - 1);
  }
  const parts = store.deliveries.openParts().length;
  const started = performance.now();
  const phase = await measurePhase(() => deliverOpenParts({
    store, api: fakeApi(plan.apiRoot, 10), logger: pino({ level: 'silent' }), gate: createRateGate(plan.ratePerSecond),
    clock: () => new Date(), deadline: Date.now() + 30 * 60_000, concurrency: Math.ceil(plan.ratePerSecond * 2) + 4,
  }));
  const fanout = { parts, seconds: (performance.now() - started) / 1000, sent: phase.value.sent, failed: phase.value.failed, longestStallMs: phase.longestStallMs, p99StallMs: phase.p99StallMs, peakRssMb: phase.peakRssMb };
  store.close();
  // The kernel's high-water mark, read here at the end: the parent's 200 ms samples may miss a last peak.
  const vmHwmKb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
  return { builds, fanout, vmHwmKb };
}

/** In the bench: the fake API here, the digest run in a child process over the same database file. */
export async function benchDigestRunInProcess(input: { dbPath: string; subscribers: number[]; fanout: number; now: Date; ratePerSecond: number; log: (s: string) => void }) {
  const api = await startFakeBotApi({ rateLimit: { globalPerSecond: 30, perChatPerSecond: 1 } });
  try {
    const plan: ChildPlan = { dbPath: input.dbPath, subscribers: input.subscribers, fanout: input.fanout, apiRoot: api.apiRoot, now: input.now.toISOString(), ratePerSecond: input.ratePerSecond };
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--plan', JSON.stringify(plan)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      input.log(d.toString().trimEnd());
    });
    let peakKb = 0;
    const sample = setInterval(() => {
      try {
        peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0));
      } catch {
        // the process has just exited
      }
    }, 200);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearInterval(sample);
    if (code !== 0) throw new Error(`digest process failed (${code}): ${err.slice(-2000)}`);
    const result = JSON.parse(out) as Awaited<ReturnType<typeof runInChild>>;
    // A duplicate is the same part (chat and text) received twice; parts of one digest are not.
    const perPart = new Map<string, number>();
    for (const c of api.sent()) perPart.set(`${c.params.chat_id}|${c.params.text}`, (perPart.get(`${c.params.chat_id}|${c.params.text}`) ?? 0) + 1);
    const f = result.fanout;
    return {
      digestBuild: result.builds,
      fanout: {
        parts: f.parts, seconds: round(f.seconds), ratePerSecond: round(f.sent / f.seconds, 2), configured: input.ratePerSecond,
        ratio: round(f.sent / f.seconds / input.ratePerSecond, 3), lost: f.parts - f.sent,
        duplicates: [...perPart.values()].reduce((s, n) => s + Math.max(0, n - 1), 0),
        answered429: api.calls.filter((c) => c.error?.error_code === 429).length, failed: f.failed,
        longestStallMs: f.longestStallMs, p99StallMs: f.p99StallMs, peakRssMb: f.peakRssMb,
      },
      /** The digest process's high-water mark of resident memory over the whole run (VmHWM). */
      processPeakRssMb: Math.round(Math.max(peakKb, result.vmHwmKb) / 1024),
    };
  } finally {
    await api.close();
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const { values } = parseArgs({ options: { plan: { type: 'string' } } });
  const result = await runInChild(JSON.parse(values.plan ?? '{}') as ChildPlan);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
