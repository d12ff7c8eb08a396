// A feed body → the document feedsmith reads, or a reason a person can act on. XML is checked for
// well-formedness first (feedsmith is lenient: a feed cut off mid-item would parse as a shorter
// feed with a truncated last entry); a body that fails gets one lenient repair pass
// (feed-xml-repair.ts), and what was repaired is reported so source health can say so. Only the
// first `maxEntries` entries are kept before parsing, so a 2,000-item feed costs what 200 cost.
import { XMLValidator } from 'fast-xml-parser';
import { keepFirstEntries, repairFeedXml } from './feed-xml-repair.ts';

export class FeedParseError extends Error {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`Cannot parse feed: ${detail}`, options);
    this.name = 'FeedParseError';
  }
}

export interface FeedDocument {
  /** XML text or a parsed JSON object, as feedsmith takes them. */
  document: string | object;
  xml: string | null;
  /** Repairs and cuts made, for source health (empty for a clean body). */
  notes: string[];
  recovered: boolean;
  /** Complete entries counted in an XML body before any were cut; null when not counted. */
  total: number | null;
}

// JSON Feed names its version by URL ("https://jsonfeed.org/version/1.1"); feeds in the wild also
// write "1.1", "1" or http://, and some leave it out. Versions 1 and 1.1 read the same for us.
const JSON_FEED_VERSION = /^(?:https?:\/\/(?:www\.)?jsonfeed\.org\/version\/)?1(?:\.[01])?\/?$/i;

function readJson(text: string): FeedDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FeedParseError(`not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FeedParseError('JSON, but not a JSON Feed object');
  const feed = value as Record<string, unknown>;
  const version = typeof feed.version === 'string' ? feed.version.trim() : undefined;
  const lenient = Array.isArray(feed.items) && (version === undefined || JSON_FEED_VERSION.test(version));
  const document = lenient ? { ...feed, version: 'https://jsonfeed.org/version/1.1' } : feed;
  return { document, xml: null, notes: lenient && version !== undefined && !/^https:\/\/jsonfeed\.org\/version\/1(\.1)?$/.test(version) ? [`JSON Feed version "${version}" read as 1.1`] : [], recovered: false, total: null };
}

function validationError(text: string): string | null {
  const check = XMLValidator.validate(text);
  return check === true ? null : `malformed XML at line ${check.err.line}: ${check.err.msg}`;
}

/** Checks, and if need be repairs, a feed body; throws FeedParseError when it cannot be read. */
export function readFeedDocument(body: string, options: { maxEntries: number; truncated?: boolean }): FeedDocument {
  const text = body.replace(/^\uFEFF/, '').trimStart();
  if (text === '') throw new FeedParseError('the body is empty');
  if (text.startsWith('{') || text.startsWith('[')) return readJson(text);
  if (!text.startsWith('<')) throw new FeedParseError('neither XML nor JSON');
  if (/^(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i.test(text)) throw new FeedParseError('an HTML page, not a feed');
  const notes: string[] = [];
  let xml = text;
  const problem = validationError(xml);
  if (problem) {
    const repair = repairFeedXml(xml);
    const still = repair.fixes.length > 0 ? validationError(repair.text) : problem;
    if (still) throw new FeedParseError(problem);
    xml = repair.text;
    notes.push(`${options.truncated ? 'body over the size cap' : 'malformed XML'} recovered (${repair.fixes.join(', ')})`);
  }
  const kept = keepFirstEntries(xml, options.maxEntries);
  if (kept.dropped > 0) notes.push(`${kept.total} entries in the body; the first ${options.maxEntries} read`);
  return { document: kept.text, xml: kept.text, notes, recovered: problem !== null, total: kept.total };
}
