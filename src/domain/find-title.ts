import { normalizeTitle } from './title-key.ts';
import type { MediaType } from './types.ts';

export interface TitleRef {
  titleKey: string;
  traktId: number | null;
  title: string;
  normTitle: string;
  year: number | null;
  mediaType: MediaType;
}

/**
 * Resolve what a person typed (a Trakt id, a title key, or a title) to titles: an exact id or normalized
 * title wins; otherwise every title containing the words. Several results mean the query is ambiguous.
 */
export function findTitles<T extends TitleRef>(titles: readonly T[], query: string): T[] {
  const q = query.trim();
  if (/^\d+$/.test(q)) {
    const byId = titles.filter((t) => t.traktId === Number(q));
    if (byId.length) return byId;
  }
  const byKey = titles.filter((t) => t.titleKey === q);
  if (byKey.length) return byKey;
  const norm = normalizeTitle(q);
  if (!norm) return [];
  const exact = titles.filter((t) => t.normTitle === norm);
  if (exact.length) return exact;
  const withYear = /^(.*)\s\(?(\d{4})\)?$/.exec(norm);
  if (withYear) {
    const y = titles.filter((t) => t.normTitle === withYear[1] && t.year === Number(withYear[2]));
    if (y.length) return y;
  }
  const words = norm.split(' ');
  return titles.filter((t) => words.every((w) => t.normTitle.includes(w)));
}
