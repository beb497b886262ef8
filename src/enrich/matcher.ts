import { distance } from 'fastest-levenshtein';
import { animeNames, type AnimeFormat, type AnimeRecord } from '../domain/anime.ts';
import type { MediaType } from '../domain/types.ts';
import { normalizeTitle } from '../domain/title-key.ts';
import type { MappingWord, MatchEvidence, TitleAgreement } from '../domain/match-evidence.ts';
import { evidenceText } from '../domain/match-evidence.ts';

/*
 * Matching a Trakt title to one of the provider's candidates by what the titles say. Every fact is evidence, none a
 * veto: how well the title agrees with the candidate's best name, how far apart the years are, whether the format
 * fits what Trakt calls it, and whether the episode counts are plausible. Their product must clear a bar, which is
 * much higher when the id mapping knows the title's ids are not anime.
 */

/** Bump when the scoring changes: decisions of an older version are taken again (from cached answers). */
export const MATCHER_VERSION = 2;
/** Below this a title stays unmatched (most likely not anime): a wrong match is worse than none. */
export const MATCH_THRESHOLD = 0.72;
/**
 * The bar for a title whose ids the id mapping does not have (very likely not anime): only the same title, a year
 * or less apart, in a fitting format clears it.
 */
export const ABSENT_THRESHOLD = 0.9;

export interface MatchInput {
  title: string;
  year: number | null;
  kind: MediaType;
  /** Trakt's aired episodes of the whole show, when known. */
  airedEpisodes?: number | null;
  /** What the id mapping says of the title (default: nothing). */
  mapping?: MappingWord;
  /**
   * Where the id mapping places a candidate when that contradicts the title's own ids ("TVDB id 329930"), else null:
   * then the candidate is another work of the same name.
   */
  elsewhere?: (malId: number) => string | null;
}

export interface MatchDecision {
  malId: number | null;
  confidence: number;
  /** Why, in words, for `anidex library --unmatched` and the title screen. */
  reason: string;
  evidence: MatchEvidence;
  /** Other MAL entries of the same show; filled from the provider's relations by enrichment, empty here. */
  others: number[];
}

/** Words that say how a title was released, not which title it is. */
const NOISE = new Set(['the', 'movie', 'film', 'gekijouban', 'gekijoban', 'tv', 'animation', 'anime', 'series']);
const NUMBERISH = /^(\d+|[ivx]+)$/;

/** A title reduced to what identifies it: normalized, release words and a trailing year dropped. */
export function coreTitle(title: string): string {
  // Initialisms: "N.H.K." and "NHK" are one word, not three letters. "HUNTER×HUNTER" is "hunter x hunter".
  const joined = title.replace(/(?<=(?:^|[^\p{L}])\p{L})\.(?=\p{L}(?:[^\p{L}]|$))/gu, '').replace(/×/g, ' x ');
  const words = normalizeTitle(joined)
    .split(' ')
    .filter((w) => w && !NOISE.has(w));
  if (words.length > 1 && /^(19[5-9]\d|20[0-3]\d)$/.test(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}

/** The part of a title before its subtitle ("Frieren" of "Frieren: Beyond Journey's End"), as a core; null if none. */
function headOf(title: string): string | null {
  const m = /^(.+?)\s*(?::|\s[-–—]\s)\s*\S/.exec(title);
  const head = m ? coreTitle(m[1]!) : '';
  return head && head !== coreTitle(title) ? head : null;
}

/** Where `small` occurs as a run of whole words in `big`, or -1. */
function runAt(big: readonly string[], small: readonly string[]): number {
  outer: for (let i = 0; i + small.length <= big.length; i++) {
    for (let j = 0; j < small.length; j++) if (big[i + j] !== small[j]) continue outer;
    return i;
  }
  return -1;
}

function dice(a: readonly string[], b: readonly string[]): number {
  const x = new Set(a);
  const y = new Set(b);
  if (x.size === 0 || y.size === 0) return 0;
  let both = 0;
  for (const w of x) if (y.has(w)) both++;
  return (2 * both) / (x.size + y.size);
}

/** Numbers and roman numerals name seasons and sequels: two titles that differ in them are different titles. */
function sameNumbers(a: readonly string[], b: readonly string[]): boolean {
  const n = (ws: readonly string[]) =>
    ws
      .filter((w) => NUMBERISH.test(w) && w !== 'x')
      .sort()
      .join(' ');
  return n(a) === n(b);
}

/**
 * How one of the provider's names agrees with the Trakt title, 0–1. Whole-title agreement is worth far more than
 * containment: a name that merely holds the Trakt title among other words ("Comet Lucifer" for "Lucifer") is
 * most likely another work, and counts for less the more words it adds.
 */
export function nameAgreement(traktTitle: string, name: string): { score: number; agreement: TitleAgreement } {
  const q = coreTitle(traktTitle);
  const n = coreTitle(name);
  if (!q || !n) return { score: 0, agreement: 'words' };
  if (q === n) return { score: 1, agreement: 'exact' };
  const qw = q.split(' ');
  const nw = n.split(' ');
  if (qw.length === nw.length || Math.abs(q.length - n.length) <= 2) {
    const similar = 1 - distance(q, n) / Math.max(q.length, n.length);
    if (similar >= 0.85 && sameNumbers(qw, nw)) return { score: Math.min(0.95, similar), agreement: 'close' };
  }
  if (headOf(name) === q || headOf(traktTitle) === n) return { score: 0.78, agreement: 'subtitle' };
  if (nw.length > qw.length && runAt(nw, qw) >= 0)
    return { score: 0.6 * (qw.length / nw.length), agreement: 'contains' };
  if (qw.length > nw.length && runAt(qw, nw) >= 0)
    return { score: 0.6 * (nw.length / qw.length), agreement: 'contained' };
  return { score: 0.6 * dice(qw, nw), agreement: 'words' };
}

/** The candidate's best-agreeing name (over English, romaji, native and every synonym). */
export function titleAgreement(
  traktTitle: string,
  r: AnimeRecord,
): { score: number; agreement: TitleAgreement; name: string } {
  let best = { score: 0, agreement: 'words' as TitleAgreement, name: animeNames(r.titles)[0] ?? '' };
  for (const name of animeNames(r.titles)) {
    const a = nameAgreement(traktTitle, name);
    if (a.score > best.score) best = { ...a, name };
  }
  return best;
}

/**
 * How well a provider format fits what Trakt calls the title. A Trakt film may be MyAnimeList's MOVIE, OVA or
 * SPECIAL (a Dragon Ball Z film of 1993 is an OVA there); a Trakt show is TV, TV_SHORT or ONA, sometimes OVA.
 */
export function formatFit(kind: MediaType, format: AnimeFormat | null): number {
  if (format === null) return 0.85;
  const show: Record<AnimeFormat, number> = {
    TV: 1,
    TV_SHORT: 1,
    ONA: 1,
    OVA: 0.9,
    SPECIAL: 0.75,
    MOVIE: 0.45,
    MUSIC: 0.3,
  };
  const film: Record<AnimeFormat, number> = {
    MOVIE: 1,
    OVA: 0.95,
    SPECIAL: 0.92,
    ONA: 0.85,
    TV: 0.45,
    TV_SHORT: 0.45,
    MUSIC: 0.35,
  };
  return (kind === 'movie' ? film : show)[format];
}

/** A candidate the id mapping places on another show or film than the title's: almost certainly another work. */
export const ELSEWHERE_FIT = 0.3;

/** Trakt's year is the first air date; providers' season years can differ by one around New Year. */
export function yearFit(a: number | null, b: number | null): number {
  if (a === null || b === null) return 0.9;
  const d = Math.abs(a - b);
  return d === 0 ? 1 : d === 1 ? 0.95 : d === 2 ? 0.8 : d === 3 ? 0.65 : d <= 5 ? 0.5 : 0.35;
}

/**
 * Episode counts: a show whose first MyAnimeList entry alone has far more episodes than Trakt says the whole show
 * aired is probably another work (a Trakt show spans its MAL entries, never the other way round).
 */
export function episodesFit(kind: MediaType, animeEpisodes: number | null, aired: number | null | undefined): number {
  if (kind !== 'show' || animeEpisodes === null || aired === null || aired === undefined || aired <= 0) return 1;
  return animeEpisodes > aired + 2 && animeEpisodes > aired * 1.5 ? 0.8 : 1;
}

const round = (x: number) => Math.round(x * 100) / 100;
const label = (c: AnimeRecord) =>
  `${c.titles.english ?? c.titles.romaji ?? c.titles.native ?? '?'} (${c.year ?? '?'}, ${c.format ?? '?'})`;

/** Score every candidate; the best one at or above the bar is the match. */
export function matchTitle(input: MatchInput, candidates: readonly AnimeRecord[]): MatchDecision {
  const mapping = input.mapping ?? 'unknown';
  const threshold = mapping === 'absent' ? ABSENT_THRESHOLD : MATCH_THRESHOLD;
  if (candidates.length === 0) {
    const evidence: MatchEvidence = { method: 'none', v: MATCHER_VERSION, mapping, threshold };
    return { malId: null, confidence: 0, reason: evidenceText(evidence), evidence, others: [] };
  }
  const scored = candidates
    .map((c) => {
      const t = titleAgreement(input.title, c);
      const fit = formatFit(input.kind, c.format);
      const eps = episodesFit(input.kind, c.episodes, input.airedEpisodes);
      const elsewhere = input.elsewhere?.(c.malId) ?? null;
      return {
        c,
        t,
        fit,
        eps,
        elsewhere,
        score: t.score * yearFit(input.year, c.year) * fit * eps * (elsewhere ? ELSEWHERE_FIT : 1),
      };
    })
    .sort(
      (a, b) =>
        b.score - a.score || (a.c.year ?? 9999) - (b.c.year ?? 9999) || (b.c.popularity ?? 0) - (a.c.popularity ?? 0),
    );
  const best = scored[0]!;
  const matched = round(best.score) >= threshold;
  const evidence: MatchEvidence = {
    method: 'title',
    v: MATCHER_VERSION,
    malId: best.c.malId,
    label: label(best.c),
    name: best.t.name,
    title: round(best.t.score),
    agreement: best.t.agreement,
    yearDiff: input.year === null || best.c.year === null ? null : Math.abs(input.year - best.c.year),
    kind: input.kind === 'movie' ? 'film' : 'show',
    format: best.c.format,
    formatFit: best.fit,
    episodes: best.eps < 1 ? { anime: best.c.episodes!, aired: input.airedEpisodes! } : null,
    elsewhere: best.elsewhere,
    score: round(best.score),
    threshold,
    mapping,
    matched,
  };
  // Later seasons come from the id mapping or the provider's SEQUEL relations (see enrichment), not from look-alike
  // titles here: "Fruits Basket: The Final" looks like a later season of the 2001 show but belongs to the 2019 remake.
  return {
    malId: matched ? best.c.malId : null,
    confidence: round(best.score),
    reason: evidenceText(evidence),
    evidence,
    others: [],
  };
}
