// The Markdown export: a title saying what was exported, then one citation per statement under a
// heading for each day said (a new heading whenever the day changes, so the list's order is kept).
import type { SpeakerDirectory, VersionLangs } from '../bot/citation.ts';
import { buildCitation, escapeMarkdown, renderCitationMarkdown } from '../bot/citation.ts';
import type { Statement, UiLanguage } from '../store/index.ts';

const TITLE = { en: 'Statements', uk: 'Заяви' } as const;
const COUNT = {
  en: (n: number, on: string) => `${n} statement${n === 1 ? '' : 's'}, exported ${on} from Statement Digest.`,
  uk: (n: number, on: string) => `Заяв: ${n}; експортовано ${on} зі Statement Digest.`,
} as const;

export function markdownHeader(lang: UiLanguage, description: string, total: number, exportedOn: string): string {
  return `# ${TITLE[lang]}: ${escapeMarkdown(description)}\n\n${COUNT[lang](total, exportedOn)}\n`;
}

/** Keeps the last day heading written, across batches. */
export interface MarkdownState {
  day: string | null;
}

export function markdownEntries(items: Statement[], lang: UiLanguage, speakers: SpeakerDirectory, versions: VersionLangs, state: MarkdownState): string {
  let out = '';
  for (const s of items) {
    const c = buildCitation(s, lang, speakers, versions);
    if (c.said !== state.day) {
      out += `\n## ${escapeMarkdown(c.said)}\n`;
      state.day = c.said;
    }
    out += `\n${renderCitationMarkdown(c, lang)}\n`;
  }
  return out;
}
