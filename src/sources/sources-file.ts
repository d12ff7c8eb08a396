// data/sources.json: the live sources an operator configures. Each entry is checked on its own,
// so one typo reports that entry (by index and name) and the rest still load: a bad edit to the
// file must not silence every feed. Unknown keys are errors, since "enabeld": false would
// otherwise silently leave a source switched on.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describeIssues } from '../corpus/describe-issues.ts';
import type { SourceConfig } from './source-kinds.ts';
import { SOURCE_KINDS } from './source-kinds.ts';

export type { FeedSourceConfig } from './feed-kind.ts';
export type { SourceConfig } from './source-kinds.ts';
export type { TelegramChannelSourceConfig } from './telegram-channel-kind.ts';

export interface SourcesFileResult {
  sources: SourceConfig[];
  errors: string[];
}

/** The entry checked by its kind's schema ("feed" when no kind is given). */
function parseEntry(raw: unknown): { success: true; data: SourceConfig } | { success: false; message: string } {
  const kind = typeof raw === 'object' && raw !== null && 'kind' in raw ? (raw as { kind: unknown }).kind : 'feed';
  const known = Object.keys(SOURCE_KINDS);
  if (typeof kind !== 'string' || !known.includes(kind)) return { success: false, message: `kind: must be one of ${known.map((k) => `"${k}"`).join(', ')}` };
  const parsed = SOURCE_KINDS[kind as keyof typeof SOURCE_KINDS].settings.safeParse(raw);
  return parsed.success ? { success: true, data: parsed.data as SourceConfig } : { success: false, message: describeIssues(parsed.error) };
}

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
    const entry = parseEntry(raw);
    if (!entry.success) {
      errors.push(`${fileName}: ${label}: ${entry.message}; skipped`);
      return;
    }
    const key = entry.data.name.toLowerCase();
    const first = firstIndexByName.get(key);
    if (first !== undefined) {
      errors.push(`${fileName}: ${label}: duplicate name, already used by ${entryLabel(first, file.data.sources[first])}; skipped`);
      return;
    }
    firstIndexByName.set(key, index);
    sources.push(entry.data);
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
