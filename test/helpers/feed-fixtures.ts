// Valid feed documents from plain objects, so tests state the entries and not the XML. Each field
// left out is left out of the document too, which is how tests get entries without a date or id.

export interface FixtureItem {
  id?: string;
  url?: string;
  title?: string;
  /** Plain text: RSS description, Atom content type="text", JSON content_text. */
  text?: string;
  /** Markup: RSS content:encoded, Atom content type="html", JSON content_html. */
  html?: string;
  /** An ISO date-time is written in each format's own style; anything else is written as given. */
  date?: string;
  author?: string;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

const element = (name: string, value: string | undefined, attrs = ''): string =>
  value === undefined ? '' : `<${name}${attrs}>${escapeXml(value)}</${name}>`;

/** A full ISO date-time the fixture rewrites per format; anything else (a bare day, junk) stays as written. */
function isoOrRaw(date: string): Date | null {
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(date) ? Date.parse(date) : Number.NaN;
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** RSS 2.0 with content:encoded and dc:creator, dates in RFC 822 as RSS requires. */
export function rssFeed(items: FixtureItem[], title = 'Fixture feed'): string {
  const body = items
    .map((item) => {
      const date = item.date === undefined ? undefined : (isoOrRaw(item.date)?.toUTCString() ?? item.date);
      return [
        '<item>',
        element('title', item.title),
        element('link', item.url),
        element('guid', item.id, ' isPermaLink="false"'),
        element('description', item.text),
        item.html === undefined ? '' : `<content:encoded>${cdata(item.html)}</content:encoded>`,
        element('pubDate', date),
        element('dc:creator', item.author),
        '</item>',
      ].join('');
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>${escapeXml(title)}</title><link>https://fixture.example/</link><description>Fixture</description>
${body}
</channel></rss>
`;
}

/** Atom 1.0; an entry without id gets none, which Atom forbids but real feeds still do. */
export function atomFeed(entries: FixtureItem[], title = 'Fixture feed'): string {
  const body = entries
    .map((entry) => {
      const date = entry.date === undefined ? undefined : (isoOrRaw(entry.date)?.toISOString() ?? entry.date);
      const content =
        entry.html !== undefined
          ? `<content type="html">${escapeXml(entry.html)}</content>`
          : element('content', entry.text, ' type="text"');
      return [
        '<entry>',
        element('id', entry.id),
        element('title', entry.title),
        entry.url === undefined ? '' : `<link rel="alternate" type="text/html" href="${escapeXml(entry.url)}"/>`,
        element('published', date),
        entry.author === undefined ? '' : `<author><name>${escapeXml(entry.author)}</name></author>`,
        content,
        '</entry>',
      ].join('');
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>${escapeXml(title)}</title><id>urn:fixture:feed</id><updated>2026-01-01T00:00:00Z</updated>
<link rel="alternate" href="https://fixture.example/"/>
${body}
</feed>
`;
}

/** JSON Feed 1.1. */
export function jsonFeed(items: FixtureItem[], title = 'Fixture feed'): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title,
    home_page_url: 'https://fixture.example/',
    items: items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      content_text: item.text,
      content_html: item.html,
      date_published: item.date === undefined ? undefined : (isoOrRaw(item.date)?.toISOString() ?? item.date),
      authors: item.author === undefined ? undefined : [{ name: item.author }],
    })),
  });
}

/** RSS 1.0 (RDF): items are identified by rdf:about, dated by dc:date. */
export function rdfFeed(items: FixtureItem[], title = 'Fixture feed'): string {
  const body = items
    .map((item) =>
      [
        `<item${item.id === undefined ? '' : ` rdf:about="${escapeXml(item.id)}"`}>`,
        element('title', item.title),
        element('link', item.url),
        element('description', item.text ?? item.html),
        element('dc:date', item.date),
        element('dc:creator', item.author),
        '</item>',
      ].join(''),
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://fixture.example/"><title>${escapeXml(title)}</title><link>https://fixture.example/</link><description>Fixture</description></channel>
${body}
</rdf:RDF>
`;
}
