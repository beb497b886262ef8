import type { Warehouse } from '../warehouse/store.ts';
import { animeRecords } from '../warehouse/enrichment.ts';
import { applyCachedLabels, saveLabels, unlabeled } from '../warehouse/labels.ts';
import type { GeminiClient } from '../ai/gemini.ts';
import { LABEL_BATCH, LABEL_SCHEMA, LABEL_SYSTEM, labelPrompt, validateLabels } from '../ai/labels.ts';
import { AnidexError } from '../lib/errors.ts';
import type { Mood } from '../domain/moods.ts';

export interface LabelResult {
  labeled: number;
  cached: number;
  skipped: number;
  droppedMoods: number;
  requests: number;
  /** Why labelling stopped early (budget, quota, key), or null. */
  stoppedBecause: string | null;
  messages: string[];
}

/**
 * Mood labels from Gemini for every anime in dim_anime, many per request, cached per MAL id and model. A bad
 * answer (invalid or truncated JSON, a safety block, nothing) is retried once with half the batch, then that
 * half is skipped with a message; a failed request (budget, quota, key) stops the run, keeping what finished.
 */
export async function labelMoods(wh: Warehouse, client: GeminiClient, signal?: AbortSignal): Promise<LabelResult> {
  await wh.refresh();
  const all = wh.db.all<{ id: number }>('SELECT mal_id AS id FROM dim_anime ORDER BY mal_id').map((r) => r.id);
  const todo = unlabeled(wh.db, all, client.model);
  const result: LabelResult = {
    labeled: 0,
    cached: all.length - todo.length,
    skipped: 0,
    droppedMoods: 0,
    requests: 0,
    stoppedBecause: null,
    messages: [],
  };
  const records = animeRecords(wh.db, todo);
  const queue: number[][] = [];
  for (let i = 0; i < todo.length; i += LABEL_BATCH) queue.push(todo.slice(i, i + LABEL_BATCH));
  const retried = new Set<number[]>();
  while (queue.length) {
    const batch = queue.shift()!;
    const recs = batch.map((id) => records.get(id)!).filter(Boolean);
    let res;
    try {
      result.requests++;
      res = await client.generateJson({
        system: LABEL_SYSTEM,
        prompt: labelPrompt(recs),
        schema: LABEL_SCHEMA,
        signal,
        maxOutputTokens: 4096,
      });
    } catch (err) {
      if (signal?.aborted) {
        result.stoppedBecause = 'interrupted';
        break;
      }
      if (err instanceof AnidexError) {
        result.stoppedBecause = err.message;
        break;
      }
      throw err;
    }
    if (!res.ok) {
      if (!retried.has(batch) && batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        const a = batch.slice(0, half);
        const b = batch.slice(half);
        retried.add(a);
        retried.add(b);
        queue.unshift(a, b);
        result.messages.push(
          `Gemini's answer for ${batch.length} titles was unusable (${res.message}); retrying in halves.`,
        );
      } else {
        result.skipped += batch.length;
        result.messages.push(
          `Skipped ${batch.length} titles: Gemini's answer was unusable again (${res.message}); their moods stay from genres and tags.`,
        );
      }
      continue;
    }
    const v = validateLabels(res.json, new Set(batch));
    result.droppedMoods += v.droppedMoods;
    result.labeled += v.labels.size;
    await wh.write((db) => saveLabels(db, v.labels as Map<number, Mood[]>, client.model, new Date().toISOString()), {
      what: 'saving mood labels',
    });
  }
  await wh.write((db) => applyCachedLabels(db, client.model), { what: 'applying mood labels' });
  return result;
}
