import type { MediaType, TraktMedia } from './types.ts';

/**
 * A matching/search form of a title that survives case, punctuation, diacritics, full-width forms and odd
 * whitespace: "Ｆｒｉｅｒｅｎ:  Beyond Journey’s End" and "frieren beyond journeys end" give the same text.
 */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKC') // full-width → ASCII, NBSP → space, ligatures split
    .normalize('NFD')
    .replace(/\p{M}+/gu, '') // diacritics
    .toLowerCase()
    .replace(/['’‘`´]/g, '') // apostrophes join words: "journey's" → "journeys"
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The natural key of a title: `trakt:<show|movie>:<trakt id>`, or, when an export has no Trakt id for it,
 * `trakt:<show|movie>:~<normalized title>~<year>` so the same unnamed title still lands on one key.
 */
export function titleKey(media: Pick<TraktMedia, 'mediaType' | 'title' | 'year' | 'ids'>): string {
  // Imports ask once per play for a few thousand shared media objects: remember the answer per object.
  let key = keyCache.get(media);
  if (key === undefined) {
    key =
      media.ids.trakt !== null
        ? `trakt:${media.mediaType}:${media.ids.trakt}`
        : `trakt:${media.mediaType}:~${normalizeTitle(media.title).replace(/ /g, '-')}~${media.year ?? ''}`;
    keyCache.set(media, key);
  }
  return key;
}

const keyCache = new WeakMap<object, string>();

/** Parse a key made by `titleKey` back into its kind and Trakt id (null for title-based keys). */
export function parseTitleKey(key: string): { mediaType: MediaType; traktId: number | null } | null {
  const m = /^trakt:(show|movie):(\d+|~.*)$/.exec(key);
  if (!m) return null;
  return { mediaType: m[1] as MediaType, traktId: m[2]!.startsWith('~') ? null : Number(m[2]) };
}
