// /export: the list this chat was shown last, whole (every page, in its order), or the statements
// typed filters select, sent as one document — Markdown citations or CSV — built as it uploads.
import { Composer, InputFile } from 'grammy';
import { localDateOf } from '../../digest/due.ts';
import { parseExportArgs } from '../../export/args.ts';
import { exportDocument } from '../../export/document.ts';
import { exportFilename } from '../../export/filename.ts';
import type { ExportPlan } from '../../export/plan.ts';
import { planFilterExport, planListExport } from '../../export/plan.ts';
import { exportBatches, judgeExportSize, MAX_EXPORT_BYTES, MAX_EXPORT_ROWS, measureExport } from '../../export/source.ts';
import { escapeHtml } from '../../telegram/html.ts';
import { speakerDirectoryFor } from '../citation.ts';
import type { BotContext } from '../context.ts';
import type { ExportGate } from '../export-policy.ts';
import { EXPORT_TEXTS } from '../i18n/export.ts';
import type { Policy, PolicyGuard } from '../policy.ts';
import { ANYWHERE } from '../policy.ts';
import { cutText, echo } from '../../telegram/text.ts';

const MAX_CAPTION_CHARS = 1024;
const MAX_ARGS_CHARS = 600;

const say = (ctx: BotContext, text: string) => ctx.reply(escapeHtml(text), { parse_mode: 'HTML' });

/** The plan for the words after /export, or null after telling the user what is wrong. */
async function planFor(ctx: BotContext, text: string): Promise<{ plan: ExportPlan; format: 'md' | 'csv' } | null> {
  const t = EXPORT_TEXTS[ctx.lang];
  const { store, reference } = ctx.deps;
  const parsed = parseExportArgs(text);
  if (!parsed.ok) {
    await say(ctx, t.badArgs(parsed.problem, echo(parsed.word)));
    return null;
  }
  const format = parsed.format ?? 'md';
  if (parsed.hasFilters) {
    const planned = planFilterExport(store, reference.tagger, parsed.words, ctx.lang);
    if (planned.ok) return { plan: planned.plan, format };
    const word = echo(planned.word);
    const suggestions = planned.suggestions.map((name) => cutText(name, 120));
    await say(ctx, planned.problem === 'actor' ? t.actorUnknown(word, suggestions) : t.topicUnknown(word, suggestions));
    return null;
  }
  const list = store.exports.lastList(ctx.chat?.id ?? ctx.from?.id ?? 0);
  if (!list) {
    await say(ctx, t.noList);
    return null;
  }
  // Stored as 'pageSize|argument' for the list's pages (see lists.ts).
  const arg = list.arg.split('|').slice(1).join('|');
  return { plan: planListExport(store, reference.tagger, list.kind, arg, ctx.lang), format };
}

async function sendExport(ctx: BotContext, plan: ExportPlan, format: 'md' | 'csv'): Promise<void> {
  const t = EXPORT_TEXTS[ctx.lang];
  const { store, reference, clock, options } = ctx.deps;
  const size = measureExport(store, plan.target);
  const total = size.rows;
  switch (judgeExportSize(size)) {
    case 'empty': return void (await say(ctx, t.empty));
    case 'too-many-rows': return void (await say(ctx, t.tooMany(total, MAX_EXPORT_ROWS)));
    case 'too-big': return void (await say(ctx, t.tooBig(total, Math.round(MAX_EXPORT_BYTES / 1024 / 1024))));
    case 'ok': break;
  }
  const exportedOn = localDateOf(clock(), options.defaultTimeZone);
  const filename = exportFilename(plan.nameParts, exportedOn, format);
  const speakers = speakerDirectoryFor(reference.actors);
  // A supplier, not a stream: if the upload is retried, the file is read again from the start.
  const file = new InputFile(
    () => exportDocument(exportBatches(store, plan.target), {
      format, lang: ctx.lang, description: plan.description, total, exportedOn, speakers,
      versionLangs: (ids) => store.exports.langsOf(ids),
    }),
    filename,
  );
  const asking = ctx.msg?.message_id;
  await ctx.replyWithDocument(file, {
    caption: cutText(t.caption(total, plan.description), MAX_CAPTION_CHARS),
    ...(ctx.chat?.type !== 'private' && asking !== undefined ? { reply_parameters: { message_id: asking, allow_sending_without_reply: true } } : {}),
  });
}

/**
 * Building a file of up to 5,000 statements is heavy work: the 'heavy' class of the policy
 * middleware limits it per user and per group (a refused /export gets its "slow down, try again
 * in N s" once a minute, then silence), and the gate lets one export of a user build at a time.
 */
const EXPORT_POLICY: Policy = { cost: 'heavy', who: 'anyone', where: ANYWHERE };

export function exportFeature(guard: PolicyGuard, gate: ExportGate): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  guard.command(composer, 'export', EXPORT_POLICY, async (ctx) => {
    const planned = await planFor(ctx, cutText(ctx.match.trim(), MAX_ARGS_CHARS, ''));
    if (!planned) return;
    await gate.run(ctx, () => sendExport(ctx, planned.plan, planned.format));
  });
  return composer;
}
