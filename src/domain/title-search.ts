import { normalizeTitle } from './title-key.ts';

/** Fewer exact hits than this and fuzzy matches are added after them. */
export const MIN_EXACT_HITS = 5;

/** What search reads of a row: its title's normalized form and, optionally, its anime's other names normalized. */
export interface Searchable {
  normTitle: string;
  normNames?: readonly string[];
}

/** 0: a name starts with `q`; 1: a word of a name does; 2: a name contains it; -1: none does. */
function place(name: string, q: string): number {
  let best = -1;
  for (let i = name.indexOf(q); i >= 0; i = name.indexOf(q, i + 1)) {
    if (i === 0) return 0;
    const p = name.charCodeAt(i - 1) === 32 ? 1 : 2;
    if (p === 1) return 1;
    best = p;
  }
  return best;
}

/**
 * Search as you type: titles one of whose names (the title itself, or its anime's English, romaji or native name
 * or a synonym) contains the query come first (a name starting with it, then a word starting with it, then
 * anywhere), in their given order; only when fewer than MIN_EXACT_HITS do, the fuzzy matcher (fuse.js, typos
 * forgiven) adds its matches after them. Exact hits are what a person typing a title expects, and they cost a
 * string scan; the fuzzy pass over thousands of titles costs tens of milliseconds a key, so it runs only when it
 * can help.
 */
export function searchTitles<T extends Searchable>(rows: readonly T[], query: string, fuzzy: (query: string) => readonly T[]): T[] {
  const q = normalizeTitle(query);
  if (!q) return [...rows];
  const starts: T[] = [];
  const words: T[] = [];
  const inside: T[] = [];
  for (const r of rows) {
    let best = place(r.normTitle, q);
    const names = r.normNames;
    if (best !== 0 && names) {
      for (let k = 0; k < names.length && best !== 0; k++) {
        const p = place(names[k]!, q);
        if (p >= 0 && (best < 0 || p < best)) best = p;
      }
    }
    if (best === 0) starts.push(r);
    else if (best === 1) words.push(r);
    else if (best === 2) inside.push(r);
  }
  const exact = [...starts, ...words, ...inside];
  if (exact.length >= MIN_EXACT_HITS) return exact;
  const seen = new Set(exact);
  return [...exact, ...fuzzy(query).filter((r) => !seen.has(r))];
}
