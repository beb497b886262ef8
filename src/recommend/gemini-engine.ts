import type { JsonSchema } from '../ai/gemini.ts';
import { displayTitle } from '../domain/anime.ts';
import { sanitizeText } from '../lib/sanitize.ts';
import type { LibraryFilter } from '../domain/filters.ts';
import type { PoolCandidate } from './pool.ts';
import { recommendationFrom, type Recommendation } from './local.ts';
import { tasteOf, type EngineIndex, type Person } from './engine.ts';

/** At most this many of the person's titles and of the candidates go into one request. */
export const PROFILE_TITLES = 50;
/** At most this many disliked titles, and disliked genres/tags, go into the profile. */
export const DISLIKED_TITLES = 15;
export const MAX_CANDIDATES = 60;

export interface GeminiRequestParts {
  system: string;
  prompt: string;
  schema: JsonSchema;
  /** The candidates sent, by MAL id, for validating the answer. */
  sent: Map<number, PoolCandidate>;
}

export const RECOMMEND_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    recommendations: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          mal_id: { type: 'integer', description: 'the id of a candidate, exactly as given' },
          title: { type: 'string' },
          confidence: { type: 'number', description: '0 to 1' },
          reason: { type: 'string', description: 'one line, naming titles from the profile' },
          priority: { type: 'integer', description: '1 = watch first' },
        },
        required: ['mal_id', 'confidence', 'reason', 'priority'],
      },
    },
  },
  required: ['recommendations'],
};

const SYSTEM = [
  'You recommend anime to one person, choosing ONLY from the numbered candidate list you are given.',
  'Never invent titles and never recommend anything outside the list; refer to candidates by their mal_id.',
  "Rank by how well each candidate fits the person's best-liked titles and habits, and rank down candidates that",
  'resemble what they disliked or dropped; give a confidence from 0 to 1, a one-line reason that names one or two',
  'titles they liked (never a title they disliked), and a priority (1 = watch first).',
].join(' ');

/** One title of the profile sent to Gemini. */
export interface ProfileTitle {
  title: string;
  rating: number | null;
  genres: string[];
  studios: string[];
  binged: boolean;
  dropped: boolean;
}

/** What the person likes and dislikes, as the local engine reads it (ratings relative to their own mean, drops). */
export interface TasteProfile {
  liked: ProfileTitle[];
  disliked: ProfileTitle[];
  /** Genres and tags more common among the disliked titles than the liked ones, most telling first. */
  dislikedTraits: string[];
}

/** The profile of a person: their best-liked and most disliked titles, and what the disliked ones share. */
export function profileFor(index: EngineIndex, person: Person): TasteProfile {
  const taste = tasteOf(index, person);
  const title = (o: (typeof taste.opinions)[number]): ProfileTitle => {
    const r = o.at >= 0 ? index.records[o.at] : undefined;
    return {
      title: o.entry.title,
      rating: o.entry.rating,
      genres: r?.genres ?? [],
      studios: r?.studios ?? [],
      binged: o.entry.binged,
      dropped: o.entry.status === 'dropped',
    };
  };
  const own = taste.opinions.filter((o) => o.entry.title);
  const liked = own
    .filter((o) => o.like > 0 && o.dislike === 0)
    .sort((a, b) => b.like - a.like || a.entry.malId - b.entry.malId);
  const disliked = own
    .filter((o) => o.dislike > 0)
    .sort((a, b) => b.dislike - a.dislike || a.entry.malId - b.entry.malId);
  const traits = (os: typeof own, weight: (o: (typeof own)[number]) => number): Map<string, number> => {
    const m = new Map<string, number>();
    for (const o of os) {
      const r = o.at >= 0 ? index.records[o.at] : undefined;
      for (const t of [
        ...(r?.genres ?? []),
        ...(r?.tags ?? []).filter((x) => (x.rank ?? 100) >= 60).map((x) => x.name),
      ])
        m.set(t, (m.get(t) ?? 0) + weight(o));
    }
    return m;
  };
  const bad = traits(disliked, (o) => o.dislike);
  const good = traits(liked, (o) => o.like);
  const totalBad = disliked.reduce((s, o) => s + o.dislike, 0) || 1;
  const totalGood = liked.reduce((s, o) => s + o.like, 0) || 1;
  const dislikedTraits = [...bad]
    .map(([t, w]) => [t, w / totalBad - (good.get(t) ?? 0) / totalGood] as const)
    .filter(([, d]) => d > 0.2)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 8)
    .map(([t]) => t);
  return {
    liked: liked.slice(0, PROFILE_TITLES).map(title),
    disliked: disliked.slice(0, DISLIKED_TITLES).map(title),
    dislikedTraits,
  };
}

/**
 * Build the request: a compact taste profile (best-liked titles, binges, studios; disliked and dropped titles and
 * what they share), the filters, the candidates.
 */
export function buildGeminiRequest(
  profile: TasteProfile,
  pool: readonly PoolCandidate[],
  filter: LibraryFilter,
  count: number,
  maxCandidates = MAX_CANDIDATES,
): GeminiRequestParts {
  const top = profile.liked;
  const studios = new Map<string, number>();
  for (const s of top) for (const st of s.studios) studios.set(st, (studios.get(st) ?? 0) + 1);
  const favStudios = [...studios.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([s]) => s);
  const binged = top.filter((s) => s.binged).map((s) => s.title);
  const sent = new Map<number, PoolCandidate>();
  for (const c of pool.slice(0, maxCandidates)) sent.set(c.record.malId, c);
  const lines = [
    `Recommend up to ${count} titles.`,
    '',
    'Liked (title — rating/10 — genres), best first:',
    ...top.map((s) => `- ${sanitizeText(s.title)} — ${s.rating ?? '?'} — ${s.genres.slice(0, 3).join(', ')}`),
    `Binge-watched: ${binged.length ? binged.map(sanitizeText).join('; ') : 'none'}`,
    `Favourite studios: ${favStudios.map(sanitizeText).join(', ') || 'unknown'}`,
    'Disliked (rated low for them, or dropped; title — rating/10 — genres):',
    ...(profile.disliked.length
      ? profile.disliked.map(
          (s) =>
            `- ${sanitizeText(s.title)} — ${s.dropped ? 'dropped' : (s.rating ?? '?')} — ${s.genres.slice(0, 3).join(', ')}`,
        )
      : ['- none']),
    `Traits of what they disliked: ${profile.dislikedTraits.length ? profile.dislikedTraits.map(sanitizeText).join(', ') : 'none'}`,
    `Filters: ${describeFilter(filter)}`,
    '',
    'Candidates (mal_id | title | year | format | episodes | genres | moods):',
    ...[...sent.values()].map(
      (c) =>
        `${c.record.malId} | ${sanitizeText(displayTitle(c.record.titles))} | ${c.record.year ?? '?'} | ${c.record.format ?? '?'} | ${c.record.episodes ?? '?'} | ${c.record.genres.join(', ')} | ${c.moods.join(', ')}`,
    ),
  ];
  return { system: SYSTEM, prompt: lines.join('\n'), schema: RECOMMEND_SCHEMA, sent };
}

function describeFilter(f: LibraryFilter): string {
  const parts: string[] = [];
  if (f.genres?.length) parts.push(`genres ${f.genres.join(' + ')}`);
  if (f.excludeGenres?.length) parts.push(`no ${f.excludeGenres.join(', ')}`);
  if (f.moods?.length) parts.push(`moods ${f.moods.join(' + ')}`);
  if (f.excludeMoods?.length) parts.push(`not ${f.excludeMoods.join(', ')}`);
  if (f.lengths?.length) parts.push(`length ${f.lengths.join(' or ')}`);
  return parts.length ? `${parts.join('; ')} (all candidates already satisfy them)` : 'none';
}

export interface ValidationCounts {
  invented: number;
  /** A real candidate that fits, but was not among those sent (the prompt carries at most MAX_CANDIDATES). */
  notSent: number;
  alreadyWatched: number;
  outsideFilters: number;
  malformed: number;
  duplicates: number;
}

/**
 * Keep only answers that name a candidate that was sent; count the rest by why they were dropped. Reasons are
 * sanitised and cut to one line; confidences clamped to 0–1; streaming comes from the provider, never the model.
 */
export function validateGeminiAnswer(
  json: unknown,
  sent: ReadonlyMap<number, PoolCandidate>,
  seen: ReadonlySet<number>,
  unfiltered: ReadonlySet<number>,
  count: number,
  filtered: ReadonlySet<number> = new Set(),
): { items: Recommendation[]; dropped: ValidationCounts } {
  const dropped: ValidationCounts = {
    invented: 0,
    notSent: 0,
    alreadyWatched: 0,
    outsideFilters: 0,
    malformed: 0,
    duplicates: 0,
  };
  const list = (json as { recommendations?: unknown })?.recommendations;
  const items: Recommendation[] = [];
  const used = new Set<number>();
  for (const raw of Array.isArray(list) ? list : []) {
    // A model can answer null or a bare value where an object belongs: that entry is malformed, not a crash.
    if (typeof raw !== 'object' || raw === null) {
      dropped.malformed++;
      continue;
    }
    const r = raw as { mal_id?: unknown; confidence?: unknown; reason?: unknown; priority?: unknown };
    const id = typeof r.mal_id === 'number' && Number.isInteger(r.mal_id) ? r.mal_id : null;
    if (id === null || typeof r.reason !== 'string') {
      dropped.malformed++;
      continue;
    }
    const c = sent.get(id);
    if (!c) {
      if (seen.has(id)) dropped.alreadyWatched++;
      else if (filtered.has(id)) dropped.notSent++;
      else if (unfiltered.has(id)) dropped.outsideFilters++;
      else dropped.invented++;
      continue;
    }
    if (used.has(id)) {
      dropped.duplicates++;
      continue;
    }
    used.add(id);
    const confidence =
      typeof r.confidence === 'number' && Number.isFinite(r.confidence) ? Math.min(1, Math.max(0, r.confidence)) : 0.5;
    items.push(
      recommendationFrom(
        c,
        confidence,
        sanitizeText(r.reason).slice(0, 200),
        typeof r.priority === 'number' ? r.priority : items.length + 1,
      ),
    );
  }
  items.sort((a, b) => a.priority - b.priority || b.confidence - a.confidence);
  return { items: items.slice(0, count).map((x, i) => ({ ...x, priority: i + 1 })), dropped };
}
