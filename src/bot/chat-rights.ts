// "Is this user an admin of that chat?", asked of Telegram at the moment of use (getChatMember),
// never answered from who set something up: a demoted or removed admin loses control within the
// cache's lifetime. A "yes" is cached for at most ADMIN_CACHE_MS per (chat, user); a "no" is not
// cached, so a newly promoted admin is served at once (refusals are rate-limited by the policy).
import type { Api } from 'grammy';

export const ADMIN_CACHE_MS = 60_000;

export interface ChatRights {
  isChatAdmin(api: Api, chatId: number, userId: number, nowMs: number): Promise<boolean>;
}

export function createChatRights(maxEntries = 20_000): ChatRights {
  const cache = new Map<string, { admin: boolean; at: number }>();
  return {
    async isChatAdmin(api, chatId, userId, nowMs) {
      const key = `${chatId}:${userId}`;
      const hit = cache.get(key);
      if (hit && nowMs - hit.at < ADMIN_CACHE_MS && nowMs >= hit.at) return hit.admin;
      let admin = false;
      try {
        const member = await api.getChatMember(chatId, userId);
        admin = member.status === 'creator' || member.status === 'administrator';
      } catch {
        // Not a member, chat gone, bot removed: no rights. Not cached, so a fix is seen at once.
        cache.delete(key);
        return false;
      }
      if (!admin) {
        cache.delete(key);
        return false;
      }
      if (cache.size >= maxEntries) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      cache.delete(key);
      cache.set(key, { admin, at: nowMs });
      return true;
    },
  };
}
