// Picks the interface texts: the chat's saved choice, else the user's Telegram language.
import type { UiLanguage } from '../../store/index.ts';
import type { Texts } from './en.ts';
import { en } from './en.ts';
import { uk } from './uk.ts';

export type { Texts } from './en.ts';
export const TEXTS: Record<UiLanguage, Texts> = { en, uk };

/** Ukrainian for Ukrainian Telegram clients, English for everyone else. */
export function languageFromCode(code: string | undefined): UiLanguage {
  return code && /^uk\b/i.test(code) ? 'uk' : 'en';
}
