import type { AnimeRecord } from '../domain/anime.ts';
import { displayTitle } from '../domain/anime.ts';
import {
  becauseOf,
  FITTED,
  isColdStart,
  rankCandidates,
  type Because,
  type EngineIndex,
  type EngineParams,
  type Person,
  type PersonEntry,
} from './engine.ts';
import type { PoolCandidate } from './pool.ts';

export interface Recommendation {
  malId: number;
  title: string;
  year: number | null;
  format: string | null;
  episodes: number | null;
  minutesPerEpisode: number | null;
  length: string | null;
  genres: string[];
  moods: string[];
  /** 0–1. */
  confidence: number;
  reason: string;
  /** Where to stream, from the provider (never from a model). */
  streaming: string | null;
  /** 1 = watch first. */
  priority: number;
  /** True when the person has too few ratings for their taste to be known (the list leans on popularity). */
  coldStart?: boolean;
}

const RELATION_PHRASE: Record<string, string> = {
  SEQUEL: 'the sequel to',
  PREQUEL: 'the prequel to',
  SIDE_STORY: 'a side story of',
  PARENT: 'the main story of',
  SPIN_OFF: 'a spin-off of',
  ALTERNATIVE: 'another version of',
  SUMMARY: 'a summary of',
  COMPILATION: 'a compilation of',
};

/** How the candidate relates to one of the person's titles, as the provider names it (either side of the link). */
function relationPhrase(candidate: AnimeRecord, source: AnimeRecord | undefined): string {
  const fromSource = source?.relations.find((l) => l.malId === candidate.malId)?.relationType ?? null;
  if (fromSource && RELATION_PHRASE[fromSource]) return RELATION_PHRASE[fromSource]!;
  return 'from the same franchise as';
}

function yourTake(e: PersonEntry): string {
  if (e.rating !== null) return `you rated it ${e.rating}/10`;
  if (e.rewatches > 0) return 'you rewatched it';
  if (e.binged) return 'you binged it';
  return 'you watched it';
}

const people = (n: number): string =>
  n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${Math.round(n / 1e3)}k` : String(n);

function standing(r: AnimeRecord): string {
  const parts: string[] = [];
  if (r.communityScore !== null)
    parts.push(`${r.communityScore}/100 on ${r.scoreSource === 'mal' ? 'MyAnimeList' : 'AniList'}`);
  if (r.popularity) parts.push(`${people(r.popularity)} people list it`);
  return parts.length ? `well liked and popular (${parts.join(', ')})` : 'well liked and popular';
}

/**
 * Why, in the person's own terms: the titles of theirs that led to the candidate and what they share. Only titles
 * they like are named — never one whose low rating or drop pushed the candidate down.
 */
export function reasonFor(
  record: AnimeRecord,
  because: readonly Because[],
  cold: boolean,
  records: ReadonlyMap<number, AnimeRecord>,
): string {
  const top = because.slice(0, 2);
  const shared = [...new Set(top.flatMap((b) => b.shared))].slice(0, 3);
  const sharedText = shared.length ? `; shares ${shared.join(', ')}` : '';
  let core = '';
  const rel = top.find((b) => b.via === 'relation');
  const linked = top.filter((b) => b.via === 'link');
  if (rel) {
    core = `${relationPhrase(record, records.get(rel.entry.malId))} ${rel.entry.title} (${yourTake(rel.entry)})`;
    const other = top.find((b) => b !== rel);
    if (other) core += `, and fans of ${other.entry.title} (${yourTake(other.entry)}) recommend it`;
  } else if (linked.length) {
    core = `fans of ${linked.map((b) => `${b.entry.title} (${yourTake(b.entry)})`).join(' and ')} recommend it`;
  } else if (top.length) {
    core = `like ${top.map((b) => `${b.entry.title} (${yourTake(b.entry)})`).join(' and ')}`;
  }
  if (cold) {
    return `cold start: ${standing(record)}${core ? `; ${core}${sharedText}` : ''}`;
  }
  if (!core) return `${standing(record)}`;
  return `${core}${sharedText}`;
}

/**
 * The local engine over a pool: rankCandidates (the same function the offline evaluation measures) orders the
 * candidates for this person; each result gets its reason and a confidence (its score relative to the best one,
 * capped lower on a cold start).
 */
export function rankLocally(
  index: EngineIndex,
  person: Person,
  pool: readonly PoolCandidate[],
  count: number,
  p: EngineParams = FITTED,
): Recommendation[] {
  const byId = new Map(pool.map((c) => [c.record.malId, c]));
  const ranked = rankCandidates(index, person, byId.keys(), count, p);
  const cold = isColdStart(person);
  const records = new Map(index.records.map((r) => [r.malId, r]));
  const best = ranked[0]?.score ?? 1;
  const low = ranked.length ? Math.min(...ranked.map((r) => r.score)) : 0;
  return ranked.map((r, i) => {
    const c = byId.get(r.malId)!;
    // 0.5–0.95 by the score's place between the list's lowest and best; a cold start is less sure (0.3–0.6).
    const relative = best > low ? (r.score - low) / (best - low) : 1;
    const confidence = cold ? 0.3 + 0.3 * relative : 0.5 + 0.45 * relative;
    return {
      ...recommendationFrom(
        c,
        confidence,
        reasonFor(c.record, becauseOf(index, person, r.malId, p), cold, records),
        i + 1,
      ),
      coldStart: cold,
    };
  });
}

/** A pool candidate as a recommendation; the facts come from the provider, whatever engine ranked it. */
export function recommendationFrom(
  c: PoolCandidate,
  confidence: number,
  reason: string,
  priority: number,
): Recommendation {
  return {
    malId: c.record.malId,
    title: displayTitle(c.record.titles),
    year: c.record.year,
    format: c.record.format,
    episodes: c.record.episodes,
    minutesPerEpisode: c.record.minutesPerEpisode,
    length: c.length,
    genres: c.record.genres,
    moods: c.moods,
    confidence: Math.round(Math.min(1, Math.max(0, confidence)) * 100) / 100,
    reason,
    streaming: c.record.streaming[0]?.site ?? null,
    priority,
  };
}
