// The fields every kind of live source shares in data/sources.json. Each kind's schema (in its
// own file) extends these; unknown keys are errors, since "enabeld": false
// would otherwise silently leave a source switched on.
import { z } from 'zod';

const DEFAULT_POLL_MINUTES = 30;
const MIN_POLL_MINUTES = 0.05;
const MAX_POLL_MINUTES = 24 * 60;
const MAX_NAME_LENGTH = 100;

export const required = { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : 'must be a string') };

export const httpUrlSchema = z.string(required).pipe(z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }));

export const commonSourceFields = {
  comment: z.string().optional(), // notes for the operator; not used
  name: z.string(required).trim().min(1, 'must not be empty').max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`),
  speaker: z.string().trim().min(1, 'must not be empty (leave it out for none)').nullable().default(null),
  lang: z.enum(['en', 'uk', 'ru']).nullable().default(null),
  // Fractions are allowed for sources on one's own machine (0.05 = every 3 s, as the tests use);
  // a public source deserves minutes.
  pollMinutes: z.number().min(MIN_POLL_MINUTES, `must be at least ${MIN_POLL_MINUTES}`).max(MAX_POLL_MINUTES).default(DEFAULT_POLL_MINUTES),
  enabled: z.boolean().default(true),
};

/** What every kind's config holds; a kind adds its own fields (feed-kind.ts, telegram-channel-kind.ts). */
export interface CommonSourceConfig {
  name: string;
  /** The address polled first: it keys the stored validators and the address guard. */
  url: string;
  speaker: string | null;
  lang: 'en' | 'uk' | 'ru' | null;
  pollMinutes: number;
  enabled: boolean;
}
