// Domain types shared by the corpus pipeline and the store. No imports from the rest of the app.

export type DatePrecision = 'day' | 'month' | 'year' | 'unknown';
export type StatementKind = 'post' | 'quote' | 'report';
export type DocumentKind = 'post-archive' | 'article' | 'jsonl' | 'other';
export type Lang = 'en' | 'uk' | 'ru' | 'und';

/** A date as precise as the source allows: '2024-10-22', '2024-10', '2025' or null (unknown). */
export interface PartialDate {
  value: string | null;
  precision: DatePrecision;
}

export const UNKNOWN_DATE: PartialDate = { value: null, precision: 'unknown' };

/** A statement as extracted from a source, before it has a database id. */
export interface ExtractedStatement {
  /** Unique within its document and stable across re-ingest of an edited document. */
  localKey: string;
  /** Set for JSONL lines with an `id`: then it is the statement's external id as given. */
  externalId?: string;
  kind: StatementKind;
  title: string | null;
  text: string;
  parts: string[] | null;
  partsTotal: number | null;
  lang: Lang;
  date: PartialDate;
  /** Names as written in the source; resolved to actors by the store. */
  speakers: string[];
  mentioned: string[];
  /** Who said it, in words, when no named person did ("A top US diplomat"). */
  attribution: string | null;
  /** localKey of the statement this one translates. */
  translationOf: string | null;
  url: string | null;
  /** The outlet, where it differs from the document's (a JSONL line's own `source`). */
  sourceName?: string;
  /** Work done ahead by an extraction worker (big imports), so the writer's thread only writes. */
  prepared?: PreparedStatement;
}

/** A statement's topics and search columns, computed off the writer's thread. */
export interface PreparedStatement {
  tags: Array<{ slug: string; matched: string; sentence: string }>;
  /** The folded text (the exact-word search column) and its stems. */
  body: string;
  stems: string;
  /** statementContentHash of the statement outside any translation group (what a JSONL line is). */
  hashAlone: string;
}

/** One unit of ingest: a file, or one article of a file, or one JSONL file's lines. */
export interface ExtractedDocument {
  sourceKey: string;
  sourceName: string;
  kind: DocumentKind;
  url: string | null;
  homeUrl: string | null;
  title: string | null;
  date: PartialDate;
  statements: ExtractedStatement[];
}

/** A problem with one input, reported and skipped while everything else is ingested. */
export interface IngestReject {
  file: string;
  line: number | null;
  reason: string;
}

export interface ParseResult {
  documents: ExtractedDocument[];
  rejects: IngestReject[];
}
