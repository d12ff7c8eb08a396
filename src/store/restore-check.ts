// Startup check for a database older than expected: a restored backup (or a long outage).
//
// The policy (C6): deliveries are keyed by (chat, local digest date). A backup from yesterday
// has no delivery row for today, and its subscriptions still point at today's slot, so the first
// digest run after a restore builds today's digest again. If the lost database had already sent
// it, each subscriber MAY get today's digest a second time — once: that run records it, and the
// run after finds nothing due. Slots older than the catch-up window are skipped as usual, never
// resent. The bot does not refuse to start; it warns, so the operator knows why.
//
// The rule: suspected when some active, unpaused subscription is already due AND nothing was
// written for more than `staleHours`. A running bot writes constantly (a digest_runs row every
// tick, ingest runs, handled updates), so hours of silence mean this file was not the live one
// for that time. A due subscription is what makes it matter: after a normal run every
// subscription points at a future slot. A long outage across a slot looks the same from the data
// alone — and deserves the same warning, since the startup run is about to catch up.
import type { Db } from './db.ts';

export const DEFAULT_RESTORE_STALE_HOURS = 6;
const HOUR_MS = 3_600_000;

export interface RestoreCheck {
  restored: boolean;
  /** The newest write found in the activity tables; null for a database never used. */
  lastActivityAt: string | null;
  /** Hours between lastActivityAt and now (null when there is no activity). */
  quietHours: number | null;
  /** Active, unpaused subscriptions whose slot is already due at `now`. */
  dueSubscriptions: number;
}

/** Every table a running bot writes to, with its timestamp column (ISO strings sort as times). */
const ACTIVITY = [
  ['deliveries', 'updated_at'],
  ['delivery_events', 'at'],
  ['digest_runs', 'started_at'],
  ['ingest_runs', 'started_at'],
  ['handled_updates', 'handled_at'],
  ['subscriptions', 'updated_at'],
  ['chats', 'updated_at'],
  ['audit_log', 'at'],
] as const;

export function detectRestoredDatabase(store: { db: Db }, now: Date, options: { staleHours?: number } = {}): RestoreCheck {
  const staleHours = options.staleHours ?? DEFAULT_RESTORE_STALE_HOURS;
  const newest = ACTIVITY.map(([table, column]) => `SELECT MAX(${column}) AS at FROM ${table}`).join(' UNION ALL ');
  const lastActivityAt = (store.db.prepare(`SELECT MAX(at) AS at FROM (${newest})`).get() as { at: string | null }).at;
  const dueSubscriptions = (store.db
    .prepare('SELECT COUNT(*) AS n FROM subscriptions WHERE active = 1 AND paused = 0 AND next_due_at <= ?')
    .get(now.toISOString()) as { n: number }).n;
  const quietHours = lastActivityAt === null ? null : (now.getTime() - Date.parse(lastActivityAt)) / HOUR_MS;
  const restored = dueSubscriptions > 0 && (quietHours === null || quietHours > staleHours);
  return { restored, lastActivityAt, quietHours: quietHours === null ? null : Math.round(quietHours * 10) / 10, dueSubscriptions };
}
