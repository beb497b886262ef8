import type { JsonSchema } from '../ai/gemini.ts';
import { displayTitle } from '../domain/anime.ts';
import { sanitizeText } from '../domain/sanitize.ts';
import type { LibraryFilter } from '../domain/filters.ts';
import type { PoolCandidate, SourceTitle } from './pool.ts';
import { recommendationFrom, type Recommendation } from './local.ts';

/** At most this many of the person's titles and of the candidates go into one request. */
export const PROFILE_TITLES = 50;
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
  'Rank by how well each candidate fits the person\'s highest-rated titles and habits; give a confidence from 0 to 1,',
  'a one-line reason that names one or two titles from their profile, and a priority (1 = watch first).',
].join(' ');

/** Build the request: a compact taste profile (top titles rated 8+, binges, studios), the filters, the candidates. */
export function buildGeminiRequest(
  sources: readonly SourceTitle[],
  pool: readonly PoolCandidate[],
  filter: LibraryFilter,
  count: number,
  maxCandidates = MAX_CANDIDATES,
): GeminiRequestParts {
  const top = [...sources].sort((a, b) => (b.userRating ?? 0) - (a.userRating ?? 0)).slice(0, PROFILE_TITLES);
  const studios = new Map<string, number>();
  for (const s of top) for (const st of s.record.studios) studios.set(st, (studios.get(st) ?? 0) + 1);
  const favStudios = [...studios.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([s]) => s);
  const binged = top.filter((s) => s.binged).map((s) => s.title);
  const sent = new Map<number, PoolCandidate>();
  for (const c of pool.slice(0, maxCandidates)) sent.set(c.record.malId, c);
  const lines = [
    `Recommend up to ${count} titles.`,
    '',
    'Profile (title — rating/10 — genres):',
    ...top.map((s) => `- ${sanitizeText(s.title)} — ${s.userRating ?? '?'} — ${s.record.genres.slice(0, 3).join(', ')}`),
    `Binge-watched: ${binged.length ? binged.map(sanitizeText).join('; ') : 'none'}`,
    `Favourite studios: ${favStudios.join(', ') || 'unknown'}`,
    `Filters: ${describeFilter(filter)}`,
    '',
    'Candidates (mal_id | title | year | format | episodes | genres | moods):',
    ...[...sent.values()].map(
      (c) => `${c.record.malId} | ${sanitizeText(displayTitle(c.record.titles))} | ${c.record.year ?? '?'} | ${c.record.format ?? '?'} | ${c.record.episodes ?? '?'} | ${c.record.genres.join(', ')} | ${c.moods.join(', ')}`,
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
  const dropped: ValidationCounts = { invented: 0, notSent: 0, alreadyWatched: 0, outsideFilters: 0, malformed: 0, duplicates: 0 };
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
    const confidence = typeof r.confidence === 'number' && Number.isFinite(r.confidence) ? Math.min(1, Math.max(0, r.confidence)) : 0.5;
    items.push(recommendationFrom(c, confidence, sanitizeText(r.reason).slice(0, 200), typeof r.priority === 'number' ? r.priority : items.length + 1));
  }
  items.sort((a, b) => a.priority - b.priority || b.confidence - a.confidence);
  return { items: items.slice(0, count).map((x, i) => ({ ...x, priority: i + 1 })), dropped };
}
