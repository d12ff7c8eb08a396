// /digest: a preview of what the next digest would hold now, one part a message with ▶ for the
// next; for the digest's readers (a channel's preview is what the channel will see); with nothing
// new, a sample made from the latest statements, marked as one, so a newcomer sees what comes.
import type { Composer } from 'grammy';
import { InlineKeyboard } from 'grammy';
import { audienceOf, composeDigest, cutoffDay, followedNames } from '../../digest/build.ts';
import { localDateOf } from '../../digest/due.ts';
import type { Subscription } from '../../store/index.ts';
import { escapeHtml, MAX_MESSAGE_UTF16, toPlainText } from '../../telegram/html.ts';
import { DIGEST_PART_BUTTON } from '../buttons.ts';
import type { BotContext } from '../context.ts';
import type { Policy, PolicyGuard } from '../policy.ts';
import { ANYWHERE } from '../policy.ts';
import { about, reply, replyAbout, targetOf } from './subscribe.ts';
import { describeNext } from './subscribe-view.ts';

/** Statements a sample digest is made of when nothing is new. */
const SAMPLE_SIZE = 8;

/**
 * The /digest preview in parts, the heading joined to the first when it fits; null when the chat
 * has no subscription, [] when nothing is new. Rebuilt for each ▶ press (it is a preview of now).
 */
function previewParts(ctx: BotContext, target: { chatId: number; name: string | null }): { parts: string[]; s: Subscription } | null {
  const s = ctx.deps.store.subscriptions.get(target.chatId);
  if (!s) return null;
  const nowDate = ctx.deps.clock();
  const { statements } = ctx.deps.store;
  // Written for the digest's readers: a channel's preview shows what the channel will see.
  const common = {
    followedNames: followedNames(ctx.deps.store, s.actors), uiLang: ctx.lang, localDate: localDateOf(nowDate, s.timeZone),
    failedSources: ctx.deps.store.catalog.failedSourcesSince(s.watermark), reference: ctx.deps.reference,
    readers: { audience: audienceOf(s.chatType), botUsername: ctx.me.username },
  };
  let content = composeDigest({
    ...common, filters: s,
    statements: statements.newSince(s.watermarkSeq, statements.currentSeq(), cutoffDay(nowDate, ctx.deps.options.digestMaxAgeDays)),
  });
  let headText = ctx.t.sub.previewHead;
  if (content.items === 0) {
    // Nothing new: a newcomer still sees what a digest looks like — a sample of the latest
    // statements (those that fit the chat's filters, else any), marked as a sample.
    const latest = statements.latest(SAMPLE_SIZE, null).items;
    content = composeDigest({ ...common, filters: s, statements: latest, sample: true });
    if (content.items === 0) content = composeDigest({ ...common, filters: { ...s, topics: [], actors: [], include: [], exclude: [] }, statements: latest, sample: true });
    if (content.items === 0) return { parts: [], s };
    headText = `${ctx.t.sub.previewNothing(describeNext(ctx, s))}\n${ctx.t.sub.sampleHead}`;
  }
  const head = escapeHtml(about(ctx, target, headText));
  const [first = '', ...rest] = content.parts;
  const joined = `${head}\n\n${first}`;
  return { parts: toPlainText(joined).length <= MAX_MESSAGE_UTF16 ? [joined, ...rest] : [head, ...content.parts], s };
}

/** One part of the preview per message, with ▶ for the next: a long digest is never a burst of messages. */
async function sendPreviewPart(ctx: BotContext, part: number): Promise<unknown> {
  if (!ctx.chat) return;
  // In a private chat, the digest of the channel chosen with /channel (see targetOf).
  const target = targetOf(ctx);
  const preview = previewParts(ctx, target);
  if (!preview) return reply(ctx, ctx.t.sub.notSubscribed);
  if (preview.parts.length === 0) return replyAbout(ctx, target, ctx.t.sub.previewNothing(describeNext(ctx, preview.s)));
  const k = Math.min(part, preview.parts.length - 1);
  const keyboard = new InlineKeyboard();
  if (k + 1 < preview.parts.length) keyboard.text(`▶ ${k + 2}/${preview.parts.length}`, DIGEST_PART_BUTTON.data(k + 1));
  return ctx.reply(preview.parts[k] ?? '', { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, reply_markup: keyboard });
}

export function digestPreviewCommands(composer: Composer<BotContext>, guard: PolicyGuard): void {
  // A preview is output-multiplying (a digest has parts): limited per user and per group, one part a message.
  const PREVIEW: Policy = { cost: 'output', who: 'anyone', where: ANYWHERE };
  guard.command(composer, 'digest', PREVIEW, (ctx) => sendPreviewPart(ctx, 0));
  guard.button(composer, DIGEST_PART_BUTTON, PREVIEW, async (ctx, [part]) => {
    await ctx.answerCallbackQuery();
    await sendPreviewPart(ctx, part);
  });
}
