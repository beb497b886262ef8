/*
 * Why a title was matched to an anime, or was not: the evidence enrichment stores beside each decision
 * (`title_match.evidence`, JSON) and the one line that says it (`library --unmatched`, the title screen). Pure.
 */

/** How the provider's best name agreed with the Trakt title. */
export type TitleAgreement =
  /** the same title (case, punctuation, release words and a trailing year aside) */
  | 'exact'
  /** the same words give or take a typo */
  | 'close'
  /** the same title with a subtitle after a colon on one side ("Frieren" and "Frieren: Beyond Journey's End") */
  | 'subtitle'
  /** the provider's name holds the Trakt title with extra words ("Astra Lost in Space" for "Lost in Space") */
  | 'contains'
  /** the Trakt title holds the provider's name with extra words */
  | 'contained'
  /** some words in common */
  | 'words';

export type IdSource = 'tvdb' | 'tmdb' | 'imdb';

/** What the id mapping said of the title, when a title search decided. */
export type MappingWord =
  /** the title's ids are not in the mapping: very likely not anime, so the title must clear a higher bar */
  | 'absent'
  /** no mapping, or the title has no id it is keyed by, or the title is newer than the mapping */
  | 'unknown';

export type MatchEvidence =
  | {
      method: 'mapping';
      via: IdSource;
      id: string;
      /** The season the title's main MAL entry is (null for a film, or a show the mapping numbers absolutely). */
      season: number | null;
      /** MAL entries of the show (seasons and parts of seasons); 1 for a film. */
      entries: number;
    }
  | { method: 'id-map'; key: string }
  | {
      method: 'title';
      /** The matcher's version (a decision of an older one is taken again). */
      v: number;
      /** The best candidate, matched or not. */
      malId: number;
      label: string;
      name: string;
      title: number;
      agreement: TitleAgreement;
      /** |Trakt year − anime year|, null when either is unknown. */
      yearDiff: number | null;
      /** What the Trakt title is, and the provider's format (AniList's names). */
      kind: 'show' | 'film';
      format: string | null;
      formatFit: number;
      /** The anime's episodes against Trakt's aired episodes, when that told something. */
      episodes: { anime: number; aired: number } | null;
      /** Where the id mapping places the anime when that is not the title's ids ("TVDB id 329930"). */
      elsewhere?: string | null;
      score: number;
      threshold: number;
      mapping: MappingWord;
      /** The date of the id mapping the decision was taken with (a newer mapping has the decision taken again). */
      mappedAt?: string | null;
      matched: boolean;
    }
  | { method: 'none'; v: number; mapping: MappingWord; mappedAt?: string | null; threshold: number };

const ID_NAME: Record<IdSource, string> = { tvdb: 'TVDB', tmdb: 'TMDb', imdb: 'IMDb' };
const FORMAT_NAME: Record<string, string> = {
  TV: 'TV',
  TV_SHORT: 'TV short',
  MOVIE: 'film',
  SPECIAL: 'special',
  OVA: 'OVA',
  ONA: 'ONA',
  MUSIC: 'music',
};

const two = (x: number): string => x.toFixed(2);

/** "format film≈OVA": = when the format is what the kind should be, ≈ when it fits, ≠ when it hardly does. */
export function formatText(kind: 'show' | 'film', format: string | null, fit: number): string {
  const f = format === null ? '?' : (FORMAT_NAME[format] ?? format);
  return `format ${kind}${fit >= 1 ? '=' : fit >= 0.85 ? '≈' : '≠'}${f}`;
}

const AGREEMENT_TEXT: Record<TitleAgreement, string> = {
  exact: 'the same title',
  close: 'the same title give or take a letter',
  subtitle: 'the same title with a subtitle',
  contains: 'only contains the Trakt title, with extra words',
  contained: 'only part of the Trakt title',
  words: 'some words in common',
};

/** The one line that says why: "matched by TVDB id 267440, season 1", "title 0.97, year ±0, format film≈OVA". */
export function evidenceText(e: MatchEvidence): string {
  switch (e.method) {
    case 'mapping': {
      const where = e.season === null ? '' : e.season === 0 ? ', specials' : `, season ${e.season}`;
      const more = e.entries > 1 ? ` (${e.entries} MyAnimeList entries)` : '';
      return `matched by ${ID_NAME[e.via]} id ${e.id}${where}${more}`;
    }
    case 'id-map':
      return `from your id-map.json (${e.key})`;
    case 'none':
      return `the provider found no anime by this title${e.mapping === 'absent' ? ' (and its ids are not in the id mapping)' : ''}`;
    case 'title': {
      const parts = [`title ${two(e.title)}`];
      if (e.agreement !== 'exact' && e.agreement !== 'close') parts[0] += ` (${AGREEMENT_TEXT[e.agreement]})`;
      parts.push(e.yearDiff === null ? 'year ?' : `year ±${e.yearDiff}`);
      parts.push(formatText(e.kind, e.format, e.formatFit));
      if (e.episodes) parts.push(`${e.episodes.anime} episodes against ${e.episodes.aired} aired`);
      if (e.elsewhere) parts.push(`the id mapping gives that anime ${e.elsewhere}, not this title's`);
      const facts = parts.join(', ');
      if (e.matched) return facts;
      const bar =
        e.mapping === 'absent'
          ? `, below ${two(e.threshold)} (its ids are not in the id mapping: very likely not anime)`
          : `, below ${two(e.threshold)}`;
      return `closest ${e.label}: ${facts} → ${two(e.score)}${bar}`;
    }
  }
}

/** Evidence as stored, read back defensively (null for rows written before evidence was kept, or damaged). */
export function parseEvidence(text: string | null): MatchEvidence | null {
  if (!text) return null;
  try {
    const e = JSON.parse(text) as MatchEvidence;
    return typeof e === 'object' &&
      e !== null &&
      ['mapping', 'id-map', 'title', 'none'].includes((e as { method?: string }).method ?? '')
      ? e
      : null;
  } catch {
    return null;
  }
}
