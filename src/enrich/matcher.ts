import Fuse from 'fuse.js';
import type { AnimeFormat, AnimeRecord } from '../domain/anime.ts';
import type { MediaType } from '../domain/types.ts';
import { normalizeTitle } from '../domain/title-key.ts';

/** Below this score a title stays unmatched (most likely not anime): a wrong match is worse than none. */
export const MATCH_THRESHOLD = 0.72;

export interface MatchInput {
  title: string;
  year: number | null;
  kind: MediaType;
}

export interface MatchDecision {
  malId: number | null;
  confidence: number;
  /** Why, in words, for `anidex library --unmatched` and the title screen. */
  reason: string;
  /** Other MAL entries of the same show; filled from the provider's relations by enrichment, empty here. */
  others: number[];
}

/** Words that say how a title was released, not which title it is. */
const NOISE = new Set(['the', 'movie', 'film', 'gekijouban', 'gekijoban', 'tv', 'animation', 'anime', 'series']);

/** A title reduced to what identifies it: normalized, release words and a trailing year dropped. */
export function coreTitle(title: string): string {
  // Initialisms: "N.H.K." and "NHK" are one word, not three letters.
  const joined = title.replace(/(?<=(?:^|[^\p{L}])\p{L})\.(?=\p{L}(?:[^\p{L}]|$))/gu, '');
  const words = normalizeTitle(joined).split(' ').filter((w) => w && !NOISE.has(w));
  if (words.length > 1 && /^(19[5-9]\d|20[0-3]\d)$/.test(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}

function titlesOf(r: AnimeRecord): string[] {
  return [r.titles.english, r.titles.romaji, r.titles.native, ...r.titles.synonyms].filter((t): t is string => !!t);
}

function dice(a: string, b: string): number {
  const x = new Set(a.split(' '));
  const y = new Set(b.split(' '));
  if (x.size === 0 || y.size === 0) return 0;
  let both = 0;
  for (const w of x) if (y.has(w)) both++;
  return (2 * both) / (x.size + y.size);
}

/**
 * How alike a title is to any of a candidate's titles and synonyms, 0–1: 1 when the core titles are equal;
 * otherwise fuse.js's fuzzy score blended with word overlap, so a typo and a reordered subtitle both count
 * but a shared word alone ("Pokémon") does not.
 */
export function titleSimilarity(query: string, candidateTitles: readonly string[]): number {
  const q = coreTitle(query);
  if (!q) return 0;
  const cores = candidateTitles.map(coreTitle).filter((c) => c.length > 0);
  if (cores.includes(q)) return 1;
  if (cores.length === 0) return 0;
  const fuse = new Fuse(cores, { includeScore: true, ignoreLocation: true, threshold: 1, isCaseSensitive: true });
  let best = 0;
  for (const hit of fuse.search(q)) {
    const fuzzy = 1 - (hit.score ?? 1);
    best = Math.max(best, 0.5 * fuzzy + 0.5 * dice(q, hit.item));
  }
  return Math.min(best, 0.97);
}

/** A Trakt show can be any of the episodic formats; a film should be a MOVIE. */
export function kindFactor(kind: MediaType, format: AnimeFormat | null): number {
  if (format === null) return 0.8;
  const show: Record<AnimeFormat, number> = { TV: 1, TV_SHORT: 1, ONA: 0.95, OVA: 0.85, SPECIAL: 0.6, MOVIE: 0.5, MUSIC: 0.3 };
  const movie: Record<AnimeFormat, number> = { MOVIE: 1, SPECIAL: 0.75, OVA: 0.7, ONA: 0.7, TV: 0.5, TV_SHORT: 0.4, MUSIC: 0.3 };
  return (kind === 'movie' ? movie : show)[format];
}

/** Trakt's year is the first air date; providers' season years can differ by one around New Year. */
export function yearFactor(a: number | null, b: number | null): number {
  if (a === null || b === null) return 0.85;
  const d = Math.abs(a - b);
  return d === 0 ? 1 : d === 1 ? 0.92 : d === 2 ? 0.7 : 0.4;
}

/** Score every candidate; the best one above the threshold is the match. */
export function matchTitle(input: MatchInput, candidates: readonly AnimeRecord[]): MatchDecision {
  if (candidates.length === 0) return { malId: null, confidence: 0, reason: 'the provider found no anime by this title', others: [] };
  const scored = candidates
    .map((c) => {
      const sim = titleSimilarity(input.title, titlesOf(c));
      return { c, sim, score: sim * kindFactor(input.kind, c.format) * yearFactor(input.year, c.year) };
    })
    .sort((a, b) => b.score - a.score || (a.c.year ?? 9999) - (b.c.year ?? 9999) || (b.c.popularity ?? 0) - (a.c.popularity ?? 0));
  const best = scored[0]!;
  const round = (x: number) => Math.round(x * 100) / 100;
  const label = `${best.c.titles.english ?? best.c.titles.romaji} (${best.c.year ?? '?'}, ${best.c.format ?? '?'})`;
  if (best.score < MATCH_THRESHOLD) {
    return { malId: null, confidence: round(best.score), reason: `closest was ${label} at ${round(best.score)}, below ${MATCH_THRESHOLD}`, others: [] };
  }
  // Later seasons come from the provider's SEQUEL relations (see enrichment), not from look-alike titles here:
  // "Fruits Basket: The Final" looks like a later season of the 2001 show but belongs to the 2019 remake.
  const others: number[] = [];
  return { malId: best.c.malId, confidence: round(best.score), reason: `matched ${label}`, others };
}
