import { normalizeTitle } from './title-key.ts';

/** Fewer exact hits than this and fuzzy matches are added after them. */
export const MIN_EXACT_HITS = 5;

/** What search reads of a row: its title's normalized form and, optionally, its anime's other names normalized. */
export interface Searchable {
  normTitle: string;
  normNames?: readonly string[];
}

/**
 * Every row's names in one string, each row's block starting with a newline and holding its names one a line (a
 * normalized name never holds a newline, so no match spans two names or two rows), and where each block starts.
 * One native `indexOf` scan of that string finds every hit at once: a scan of 10 000 rows' names costs a fraction
 * of a millisecond, where a scan per row cost several milliseconds a key.
 */
interface NameIndex {
  text: string;
  /** The offset of each row's block in `text`, and the text's length after the last. */
  starts: Int32Array;
}

/** Built once per list (the library's sorted rows are one array until the rows or the sort change). */
const indexes = new WeakMap<readonly Searchable[], NameIndex>();

function nameIndex(rows: readonly Searchable[]): NameIndex {
  let ix = indexes.get(rows);
  if (ix === undefined || ix.starts.length !== rows.length + 1) {
    const starts = new Int32Array(rows.length + 1);
    const blocks: string[] = [];
    let at = 0;
    rows.forEach((r, i) => {
      const block = r.normNames?.length ? `\n${r.normTitle}\n${r.normNames.join('\n')}` : `\n${r.normTitle}`;
      starts[i] = at;
      blocks.push(block);
      at += block.length;
    });
    starts[rows.length] = at;
    ix = { text: blocks.join(''), starts };
    indexes.set(rows, ix);
  }
  return ix;
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
  const { text, starts: offsets } = nameIndex(rows);
  // The best place per row hit: 0 a name starts with `q`, 1 a word of a name does, 2 a name contains it.
  const hitRows: number[] = [];
  const hitPlace: number[] = [];
  let row = 0;
  for (let i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + 1)) {
    while (offsets[row + 1]! <= i) row++;
    const before = text.charCodeAt(i - 1);
    const at = before === 10 ? 0 : before === 32 ? 1 : 2;
    const last = hitRows.length - 1;
    if (last >= 0 && hitRows[last] === row) {
      if (at < hitPlace[last]!) hitPlace[last] = at;
    } else {
      hitRows.push(row);
      hitPlace.push(at);
    }
  }
  const starts: T[] = [];
  const words: T[] = [];
  const inside: T[] = [];
  for (let h = 0; h < hitRows.length; h++) {
    const r = rows[hitRows[h]!]!;
    const at = hitPlace[h];
    if (at === 0) starts.push(r);
    else if (at === 1) words.push(r);
    else inside.push(r);
  }
  const exact = [...starts, ...words, ...inside];
  if (exact.length >= MIN_EXACT_HITS) return exact;
  const seen = new Set(exact);
  return [...exact, ...fuzzy(query).filter((r) => !seen.has(r))];
}
