// The kinds of live source the poller knows, by the "kind" of their entry in the sources file.
// Adding a kind: one file implementing SourceKind (source-kind.ts), and one line here.
import { feedKind } from './feed-kind.ts';
import type { SourceKind } from './source-kind.ts';
import { telegramChannelKind } from './telegram-channel-kind.ts';

export const SOURCE_KINDS = {
  feed: feedKind,
  'telegram-channel': telegramChannelKind,
} as const;

type Kinds = typeof SOURCE_KINDS;

/** A configured source of any registered kind. */
export type SourceConfig = { [K in keyof Kinds]: Kinds[K] extends SourceKind<infer C> ? C : never }[keyof Kinds];

/** The registered kind of a configured source. */
export function kindOf(source: SourceConfig): SourceKind<SourceConfig> {
  // Each kind's schema sets `kind` to its own key, so the config always matches its kind.
  return SOURCE_KINDS[source.kind] as unknown as SourceKind<SourceConfig>;
}
