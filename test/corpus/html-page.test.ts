// HTML article pages: Readability finds the article, the text pipeline attributes its quotes; page
// chrome and scripts never reach a statement; url and date come from the page, never the clock.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { parseHtmlPage } from '../../src/corpus/html-page.ts';
import { nodeToText } from '../../src/corpus/html-text.ts';
import { ingest } from '../../src/corpus/ingest.ts';
import { defaultMeta, toDocumentMeta } from '../../src/corpus/metadata.ts';
import type { Statement, Store } from '../../src/store/index.ts';
import { memoryStore, reference, tempDir } from '../helpers/store.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/html/', import.meta.url));
const CANONICAL = 'https://news.example.com/world/2024/10/22/zelensky-air-defense';
const CHROME = [
  'cookies', 'Manage preferences', 'World Desk', 'Business Desk', 'Weather Forecast', 'Opinion Columns', 'Related news',
  'Grain corridor', 'Energy ministers', 'All rights reserved', 'Privacy policy', 'Contact the newsroom', 'Share this article',
  'newsletter', 'Sign up', 'Jane Reporter', 'large screen', 'trackPageView', 'dataLayer', 'font-family', 'tracked',
];

const run = (store: Store, dir: string) =>
  ingest({ paths: [dir], corpusDir: dir, store, reference: reference(), now: () => new Date('2026-11-20T08:00:00Z') });

function fixtureFolder(...names: string[]): string {
  const dir = tempDir();
  for (const name of names) copyFileSync(join(FIXTURES, name), join(dir, name));
  return dir;
}

/** A minimal page: enough prose for Readability, with the given head and extra body markup. */
function page(head: string, extra = ''): string {
  const prose = Array.from({ length: 4 }, (_, i) =>
    `<p>Paragraph ${i + 1} of the report explains at some length what was decided at the meeting in Kyiv today.</p>`).join('');
  return `<!doctype html><html><head><title>A page</title>${head}</head><body><article>${extra}${prose}</article></body></html>`;
}
const parse = (html: string, options = {}) => parseHtmlPage('page.html', html, defaultMeta('page.html'), reference().matcher, options);

describe('a news page ingested through ingest()', () => {
  it('keeps the article, attributes the quote to Zelensky, and takes url, date and outlet from the page', () => {
    const store = memoryStore();
    const report = run(store, fixtureFolder('news-article.html'));
    expect(report).toMatchObject({ added: 4, rejects: [] });
    const statements: Statement[] = store.statements.latest(100).items.sort((a, b) => a.id - b.id);
    expect(statements.map((s) => `${s.kind} ${s.speakers.join('+') || '-'} ${s.date}/${s.datePrecision} ${s.lang}`)).toEqual([
      'report - 2024-10-22/day en',
      'quote Volodymyr Zelensky 2024-10-22/day en',
      'quote Volodymyr Zelensky 2024-10-22/day en', // "The president added that …": an office continues its holder
      'quote Mark Rutte 2024-10-22/day en',
    ]);
    expect(statements[2]?.text).toMatch(/^The president added that/);
    expect(statements[1]?.text).toMatch(/^“We need more air defense systems now/);
    // The canonical link, not og:url (an AMP copy) and not the file.
    expect(statements.every((s) => s.url === CANONICAL)).toBe(true);
    expect(statements.every((s) => s.source === 'Example News')).toBe(true);
    expect(statements[0]?.title).toBe('Zelensky asks allies for more air defense before winter');
    // The report is the reporter's own paragraphs (the quoted ones are statements of their own);
    // paragraphs stay paragraphs and the "KYIV:" dateline is not part of the text.
    expect(statements[0]?.text.split('\n\n')).toHaveLength(2);
    expect(statements.slice(1).every((q) => !statements[0]?.text.includes(q.text.slice(0, 40)))).toBe(true);
    expect(statements[0]?.text.startsWith('Ukraine urged its partners')).toBe(true);
  });

  it('reads a minified copy of the page the same way (paragraphs come from the markup, not its line breaks)', () => {
    const dir = tempDir();
    const html = readFileSync(join(FIXTURES, 'news-article.html'), 'utf8').replace(/>\s+</g, '><');
    writeFileSync(join(dir, 'news-article.html'), html);
    const store = memoryStore();
    expect(run(store, dir)).toMatchObject({ added: 4, rejects: [] });
    const items = store.statements.latest(100).items.sort((a, b) => a.id - b.id);
    expect(items.map((s) => s.speakers.join())).toEqual(['', 'Volodymyr Zelensky', 'Volodymyr Zelensky', 'Mark Rutte']);
    expect(items[0]?.text.split('\n\n')).toHaveLength(2);
  });

  it('lets no navigation, cookie banner, related links, footer, form, caption or script into any statement', () => {
    const store = memoryStore();
    run(store, fixtureFolder('news-article.html'));
    const texts = store.statements.latest(100).items.map((s) => `${s.title}\n${s.text}`);
    expect(texts.length).toBeGreaterThan(0);
    for (const chrome of CHROME) expect(texts.filter((t) => t.includes(chrome)), chrome).toEqual([]);
  });

  it('rejects a page without an article, naming the file, and still ingests the good one', () => {
    const dir = fixtureFolder('news-article.html', 'app-shell.html');
    const store = memoryStore();
    const report = run(store, dir);
    expect(report.rejects).toEqual([{ file: join(dir, 'app-shell.html'), line: null, reason: 'no article text found in the page' }]);
    expect(report.added).toBe(4);
    expect(store.statements.search('must never be read', 5).items).toEqual([]);
  });

  it('prefers what the manifest says, and takes only the gaps from the page', () => {
    const dir = fixtureFolder('news-article.html');
    const entry = { source: 'Kyiv Wire', kind: 'article', date: '2024-10', title: 'Air defense plea' };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ files: { 'news-article.html': entry } }));
    const store = memoryStore();
    expect(run(store, dir).rejects).toEqual([]);
    const [report] = store.statements.latest(100).items.filter((s) => s.kind === 'report');
    expect(report).toMatchObject({ source: 'Kyiv Wire', title: 'Air defense plea', date: '2024-10', url: CANONICAL });
  });
});

describe('page metadata', () => {
  it('dates a page by published_time, then meta date, then <time>, then JSON-LD; else unknown', () => {
    const ld = '<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2024-05-04T10:00:00Z"}]}</script>';
    const time = '<time datetime="2024-05-03">3 May</time>';
    const dateOf = (html: string) => parse(html).documents[0]?.date;
    expect(dateOf(page(`<meta property="article:published_time" content="2024-05-01T23:30:00-04:00"><meta name="date" content="2024-05-02">${ld}`, time)))
      .toEqual({ value: '2024-05-01', precision: 'day' });
    expect(dateOf(page(`<meta name="date" content="2024-05-02">${ld}`, time))).toEqual({ value: '2024-05-02', precision: 'day' });
    expect(dateOf(page(ld, time))).toEqual({ value: '2024-05-03', precision: 'day' });
    expect(dateOf(page(ld))).toEqual({ value: '2024-05-04', precision: 'day' });
    expect(dateOf(page('<meta name="date" content="soon">'))).toEqual({ value: null, precision: 'unknown' });
  });

  it('links to the canonical http(s) URL, else the fetched URL, else the manifest URL, else nothing', () => {
    const urlOf = (html: string, options = {}, meta = defaultMeta('page.html')) =>
      parseHtmlPage('page.html', html, meta, reference().matcher, options).documents[0]?.url;
    expect(urlOf(page('<link rel="canonical" href="/news/1">'), { url: 'https://site.example/amp/1' })).toBe('https://site.example/news/1');
    expect(urlOf(page('<link rel="canonical" href="javascript:alert(1)">'), { url: 'https://site.example/a' })).toBe('https://site.example/a');
    expect(urlOf(page('<meta property="og:url" content="https://site.example/og">'))).toBe('https://site.example/og');
    const described = toDocumentMeta({ source: 'Site', kind: 'article', url: 'https://site.example/from-manifest' });
    expect(urlOf(page(''), {}, described)).toBe('https://site.example/from-manifest');
    const linked = parse(page('<link rel="canonical" href="https://site.example/c">')).documents[0]?.statements ?? [];
    expect(linked.length).toBeGreaterThan(0);
    expect(linked.every((s) => s.url === 'https://site.example/c')).toBe(true);
    const statements = parse(page('')).documents[0]?.statements ?? [];
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.every((s) => s.url === null)).toBe(true);
  });

  it('turns blocks into paragraphs and <br> into line breaks, skipping scripts, styles, captions and furniture', () => {
    const { document } = parseHTML(
      '<html><body><nav>Menu</nav><h2>Head line</h2><p>One <b>bold</b>\n   word.<br>Next line.</p><script>var leak = 1;</script>' +
        '<style>p{}</style><figure><img src="x.jpg"><figcaption>Caption</figcaption></figure><ul><li>A</li><li>B</li></ul>' +
        '<form><button>Send</button></form><footer>Foot</footer></body></html>',
    );
    expect(nodeToText(document.body as unknown as Node, { dropChrome: true })).toBe('Head line\n\nOne bold word.\nNext line.\n\nA\n\nB');
  });
});
