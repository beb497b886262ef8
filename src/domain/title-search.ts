import { normalizeTitle } from './title-key.ts';

/** Fewer exact hits than this and fuzzy matches are added after them. */
export const MIN_EXACT_HITS = 5;

/**
 * Search as you type: titles whose normalised form contains the query come first (starting with it, then a
 * word starting with it, then anywhere), in their given order; only when fewer than MIN_EXACT_HITS do, the
 * fuzzy matcher (fuse.js, typos forgiven) adds its matches after them. Exact hits are what a person typing a
 * title expects, and they cost a string scan; the fuzzy pass over thousands of titles costs tens of
 * milliseconds a key, so it runs only when it can help.
 */
export function searchTitles<T extends { normTitle: string }>(rows: readonly T[], query: string, fuzzy: (query: string) => readonly T[]): T[] {
  const q = normalizeTitle(query);
  if (!q) return [...rows];
  const starts: T[] = [];
  const words: T[] = [];
  const inside: T[] = [];
  for (const r of rows) {
    const i = r.normTitle.indexOf(q);
    if (i < 0) continue;
    if (i === 0) starts.push(r);
    else if (r.normTitle[i - 1] === ' ') words.push(r);
    else inside.push(r);
  }
  const exact = [...starts, ...words, ...inside];
  if (exact.length >= MIN_EXACT_HITS) return exact;
  const seen = new Set(exact);
  return [...exact, ...fuzzy(query).filter((r) => !seen.has(r))];
}
