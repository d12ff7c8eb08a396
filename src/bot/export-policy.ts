// What an export costs a user beyond its policy: the rate limit is the 'heavy' cost class of the
// one policy middleware (policy.ts, registered with /export in features/export.ts); this adds only
// what a rate cannot say — never two exports of one user building at once.
import { escapeHtml } from '../telegram/html.ts';
import type { BotContext } from './context.ts';
import { EXPORT_TEXTS } from './i18n/export.ts';

export interface ExportGate {
  /** Runs `build` unless this user's previous export is still building (then says so); false if not run. */
  run(ctx: BotContext, build: () => Promise<void>): Promise<boolean>;
}

export function createExportGate(): ExportGate {
  const building = new Set<number>();
  return {
    async run(ctx, build) {
      const userId = ctx.from?.id ?? ctx.chat?.id ?? 0;
      if (building.has(userId)) {
        await ctx.reply(escapeHtml(EXPORT_TEXTS[ctx.lang].stillBuilding), { parse_mode: 'HTML' });
        return false;
      }
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
