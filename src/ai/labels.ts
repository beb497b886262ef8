import type { JsonSchema } from './gemini.ts';
import { MOODS, isMood, type Mood } from '../domain/moods.ts';
import { displayTitle, type AnimeRecord } from '../domain/anime.ts';
import { sanitizeText } from '../lib/sanitize.ts';

/** Titles per labelling request: many fit in one, and the free tier allows few requests a day. */
export const LABEL_BATCH = 25;

export const LABEL_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    labels: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          mal_id: { type: 'integer' },
          moods: { type: 'array', items: { type: 'string', format: 'enum', enum: [...MOODS] } },
        },
        required: ['mal_id', 'moods'],
      },
    },
  },
  required: ['labels'],
};

export const LABEL_SYSTEM = `You label anime with the moods a viewer would feel watching them. Use only these moods: ${MOODS.join(', ')}. Give one to three moods per title, strongest first, for every mal_id you are given and no other.`;

/** The user turn: one line per title with what the provider knows. */
export function labelPrompt(records: readonly AnimeRecord[]): string {
  return [
    'Titles (mal_id | title | year | genres | tags):',
    ...records.map(
      (r) =>
        `${r.malId} | ${sanitizeText(displayTitle(r.titles))} | ${r.year ?? '?'} | ${r.genres.join(', ')} | ${r.tags
          .slice(0, 6)
          .map((t) => t.name)
          .join(', ')}`,
    ),
  ].join('\n');
}

/** Labels for the ids that were asked, within the vocabulary; anything else is dropped and counted. */
export function validateLabels(
  json: unknown,
  asked: ReadonlySet<number>,
): { labels: Map<number, Mood[]>; droppedMoods: number; unknownIds: number } {
  const out = new Map<number, Mood[]>();
  let droppedMoods = 0;
  let unknownIds = 0;
  const list = (json as { labels?: unknown })?.labels;
  for (const raw of Array.isArray(list) ? list : []) {
    const r = (typeof raw === 'object' && raw !== null ? raw : {}) as { mal_id?: unknown; moods?: unknown };
    if (typeof r.mal_id !== 'number' || !asked.has(r.mal_id) || out.has(r.mal_id)) {
      unknownIds++;
      continue;
    }
    const moods = (Array.isArray(r.moods) ? r.moods : []).filter((m) => {
      const ok = isMood(m);
      if (!ok) droppedMoods++;
      return ok;
    }) as Mood[];
    if (moods.length) out.set(r.mal_id, [...new Set(moods)].slice(0, 3));
  }
  return { labels: out, droppedMoods, unknownIds };
}
