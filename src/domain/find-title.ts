import { normalizeTitle } from './title-key.ts';
import type { MediaType } from './types.ts';

export interface TitleRef {
  titleKey: string;
  traktId: number | null;
  title: string;
  normTitle: string;
  /** The other names of the title's anime (English, romaji, native, synonyms…), normalized; may be absent or empty. */
  normNames?: readonly string[];
  year: number | null;
  mediaType: MediaType;
}

const namesOf = (t: TitleRef): readonly string[] =>
  t.normNames?.length ? [t.normTitle, ...t.normNames] : [t.normTitle];

/** Titles with the Trakt id (all digits) or the title key typed, or null when the query is neither. */
function byIdOrKey<T extends TitleRef>(titles: readonly T[], q: string): T[] | null {
  if (/^\d+$/.test(q)) {
    const byId = titles.filter((t) => t.traktId === Number(q));
    if (byId.length) return byId;
  }
  const byKey = titles.filter((t) => t.titleKey === q);
  return byKey.length ? byKey : null;
}

/** True for titles one of whose names contains every word of the normalized query. */
function containsWords(norm: string): (t: TitleRef) => boolean {
  const words = norm.split(' ');
  return (t) => namesOf(t).some((n) => words.every((w) => n.includes(w)));
}

/**
 * Resolve what a person typed (a Trakt id, a title key, or a title in any of its names) to titles: an exact id
 * wins, then the exact title as shown, then an exact other name (so "Shingeki no Kyojin" finds "Attack on
 * Titan"), then either with its year; otherwise every title one of whose names contains all the words. Several
 * results mean the query is ambiguous.
 */
export function findTitles<T extends TitleRef>(titles: readonly T[], query: string): T[] {
  const q = query.trim();
  const known = byIdOrKey(titles, q);
  if (known) return known;
  const norm = normalizeTitle(q);
  if (!norm) return [];
  const exact = titles.filter((t) => t.normTitle === norm);
  if (exact.length) return exact;
  const exactName = titles.filter((t) => t.normNames?.includes(norm));
  if (exactName.length) return exactName;
  const withYear = /^(.*)\s\(?(\d{4})\)?$/.exec(norm);
  if (withYear) {
    const [, name, year] = withYear;
    const y = titles.filter((t) => t.year === Number(year) && namesOf(t).includes(name!));
    if (y.length) return y;
  }
  return titles.filter(containsWords(norm));
}

/**
 * A search (`library --search`): an exact Trakt id or title key as in findTitles, else every title one of whose
 * names contains all the words, those with a name equal to the query first, each group in the given order.
 */
export function searchByWords<T extends TitleRef>(titles: readonly T[], query: string): T[] {
  const q = query.trim();
  const known = byIdOrKey(titles, q);
  if (known) return known;
  const norm = normalizeTitle(q);
  if (!norm) return [];
  const hit = containsWords(norm);
  const exact: T[] = [];
  const rest: T[] = [];
  for (const t of titles) {
    if (t.normTitle === norm || t.normNames?.includes(norm)) exact.push(t);
    else if (hit(t)) rest.push(t);
  }
  return [...exact, ...rest];
}
