// Updates as Telegram sends them, for the tests that talk to the real process through the fake API.
import type { FakeBotApi, FakeCall } from './fake-bot-api.ts';

export interface TestUser {
  id: number;
  is_bot: false;
  first_name: string;
  language_code?: string;
}

let nextMessageId = 1;

/** A message update; a leading /command gets its bot_command entity, as Telegram marks it. */
export function commandMessage(text: string, from: TestUser, chat: Record<string, unknown> = { id: from.id, type: 'private' }) {
  const command = /^\/[\w@]+/.exec(text)?.[0];
  return {
    message: {
      message_id: nextMessageId++, date: 0, text, from, chat,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command.length }] } : {}),
    },
  };
}

/** Sends `text` from `user` in their private chat and waits for the bot's next accepted reply there. */
export async function say(api: FakeBotApi, user: TestUser, text: string, timeoutMs = 15_000): Promise<FakeCall> {
  const seen = api.calls.length;
  api.pushUpdate(commandMessage(text, user));
  return api.waitFor((c) => api.calls.indexOf(c) >= seen && c.method === 'sendMessage' && c.ok && c.params.chat_id === user.id, timeoutMs);
}
