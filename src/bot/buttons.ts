// Every button the bot shows. Data formats are those the bot has always sent, so buttons on old
// messages keep working. Policies are not here: each is declared where its handler is registered.
import { defineButton } from './callback-data.ts';

/** ◀ ▶ on a result list: list id, page number. */
export const PAGE_BUTTON = defineButton('p', ['uint', 'uint']);
/** Open a statement's card (translation / original): statement id. */
export const SHOW_BUTTON = defineButton('s', ['uint']);
/** A person picked from a list: actor id. */
export const ACTOR_BUTTON = defineButton('a', ['uint']);
/** A topic picked from a list: slug. */
export const TOPIC_BUTTON = defineButton('t', ['slug']);
/** Full text of a statement: statement id (its first part). */
export const FULL_TEXT_BUTTON = defineButton('f', ['uint']);
/** The next part of a full text: statement id, part index. One message a press, never a burst. */
export const FULL_TEXT_PART_BUTTON = defineButton('fp', ['uint', 'uint']);
/** The next part of a /digest preview: part index (the preview is rebuilt for the press). */
export const DIGEST_PART_BUTTON = defineButton('dp', ['uint']);
/** One of the /start examples: its index. */
export const EXAMPLE_BUTTON = defineButton('x', ['uint']);
/** A citation ready to paste, under a card: statement id ('c:<id>', as issue-18 first sent it). */
export const CITE_BUTTON = defineButton('c', ['uint']);
/** Interface language: en | uk. */
export const LANGUAGE_BUTTON = defineButton('l', ['slug']);

// Digest settings: the first field is the chat whose digest changes (this chat, or a group or
// channel managed from a private chat). Its admin rights are checked at each press.
export const SUB_TOPIC_BUTTON = defineButton('St', ['int', 'slug']);
export const SUB_ACTOR_BUTTON = defineButton('Sa', ['int', 'slug']);
export const SUB_SETTINGS_BUTTON = defineButton('Ss', ['int', 'slug']);
export const SUB_PAUSE_BUTTON = defineButton('Sp', ['int', 'slug']);
export const SUB_LANGUAGE_BUTTON = defineButton('Sl', ['int', 'slug']);
export const SUB_UNSUBSCRIBE_BUTTON = defineButton('Su', ['int', 'slug']);
/** A time picked under a bare /time: chat, "HHMM". */
export const SUB_TIME_BUTTON = defineButton('Sh', ['int', 'slug']);
/** A zone picked under a bare /timezone: chat, index in ZONE_CHOICES. */
export const SUB_ZONE_BUTTON = defineButton('Sz', ['int', 'uint']);
/** "Clear keywords" under a bare /keywords: chat. */
export const SUB_KEYWORDS_CLEAR_BUTTON = defineButton('Sk', ['int']);
