import { normalizeTitle } from './title-key.ts';

/** Fewer exact hits than this and fuzzy matches are added after them. */
export const MIN_EXACT_HITS = 5;

/** What search reads of a row: its title's normalized form and, optionally, its anime's other names normalized. */
export interface Searchable {
  normTitle: string;
  normNames?: readonly string[];
}

/**
 * A row's names as one string, one name a line (a normalized name never holds a newline), kept per row object: one
 * scan of one flat string per row and key costs a fraction of one scan per name.
 */
const texts = new WeakMap<Searchable, string>();
function searchText(r: Searchable): string {
  let t = texts.get(r);
  if (t === undefined) {
    t = r.normNames?.length ? [r.normTitle, ...r.normNames].join('\n') : r.normTitle;
    texts.set(r, t);
  }
  return t;
}

/** 0: a name starts with `q`; 1: a word of a name does; 2: a name contains it; -1: none does. */
function place(text: string, q: string): number {
  let best = -1;
  for (let i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + 1)) {
    const before = i === 0 ? 10 : text.charCodeAt(i - 1);
    if (before === 10) return 0;
    if (before === 32) best = 1;
    else if (best < 0) best = 2;
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
export function searchTitles<T extends Searchable>(
  rows: readonly T[],
  query: string,
  fuzzy: (query: string) => readonly T[],
): T[] {
  const q = normalizeTitle(query);
  if (!q) return [...rows];
  const starts: T[] = [];
  const words: T[] = [];
  const inside: T[] = [];
  for (const r of rows) {
    const best = place(searchText(r), q);
    if (best === 0) starts.push(r);
    else if (best === 1) words.push(r);
    else if (best === 2) inside.push(r);
  }
  const exact = [...starts, ...words, ...inside];
  if (exact.length >= MIN_EXACT_HITS) return exact;
  const seen = new Set(exact);
  return [...exact, ...fuzzy(query).filter((r) => !seen.has(r))];
}
