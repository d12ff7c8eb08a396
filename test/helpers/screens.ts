// "Screenshots as text" for the README: a card, a list page and a digest as the real renderers
// make them from the shipped corpus, in both languages, HTML read as plain text and buttons as
// [ label ]. test/bot/readme-screens.test.ts checks that the README shows exactly these.
import type { UiLanguage } from '../../src/store/index.ts';
import { composeDigest } from '../../src/digest/build.ts';
import { toPlainText } from '../../src/telegram/html.ts';
import { recordingBot } from './recording-bot.ts';
import { reference, seededStore } from './store.ts';

const USERS: Record<UiLanguage, { id: number; is_bot: false; first_name: string; language_code: string }> = {
  en: { id: 901, is_bot: false, first_name: 'Anna', language_code: 'en' },
  uk: { id: 902, is_bot: false, first_name: 'Оксана', language_code: 'uk' },
};

function asText(payload: { text?: string; reply_markup?: { inline_keyboard?: Array<Array<{ text: string }>> } }): string {
  const rows = (payload.reply_markup?.inline_keyboard ?? []).map((row) => row.map((b) => `[ ${b.text} ]`).join(' '));
  return [toPlainText(payload.text ?? ''), ...(rows.length ? ['', ...rows] : [])].join('\n');
}

export async function renderScreens(): Promise<Record<string, string>> {
  const store = seededStore();
  const t = recordingBot(store);
  const screens: Record<string, string> = {};
  for (const lang of ['en', 'uk'] as const) {
    const from = USERS[lang];
    const ask = async (text: string) => {
      const calls = await t.handle({ message: { message_id: 1, date: 0, text, from, chat: { id: from.id, type: 'private' }, entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]?.length ?? 0 }] } } as never);
      return calls.find((c) => c.method === 'sendMessage')?.payload ?? {};
    };
    screens[`card-${lang}`] = asText(await ask('/show 1'));
    screens[`list-${lang}`] = asText(await ask('/latest 4'));
    // A private chat's digest of the four newest statements, dated as the corpus ends.
    const content = composeDigest({
      statements: store.statements.latest(4, null).items, filters: { topics: [], actors: [], include: [], exclude: [], languagePref: 'both' },
      followedNames: [], uiLang: lang, localDate: '2026-01-22', failedSources: [], reference: reference(),
    });
    screens[`digest-${lang}`] = content.parts.map((p) => toPlainText(p)).join('\n\n');
  }
  store.db.close();
  return screens;
}
