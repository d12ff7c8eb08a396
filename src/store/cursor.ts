// Stable page cursors: the position of the last row seen, not an offset, so rows added meanwhile
// do not shift pages. Short enough for Telegram's 64-byte callback data.

export interface ListCursor {
  dateSort: string;
  id: number;
}
export interface RankCursor {
  rank: number;
  id: number;
}

export function encodeListCursor(c: ListCursor): string {
  return `d${c.dateSort.replace(/-/g, '')}.${c.id.toString(36)}`;
}

export function decodeListCursor(s: string | null | undefined): ListCursor | null {
  const m = /^d(\d{0,8})\.([0-9a-z]{1,12})$/.exec(s ?? '');
  if (!m) return null;
  const d = m[1] ?? '';
  const dateSort = d === '' ? '' : d.length === 8 ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : '';
  if (d !== '' && d.length !== 8) return null;
  return { dateSort, id: parseInt(m[2] ?? '', 36) };
}

export function encodeRankCursor(c: RankCursor): string {
  return `r${c.rank.toPrecision(17)}.${c.id.toString(36)}`;
}

export function decodeRankCursor(s: string | null | undefined): RankCursor | null {
  const m = /^r(-?[0-9.e+-]{1,30})\.([0-9a-z]{1,12})$/.exec(s ?? '');
  if (!m) return null;
  const rank = Number(m[1]);
  return Number.isFinite(rank) ? { rank, id: parseInt(m[2] ?? '', 36) } : null;
}
