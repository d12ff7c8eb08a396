// Terminal output of the CLI: readable lines for people, stable JSON for scripts.
import type { StreamProgress } from './corpus/ingest-jsonl.ts';
import type { IngestReport } from './corpus/ingest.ts';
import { formatStatementDate } from './format-date.ts';
import type { CorpusStats, Statement } from './store/index.ts';

/** The JSON shape of a statement (documented in the README). */
export function statementJson(s: Statement): Record<string, unknown> {
  return {
    id: s.id,
    externalId: s.externalId,
    kind: s.kind,
    title: s.title,
    text: s.text,
    parts: s.parts,
    partsTotal: s.partsTotal,
    speakers: s.speakers,
    attribution: s.attribution,
    mentioned: s.mentioned,
    date: s.date,
    datePrecision: s.datePrecision,
    lang: s.lang,
    topics: s.topics,
    source: s.source,
    url: s.url,
    homeUrl: s.homeUrl,
    translationOf: s.translationOf,
    translations: s.translations,
    ingestedAt: s.ingestedAt,
  };
}

const wrap = (text: string, width: number): string[] => {
  const out: string[] = [];
  for (const para of text.split(/\n+/)) {
    let line = '';
    for (const word of para.split(/\s+/)) {
      if (line && line.length + word.length + 1 > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) out.push(line);
  }
  return out;
};

export function formatStatementLines(s: Statement, options: { full?: boolean; width?: number } = {}): string {
  const who = s.speakers.length ? s.speakers.join(', ') : (s.attribution ?? (s.kind === 'report' ? s.source : 'unattributed'));
  const head = `#${s.id}  ${who} · ${formatStatementDate(s.date, s.datePrecision)} · ${s.kind} · ${s.lang}`;
  const text = options.full ? s.text : s.text.length > 300 ? `${s.text.slice(0, 300).replace(/\s+\S*$/, '')} …` : s.text;
  const lines = [head, ...wrap(text, options.width ?? 96).map((l) => `    ${l}`)];
  const meta: string[] = [];
  if (s.topics.length) meta.push(`topics: ${s.topics.join(', ')}`);
  if (s.mentioned.length) meta.push(`mentions: ${s.mentioned.join(', ')}`);
  meta.push(`source: ${s.source}${s.url ? ` <${s.url}>` : ' (link unknown)'}`);
  if (s.translationOf) meta.push(`translation of #${s.translationOf}`);
  if (s.translations.length) meta.push(`translations: ${s.translations.map((t) => `#${t}`).join(', ')}`);
  lines.push(`    ${meta.join(' · ')}`);
  return lines.join('\n');
}

/** One progress line for a streamed file: share done, lines, lines per second and time left. */
export function formatStreamProgress(p: StreamProgress, elapsedMs: number): string {
  const share = p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : 1;
  const perSecond = elapsedMs > 0 ? (p.lines * 1000) / elapsedMs : 0;
  const bytesPerMs = elapsedMs > 0 ? (p.bytesDone - p.resumedAt) / elapsedMs : 0;
  const leftMs = bytesPerMs > 0 ? (p.bytesTotal - p.bytesDone) / bytesPerMs : null;
  const clock = (ms: number): string => {
    const s = Math.round(ms / 1000);
    return s >= 3600 ? `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m` : s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`;
  };
  return `${p.file}: ${(share * 100).toFixed(1)}% · ${p.lines.toLocaleString('en')} lines · ${Math.round(perSecond).toLocaleString('en')} lines/s · ${leftMs === null ? 'ETA —' : `ETA ${clock(leftMs)}`}${p.resumedAt > 0 ? ' (resumed)' : ''}`;
}

export function formatIngestReport(r: IngestReport): string {
  const lines = [
    `files read: ${r.filesRead} (${r.filesSkippedUnchanged} unchanged since last ingest)`,
    `statements: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged, ${r.removed} removed`,
  ];
  if (r.rejects.length) {
    lines.push(`rejected (${r.rejects.length}):`);
    for (const x of r.rejects) lines.push(`  ${x.file}${x.line ? `:${x.line}` : ''}: ${x.reason}`);
  }
  return lines.join('\n');
}

export function formatStats(s: CorpusStats): string {
  const kinds = Object.entries(s.byKind).map(([k, n]) => `${n} ${k}`).join(', ');
  const langs = Object.entries(s.byLang).map(([k, n]) => `${n} ${k}`).join(', ');
  return [
    `statements: ${s.statements} (${kinds || 'none'}; ${langs || '-'})`,
    `documents: ${s.documents}; actors: ${s.actors}`,
    `dates: ${s.firstDate ?? '-'} … ${s.lastDate ?? '-'} (${s.undated} undated)`,
    `sources: ${s.sources.join('; ') || '-'}`,
    `last ingest: ${s.lastIngest ? `${s.lastIngest.finishedAt} (+${s.lastIngest.added} ~${s.lastIngest.updated} -${s.lastIngest.removed}, ${s.lastIngest.rejects.length} rejected)` : 'never'}`,
  ].join('\n');
}
