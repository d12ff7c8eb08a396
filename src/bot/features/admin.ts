// Admin-only /stats and /reindex: ids from ADMIN_IDS, in a private chat, every attempt audited.
import { Composer } from 'grammy';
import { errorFields } from '../../logger.ts';
import { describeSourceHealth } from '../../store/index.ts';
import { escapeHtml } from '../../telegram/html.ts';
import type { BotContext } from '../context.ts';

/** Anonymous group admins post as this user id; it proves nothing about who they are. */
export const GROUP_ANONYMOUS_BOT_ID = 1087968824;

function isAdmin(ctx: BotContext): boolean {
  const from = ctx.from;
  return (
    from !== undefined &&
    from.id !== GROUP_ANONYMOUS_BOT_ID &&
    ctx.msg?.sender_chat === undefined &&
    ctx.chat?.type === 'private' &&
    ctx.deps.options.adminIds.includes(from.id)
  );
}

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

export function adminFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const guard = (command: string) => async (ctx: BotContext, next: () => Promise<void>) => {
    const allowed = isAdmin(ctx);
    ctx.deps.store.botState.audit({
      at: ctx.deps.clock().toISOString(),
      userId: ctx.from?.id ?? null,
      chatId: ctx.chat?.id ?? null,
      command,
      allowed,
    });
    if (!allowed) {
      ctx.deps.logger.warn({ command, userId: ctx.from?.id ?? null, chatType: ctx.chat?.type }, 'admin command refused');
      await ctx.reply(escapeHtml(ctx.t.adminOnly), { parse_mode: 'HTML' });
      return;
    }
    await next();
  };

  composer.command('stats', guard('stats'), async (ctx) => {
    await ctx.reply(`<pre>${escapeHtml(healthLines(ctx).join('\n'))}</pre>`, { parse_mode: 'HTML' });
  });

  composer.command('reindex', guard('reindex'), async (ctx) => {
    try {
      const r = ctx.deps.reindex();
      await ctx.reply(escapeHtml(ctx.t.reindexDone(r.added, r.updated, r.removed, r.rejects.length)), { parse_mode: 'HTML' });
    } catch (error) {
      ctx.deps.logger.error({ err: errorFields(error) }, 'reindex failed');
      await ctx.reply(escapeHtml(ctx.t.error), { parse_mode: 'HTML' });
    }
  });
  return composer;
}
