// data/sources.json: the live sources an operator configures. Each entry is checked on its own,
// so one typo reports that entry (by index and name) and the rest still load: a bad edit to the
// file must not silence every feed. Unknown keys are errors, since "enabeld": false would
// otherwise silently leave a source switched on.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describeIssues } from '../corpus/describe-issues.ts';

export interface SourceConfig {
  name: string;
  url: string;
  kind: 'feed';
  speaker: string | null;
  lang: 'en' | 'uk' | 'ru' | null;
  pollMinutes: number;
  fetchArticles: boolean;
  enabled: boolean;
}

export interface SourcesFileResult {
  sources: SourceConfig[];
  errors: string[];
}

const DEFAULT_POLL_MINUTES = 30;
const MIN_POLL_MINUTES = 0.05;
const MAX_POLL_MINUTES = 24 * 60;
const MAX_NAME_LENGTH = 100;

const required = { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : 'must be a string') };

const entrySchema = z.strictObject({
  comment: z.string().optional(), // notes for the operator; not used
  name: z.string(required).trim().min(1, 'must not be empty').max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`),
  url: z.string(required).pipe(z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })),
  kind: z.literal('feed').default('feed'),
  speaker: z.string().trim().min(1, 'must not be empty (leave it out for none)').nullable().default(null),
  lang: z.enum(['en', 'uk', 'ru']).nullable().default(null),
  // Fractions are allowed for feeds on one's own machine (0.05 = every 3 s, as the tests use);
  // a public feed deserves minutes.
  pollMinutes: z.number().min(MIN_POLL_MINUTES, `must be at least ${MIN_POLL_MINUTES}`).max(MAX_POLL_MINUTES).default(DEFAULT_POLL_MINUTES),
  fetchArticles: z.boolean().default(false),
  enabled: z.boolean().default(true),
});

const fileSchema = z.strictObject({
  comment: z.string().optional(),
  sources: z.array(z.unknown()),
});

/** "sources[2] "Kyiv Post"" — the index finds the entry, the name says which one it is. */
function entryLabel(index: number, raw: unknown): string {
  const name = typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name.trim() ? `sources[${index}] "${name.trim()}"` : `sources[${index}]`;
}

/** Parses the text of a sources file; `fileName` only prefixes the error lines. */
export function parseSourcesFile(text: string, fileName: string): SourcesFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { sources: [], errors: [`${fileName}: not JSON: ${(error as Error).message}`] };
  }
  const file = fileSchema.safeParse(json);
  if (!file.success) {
    return { sources: [], errors: [`${fileName}: expected { "sources": [ … ] }: ${describeIssues(file.error)}`] };
  }
  const sources: SourceConfig[] = [];
  const errors: string[] = [];
  // Names key the stored poll state; compared case-insensitively so "BBC" and "bbc" do not coexist.
  const firstIndexByName = new Map<string, number>();
  file.data.sources.forEach((raw, index) => {
    const label = entryLabel(index, raw);
    const entry = entrySchema.safeParse(raw);
    if (!entry.success) {
      errors.push(`${fileName}: ${label}: ${describeIssues(entry.error)}; skipped`);
      return;
    }
    const key = entry.data.name.toLowerCase();
    const first = firstIndexByName.get(key);
    if (first !== undefined) {
      errors.push(`${fileName}: ${label}: duplicate name, already used by ${entryLabel(first, file.data.sources[first])}; skipped`);
      return;
    }
    firstIndexByName.set(key, index);
    const { comment: _comment, ...source } = entry.data;
    sources.push(source);
  });
  return { sources, errors };
}

/** Reads and parses a sources file; a missing file means no live sources, not an error. */
export function loadSourcesFile(path: string): SourcesFileResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { sources: [], errors: [] };
    return { sources: [], errors: [`${path}: cannot read: ${(error as Error).message}`] };
  }
  return parseSourcesFile(text, path);
}
