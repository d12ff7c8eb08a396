// The one list of commands: it feeds setMyCommands (per language) and /help.
import type { Api } from 'grammy';
import type { UiLanguage } from '../store/index.ts';
import type { Texts } from './i18n/index.ts';
import { TEXTS } from './i18n/index.ts';

export type CommandName = keyof Texts['commands'];

/** Public commands in menu order. Admin commands are not shown in the menu. */
export const PUBLIC_COMMANDS: CommandName[] = [
  'latest', 'search', 'actor', 'topic', 'show', 'export', 'actors', 'topics', 'subscribe', 'digest', 'time', 'timezone', 'keywords',
  'unsubscribe', 'channel', 'stop', 'about', 'language', 'help', 'start',
];
export const ADMIN_COMMANDS: CommandName[] = ['stats', 'reindex'];

export function commandMenu(texts: Texts): Array<{ command: string; description: string }> {
  return PUBLIC_COMMANDS.map((command) => ({ command, description: texts.commands[command] }));
}

/** Registers the menu for English (the default) and Ukrainian clients. */
export async function registerCommands(api: Api, signal?: AbortSignal): Promise<void> {
  const abort = signal as Parameters<Api['setMyCommands']>[2];
  await api.setMyCommands(commandMenu(TEXTS.en), undefined, abort);
  const languages: UiLanguage[] = ['en', 'uk'];
  for (const lang of languages) await api.setMyCommands(commandMenu(TEXTS[lang]), { language_code: lang }, abort);
}

export function helpText(texts: Texts, botUsername: string, isAdmin: boolean): string {
  const names = isAdmin ? [...PUBLIC_COMMANDS, ...ADMIN_COMMANDS] : PUBLIC_COMMANDS;
  return [
    texts.helpTitle,
    '',
    ...names.map((n) => `/${n} — ${texts.commands[n]}`),
    '',
    texts.helpFooter.replace('{bot}', botUsername),
  ].join('\n');
}
