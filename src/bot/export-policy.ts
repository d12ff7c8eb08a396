// What an export costs a user: one request of the heavy class (the limiter /search and inline
// share, SEARCH_RATE_PER_MINUTE), and never two exports of one user building at once. Kept in
// one function so a per-command policy can take it over without touching the export feature.
import { escapeHtml } from '../telegram/html.ts';
import type { BotContext } from './context.ts';
import { EXPORT_TEXTS } from './i18n/export.ts';
import type { RateLimiter } from './rate-limit.ts';

export interface ExportGate {
  /** Runs `build` when the user may export now; otherwise tells them (once per window) and returns false. */
  run(ctx: BotContext, build: () => Promise<void>): Promise<boolean>;
}

export function createExportGate(limiter: RateLimiter): ExportGate {
  const building = new Set<number>();
  return {
    async run(ctx, build) {
      const userId = ctx.from?.id ?? ctx.chat?.id ?? 0;
      const t = EXPORT_TEXTS[ctx.lang];
      if (building.has(userId)) {
        await ctx.reply(escapeHtml(t.stillBuilding), { parse_mode: 'HTML' });
        return false;
      }
      const decision = limiter.check(userId, ctx.deps.clock().getTime());
      if (decision === 'notify') await ctx.reply(escapeHtml(t.slowDown), { parse_mode: 'HTML' });
      if (decision !== 'allow') return false;
      building.add(userId);
      try {
        await build();
      } finally {
        building.delete(userId);
      }
      return true;
    },
  };
}
