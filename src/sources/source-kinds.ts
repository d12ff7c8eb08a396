// The kinds of live source the poller knows, by the "kind" of their entry in the sources file.
import { feedKind } from './feed-kind.ts';
import { telegramChannelKind } from './telegram-channel-kind.ts';

export const SOURCE_KINDS = {
  feed: feedKind,
  'telegram-channel': telegramChannelKind,
} as const;
