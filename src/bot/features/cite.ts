// The Cite button under a card ('c:<id>') and the citation result in inline mode: one plain-text
// message with a citation ready to paste, in the reader's language.
import { Composer } from 'grammy';
import type { InlineKeyboard } from 'grammy';
import type { InlineQueryResult } from 'grammy/types';
import type { Statement } from '../../store/index.ts';
import { translationIds } from '../../export/csv.ts';
import { buildCitation, renderCitationText, speakerDirectoryFor } from '../citation.ts';
import type { Citation } from '../citation.ts';
import type { BotContext } from '../context.ts';
import { EXPORT_TEXTS } from '../i18n/export.ts';
import { CITE_BUTTON } from '../buttons.ts';
import type { Policy, PolicyGuard } from '../policy.ts';
import { ANYWHERE } from '../policy.ts';
import { cutText } from '../../telegram/text.ts';

export function citationOf(ctx: BotContext, s: Statement): Citation {
  const versions = ctx.deps.store.exports.langsOf(translationIds(s));
  return buildCitation(s, ctx.lang, speakerDirectoryFor(ctx.deps.reference.actors), versions);
}

/** Adds the Cite button to a card's keyboard. */
export function addCiteButton(ctx: BotContext, keyboard: InlineKeyboard, statementId: number): InlineKeyboard {
  return keyboard.text(EXPORT_TEXTS[ctx.lang].cite, CITE_BUTTON.data(statementId));
}

/** The second kind of inline result: the statement as a citation (plain text, no card). */
export function citeInlineResult(ctx: BotContext, s: Statement): InlineQueryResult {
  const c = citationOf(ctx, s);
  return {
    type: 'article',
    id: `c${s.id}`,
    title: cutText(EXPORT_TEXTS[ctx.lang].citeInlineTitle(`${cutText(c.who, 120)} · ${c.said}`), 200),
    description: cutText(s.text.replace(/\s+/g, ' '), 180),
    input_message_content: { message_text: renderCitationText(c, ctx.lang), link_preview_options: { is_disabled: true } },
  };
}

/** One message a press, like opening a card: cheap, in private chats and groups. */
const CITE_POLICY: Policy = { cost: 'cheap', who: 'anyone', where: ANYWHERE };

export function citeFeature(guard: PolicyGuard): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  guard.button(composer, CITE_BUTTON, CITE_POLICY, async (ctx, [id]) => {
    // Only under a card in a chat: a button on a message posted inline has no chat to answer in
    // (the policy refuses such a press before it gets here; this stays as the handler's own check).
    const s = ctx.chat ? ctx.deps.store.statements.byId(id) : undefined;
    await ctx.answerCallbackQuery(s ? undefined : { text: ctx.t.staleButton });
    if (!s) return;
    // No parse mode: the citation is plain text, so it pastes anywhere exactly as shown.
    await ctx.reply(renderCitationText(citationOf(ctx, s), ctx.lang), { link_preview_options: { is_disabled: true } });
  });
  return composer;
}
