import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeedEntries } from '../../src/sources/feed.ts';
import { atomFeed, jsonFeed, rdfFeed, rssFeed } from '../helpers/feed-fixtures.ts';

const UNKNOWN = { value: null, precision: 'unknown' };
const day = (value: string) => ({ value, precision: 'day' });

function parseError(body: string): FeedParseError {
  try {
    parseFeedEntries(body);
  } catch (error) {
    expect(error).toBeInstanceOf(FeedParseError);
    return error as FeedParseError;
  }
  throw new Error('expected FeedParseError');
}

describe('parseFeedEntries: formats', () => {
  it('reads RSS 2.0 items: guid, link, description, pubDate as a UTC day, dc:creator', () => {
    const { title, entries } = parseFeedEntries(
      rssFeed(
        [
          { id: 'pres-1', url: 'https://www.president.gov.ua/en/news/1', title: 'Address &amp; update', text: 'We keep working.', date: 'Tue, 03 Jun 2025 23:30:00 -0300', author: 'Press office' },
          { id: 'pres-2', url: 'https://www.president.gov.ua/en/news/2', title: 'Second', text: 'More.', date: '2025-06-01T12:00:00Z' },
        ],
        'President of Ukraine',
      ),
    );
    expect(title).toBe('President of Ukraine');
    expect(entries).toEqual([
      // 23:30 at -03:00 is 02:30 UTC the next day.
      { id: 'pres-1', url: 'https://www.president.gov.ua/en/news/1', title: 'Address & update', text: 'We keep working.', published: day('2025-06-04'), author: 'Press office' },
      { id: 'pres-2', url: 'https://www.president.gov.ua/en/news/2', title: 'Second', text: 'More.', published: day('2025-06-01'), author: null },
    ]);
  });

  it('reads Atom entries: id, the alternate link before others, HTML content, published else updated', () => {
    const body = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Ministry &lt;b&gt;news&lt;/b&gt;</title><id>urn:f</id><updated>2026-01-01T00:00:00Z</updated>
      <entry><id>tag:mfa.example,2026:1</id><title>Statement</title>
        <link rel="enclosure" href="https://mfa.example/audio.mp3"/><link rel="alternate" href="https://mfa.example/s/1"/>
        <updated>2026-02-10T01:00:00+03:00</updated><author><name>Spokesperson</name></author>
        <content type="html">&lt;p&gt;First point.&lt;/p&gt;&lt;p&gt;Second point.&lt;/p&gt;</content></entry></feed>`;
    const { title, entries } = parseFeedEntries(body);
    expect(title).toBe('Ministry news');
    expect(entries).toEqual([
      { id: 'tag:mfa.example,2026:1', url: 'https://mfa.example/s/1', title: 'Statement', text: 'First point.\n\nSecond point.', published: day('2026-02-09'), author: 'Spokesperson' },
    ]);
  });

  it('reads JSON Feed items: id, url, content_html or content_text, date_published', () => {
    const { entries } = parseFeedEntries(
      jsonFeed([
        { id: '42', url: 'https://news.example/42', title: 'Html item', html: '<p>One.</p><p>Two.</p>', date: '2026-05-05T22:30:00-02:00', author: 'Desk' },
        { id: '43', url: 'https://news.example/43', title: 'Text item', text: 'Line one.\n\nLine two.' },
      ]),
    );
    expect(entries).toEqual([
      { id: '42', url: 'https://news.example/42', title: 'Html item', text: 'One.\n\nTwo.', published: day('2026-05-06'), author: 'Desk' },
      { id: '43', url: 'https://news.example/43', title: 'Text item', text: 'Line one.\n\nLine two.', published: UNKNOWN, author: null },
    ]);
  });

  it('reads RDF (RSS 1.0) items: rdf:about as id, dc:date', () => {
    const { entries } = parseFeedEntries(
      rdfFeed([{ id: 'https://agency.example/item/7', url: 'https://agency.example/item/7?ref=rss', title: 'Agency item', text: 'Reported text.', date: '2026-04-01T00:30:00+02:00' }]),
    );
    expect(entries).toEqual([
      { id: 'https://agency.example/item/7', url: 'https://agency.example/item/7?ref=rss', title: 'Agency item', text: 'Reported text.', published: day('2026-03-31'), author: null },
    ]);
  });
});

describe('parseFeedEntries: text', () => {
  it('turns HTML content into paragraphs without tags, scripts or styles', () => {
    const html = '<div><p>Today we met our partners.</p><script>alert("x")</script><style>p { color: red }</style>' +
      '<p>Air defence &amp; energy<br>were discussed.</p><ul><li>Patriot</li><li>IRIS-T</li></ul>Thank you.</div>';
    const [entry] = parseFeedEntries(rssFeed([{ id: 'h', title: 'Meeting', html }])).entries;
    expect(entry?.text).toBe('Today we met our partners.\n\nAir defence & energy\nwere discussed.\n\nPatriot\n\nIRIS-T\n\nThank you.');
    expect(entry?.text).not.toMatch(/[<>]|alert|color/);
  });

  it('prefers content:encoded and falls back to the description when the content has no text', () => {
    const both = parseFeedEntries(rssFeed([{ id: 'c', title: 'T', text: 'Teaser only.', html: '<p>Full text.</p>' }]));
    expect(both.entries[0]?.text).toBe('Full text.');
    const imageOnly = parseFeedEntries(rssFeed([{ id: 'i', title: 'T', text: 'The caption.', html: '<img src="a.jpg">' }]));
    expect(imageOnly.entries[0]?.text).toBe('The caption.');
  });

  it('keeps the line breaks of a plain-text description as paragraphs', () => {
    const [entry] = parseFeedEntries(rssFeed([{ id: 'p', title: 'T', text: 'First paragraph.\n\nSecond   paragraph,\nsame one.' }])).entries;
    expect(entry?.text).toBe('First paragraph.\n\nSecond paragraph,\nsame one.');
  });

  it('skips entries with neither title nor text, keeps a title-only entry', () => {
    const { entries } = parseFeedEntries(rssFeed([{ id: 'empty', url: 'https://e.example/1' }, { id: 'titled', title: 'Only a title' }]));
    expect(entries.map((e) => [e.id, e.text])).toEqual([['titled', '']]);
  });
});

describe('parseFeedEntries: ids, links, dates', () => {
  it('keeps an entry id when its title and text change between polls', () => {
    const first = parseFeedEntries(atomFeed([{ id: 'urn:s:1', title: 'Draft title', text: 'First version.' }])).entries[0];
    const second = parseFeedEntries(atomFeed([{ id: 'urn:s:1', title: 'Final title', text: 'Edited version.' }])).entries[0];
    expect(second?.id).toBe(first?.id);
    expect(second?.text).toBe('Edited version.');
    // Without a guid the link is the id, so an edited title does not make a new entry either.
    const linked1 = parseFeedEntries(rssFeed([{ url: 'https://e.example/a', title: 'Before', text: 'x' }])).entries[0];
    const linked2 = parseFeedEntries(rssFeed([{ url: 'https://e.example/a', title: 'After', text: 'y' }])).entries[0];
    expect([linked1?.id, linked2?.id]).toEqual(['https://e.example/a', 'https://e.example/a']);
  });

  it('gives an entry with no id and no link a stable content hash', () => {
    const feed = rssFeed([{ title: 'No id', text: 'Same text.' }, { title: 'No id', text: 'Other text.' }]);
    const a = parseFeedEntries(feed).entries;
    const b = parseFeedEntries(feed).entries;
    expect(a[0]?.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.map((e) => e.id)).toEqual(b.map((e) => e.id));
    expect(a[0]?.id).not.toBe(a[1]?.id);
  });

  it('resolves relative links against the feed site and drops non-http links', () => {
    const { entries } = parseFeedEntries(rssFeed([
      { id: 'r', url: '/news/5', title: 'Relative', text: 'x' },
      { id: 'j', url: 'javascript:alert(1)', title: 'Script', text: 'x' },
    ]));
    expect(entries.map((e) => e.url)).toEqual(['https://fixture.example/news/5', null]);
  });

  it('keeps two entries that share an id (the second keyed by id and content), and one entry listed twice once', () => {
    const { entries } = parseFeedEntries(rssFeed([{ id: 'd', title: 'Newest', text: 'a' }, { id: 'd', title: 'Older copy', text: 'b' }, { id: 'd', title: 'Newest', text: 'a' }]));
    expect(entries.map((e) => e.title)).toEqual(['Newest', 'Older copy']);
    expect(entries[0]?.id).toBe('d');
    expect(entries[1]?.id).toMatch(/^d  sha256:[0-9a-f]{64}$/);
  });

  it('marks a missing or unparseable date unknown (never today)', () => {
    const { entries } = parseFeedEntries(rssFeed([
      { id: 'none', title: 'No date', text: 'x' },
      { id: 'junk', title: 'Junk date', text: 'x', date: 'Issue 12' },
      { id: 'zero', title: 'Epoch', text: 'x', date: 'Thu, 01 Jan 1970 00:00:00 +0000' },
      { id: 'feb30', title: 'Impossible', text: 'x', date: '2026-02-30' },
      { id: 'eest', title: 'Kyiv summer time', text: 'x', date: 'Mon, 01 Jun 2026 01:30:00 EEST' },
      { id: 'short', title: 'Two-digit year', text: 'x', date: '5 Jan 26' },
    ]));
    expect(entries.map((e) => [e.id, e.published.value])).toEqual([
      ['none', null], ['junk', null], ['zero', null], ['feb30', null], ['eest', '2026-05-31'], ['short', '2026-01-05'],
    ]);
    expect(entries[0]?.published).toEqual(UNKNOWN);
  });
});

describe('parseFeedEntries: bodies that are not feeds', () => {
  it('rejects XML it cannot repair; a body cut off keeps only its complete entries, never half of one', () => {
    const full = rssFeed([{ id: 'a', title: 'A', text: 'Complete.' }, { id: 'b', title: 'B', text: 'This one is cut off here.' }]);
    const cut = parseFeedEntries(full.slice(0, full.indexOf('cut off')));
    expect(cut.entries.map((e) => [e.id, e.text])).toEqual([['a', 'Complete.']]);
    expect(cut.recovered).toBe(true);
    expect(cut.notes.join(' ')).toContain('kept the complete entries');
    // Cut inside the first entry: nothing whole to keep, so the poll fails rather than store a half entry.
    expect(parseError('<rss><channel><item><title>cut off').message).toMatch(/^Cannot parse feed: malformed XML at line \d+: /);
    expect(parseError('<rss><channel><item><title>x</title></channel></rss>').message).toContain('malformed XML');
  });

  it('names an HTML page, plain text, broken JSON and a JSON object that is not a feed', () => {
    expect(parseError('<!DOCTYPE html><html><head><title>Home</title></head><body></body></html>').message).toBe('Cannot parse feed: an HTML page, not a feed');
    expect(parseError('Service temporarily unavailable').message).toBe('Cannot parse feed: neither XML nor JSON');
    expect(parseError('{"items": [').message).toMatch(/^Cannot parse feed: not valid JSON/);
    expect(parseError('{"hello": "world"}').message).toMatch(/^Cannot parse feed: not an RSS, Atom, RDF or JSON feed/);
    expect(parseError('<note><to>x</to></note>').message).toMatch(/^Cannot parse feed: not an RSS, Atom, RDF or JSON feed/);
    expect(parseError('  ').message).toBe('Cannot parse feed: the body is empty');
  });

  it('accepts a byte-order mark, leading blank lines and an empty channel', () => {
    expect(parseFeedEntries(`\uFEFF\n\n${rssFeed([])}`)).toEqual({ title: 'Fixture feed', entries: [], notes: [], recovered: false, total: 0 });
  });
});
