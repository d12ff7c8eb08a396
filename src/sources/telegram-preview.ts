// A public Telegram channel's web preview (https://t.me/s/<channel>, and its ?before=<id> pages) →
// its messages. Pure: markup in, messages out. The page lists about twenty messages, oldest first;
// each is a .tgme_widget_message with data-post="<channel>/<id>", its text in
// .tgme_widget_message_text, its instant in the <time datetime> of its date link, "edited" in its
// meta line, and "Forwarded from" with the origin's name. An album is one message with a grouped
// media block, so it is one post. Built on real saved preview pages (test/fixtures/telegram-preview).
import { parseHTML } from 'linkedom';
import { nodeToText } from '../corpus/html-text.ts';

export interface PreviewMessage {
  channel: string;
  id: number;
  /** The post's permanent link, https://t.me/<channel>/<id>. */
  url: string;
  /** The instant the preview shows (UTC, ISO 8601), or null when it shows none. */
  postedAt: string | null;
  text: string;
  edited: boolean;
  /** The name a forwarded post is credited to; null for the channel's own posts. */
  forwardedFrom: string | null;
  forwardedUrl: string | null;
  /** A service message (channel created, pinned…): not a statement. */
  service: boolean;
}

export interface PreviewPage {
  messages: PreviewMessage[];
  /** Whether the page is a channel preview at all (a private or unknown channel has none). */
  isPreview: boolean;
  /** The id to ask ?before= for the next older page, or null at the channel's start. */
  olderBefore: number | null;
}

type El = Element;
const USERNAME = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;

/** Links keep their address when the words hide it: "the decree (https://…)". */
function textWithLinks(node: El): string {
  const copy = node.cloneNode(true) as El;
  for (const a of Array.from(copy.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href')?.trim() ?? '';
    const words = (a.textContent ?? '').trim();
    if (!/^https?:\/\//i.test(href) || words === href || href.replace(/^https?:\/\//i, '').startsWith(words.replace(/…$/, ''))) continue;
    // A mention (@name) already names its t.me link; a hashtag link (?q=%23) is a search.
    if (words.startsWith('@') || words.startsWith('#')) continue;
    a.appendChild(copy.ownerDocument.createTextNode(` (${href})`));
  }
  // Emoji are images with the character inside <b>; nodeToText keeps the character.
  return nodeToText(copy as unknown as Node).trim();
}

function messageText(message: El): string {
  const candidates = Array.from(message.querySelectorAll('.tgme_widget_message_text'));
  // The first one outside a reply's quote of another message (an album nests the text twice).
  const own = candidates.find((el) => !el.closest('.tgme_widget_message_reply'));
  return own ? textWithLinks(own) : '';
}

function instant(message: El): string | null {
  const datetime = message.querySelector('.tgme_widget_message_date time[datetime], time[datetime]')?.getAttribute('datetime');
  if (!datetime) return null;
  const ms = Date.parse(datetime);
  // Only a full timestamp with its offset is trusted; the preview always writes one.
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)$/.test(datetime) && !Number.isNaN(ms) ? new Date(ms).toISOString() : null;
}

function readMessage(message: El, channel: string): PreviewMessage | null {
  const post = message.getAttribute('data-post') ?? '';
  const m = /^([A-Za-z][A-Za-z0-9_]{3,31})\/(\d+)$/.exec(post);
  if (!m || m[1]?.toLowerCase() !== channel.toLowerCase()) return null;
  const id = Number(m[2]);
  const forwarded = message.querySelector('.tgme_widget_message_forwarded_from');
  const forwardedName = forwarded?.querySelector('.tgme_widget_message_forwarded_from_name');
  const forwardedFrom = forwarded ? ((forwardedName ?? forwarded).textContent ?? '').replace(/^\s*Forwarded from\s*/i, '').replace(/\s+/g, ' ').trim() || null : null;
  const meta = message.querySelector('.tgme_widget_message_meta')?.textContent ?? '';
  return {
    channel: m[1] as string,
    id,
    url: `https://t.me/${m[1]}/${id}`,
    postedAt: instant(message),
    text: messageText(message),
    edited: /\bedited\b/i.test(meta),
    forwardedFrom,
    forwardedUrl: forwardedName?.getAttribute('href') ?? null,
    service: message.classList.contains('service_message'),
  };
}

/** The messages of one preview page of `channel`, oldest first, each id once. */
export function parsePreviewPage(html: string, channel: string): PreviewPage {
  if (!USERNAME.test(channel)) throw new Error(`Cannot read a channel preview: "${channel}" is not a Telegram username`);
  const { document } = parseHTML(html);
  const seen = new Set<number>();
  const messages: PreviewMessage[] = [];
  for (const el of Array.from(document.querySelectorAll('.tgme_widget_message[data-post]'))) {
    const message = readMessage(el, channel);
    if (!message || seen.has(message.id)) continue;
    seen.add(message.id);
    messages.push(message);
  }
  messages.sort((a, b) => a.id - b.id);
  const isPreview = messages.length > 0 || document.querySelector('.tgme_channel_info, .tgme_widget_message_wrap, .tgme_channel_history') !== null;
  const oldest = messages[0]?.id ?? null;
  return { messages, isPreview, olderBefore: oldest !== null && oldest > 1 ? oldest : null };
}
