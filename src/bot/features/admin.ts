// Admin-only /stats and /reindex: ids from ADMIN_IDS, in a private chat, every attempt audited
// (by the policy middleware, which keeps the audit rows even after a /stop).
import { Composer } from 'grammy';
import { errorFields } from '../../logger.ts';
import { describeSourceHealth } from '../../store/index.ts';
import { escapeHtml } from '../../telegram/html.ts';
import { cutText } from '../../telegram/text.ts';
import type { BotContext } from '../context.ts';
import type { Policy, PolicyGuard } from '../policy.ts';
import { PRIVATE_ONLY } from '../policy.ts';

export { GROUP_ANONYMOUS_BOT_ID } from '../policy.ts';

export function healthLines(ctx: BotContext): string[] {
  const stats = ctx.deps.store.catalog.stats();
  const run = stats.lastIngest;
  const subs = ctx.deps.store.subscriptions.counts();
  const digest = ctx.deps.store.deliveries.lastRun();
  return [
    `statements: ${stats.statements} (${Object.entries(stats.byLang).map(([k, n]) => `${k} ${n}`).join(', ')})`,
    `documents: ${stats.documents}, actors: ${stats.actors}`,
    `last ingest: ${run ? `${run.finishedAt} +${run.added} ~${run.updated} -${run.removed}, ${run.rejects.length} rejected` : 'never'}`,
    ...(run?.rejects.slice(0, 5).map((r) => `  rejected ${r.file}${r.line ? `:${r.line}` : ''}: ${r.reason}`) ?? []),
    ...ctx.deps.store.sources.health().map((f) => `feed ${describeSourceHealth(f)}`),
    `subscriptions: ${subs.live} active of ${subs.total}`,
    `last digest run: ${digest ? `${digest.finishedAt}: built ${digest.built}, skipped ${digest.skipped}, sent ${digest.sent}, failed ${digest.failed}${digest.note && !['tick', 'startup'].includes(digest.note) ? ` (${digest.note})` : ''}` : 'never'}`,
  ];
}

/** Bot admins only (ADMIN_IDS), in a private chat; the policy middleware audits every attempt. */
const ADMIN_POLICY: Policy = { cost: 'heavy', who: 'botAdmin', where: PRIVATE_ONLY };

export function adminFeature(guard: PolicyGuard): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  guard.command(composer, 'stats', ADMIN_POLICY, async (ctx) => {
    // Many feeds or long reject reasons must not push the reply over Telegram's limit.
    await ctx.reply(`<pre>${escapeHtml(cutText(healthLines(ctx).join('\n'), 4000))}</pre>`, { parse_mode: 'HTML' });
  });

  guard.command(composer, 'reindex', ADMIN_POLICY, async (ctx) => {
    try {
      // The re-read writes from its worker: this update gives up its write turn while it waits.
      const turns = ctx.deps.writeTurns;
      const r = turns ? await turns.outside(async () => ctx.deps.reindex()) : await ctx.deps.reindex();
      await ctx.reply(escapeHtml(ctx.t.reindexDone(r.added, r.updated, r.removed, r.rejects.length)), { parse_mode: 'HTML' });
    } catch (error) {
      ctx.deps.logger.error({ err: errorFields(error) }, 'reindex failed');
      await ctx.reply(escapeHtml(ctx.t.error), { parse_mode: 'HTML' });
    }
  });
  return composer;
}
