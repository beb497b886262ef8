import { addPlanItems, planItems, removePlanItem, reprioritize, type PlanItem } from '../warehouse/plan.ts';
import { animeRecords } from '../warehouse/enrichment.ts';
import type { SqlDb } from '../warehouse/db.ts';
import { displayTitle } from '../domain/anime.ts';
import type { ProviderTitles } from '../domain/title-language.ts';
import type { Engine, RecommendedTitle } from './view-models.ts';
import type { Warehouse } from './open-warehouse.ts';
import { libraryView } from './library-view.ts';

/*
 * The person's plan-to-watch list as the CLI and the TUI change it. Each change is one write of the warehouse
 * (under the writer lock, saved atomically); adding never adds an anime twice, whatever source offered it.
 */

/** The list, highest priority (1) first, then oldest first; each item with its anime's provider names when known. */
export function planList(db: SqlDb): PlanItem[] {
  return planItems(db);
}

/** What adding an anime by its MAL id came to. */
export type PlanAddition =
  /** anidex has no metadata for it, so it cannot name it. */
  | { outcome: 'no-metadata' }
  /** The person completed it (`title` is the anime's name, `libraryTitle` the title in their library): not added. */
  | { outcome: 'completed'; title: string; libraryTitle: string }
  | { outcome: 'added' | 'already-planned'; title: string; names: ProviderTitles };

/**
 * Add the anime `malId` to the plan by the person's own choice, named as its metadata names it, with where to stream
 * it. A title they completed is rarely what a plan is for: refused unless `force` (a rewatch).
 */
export async function addAnimeToPlan(
  wh: Warehouse,
  malId: number,
  opts: { notes?: string | null; force?: boolean } = {},
): Promise<PlanAddition> {
  const rec = animeRecords(wh.db, [malId]).get(malId);
  if (!rec) return { outcome: 'no-metadata' };
  const title = displayTitle(rec.titles);
  if (!opts.force) {
    const completed = libraryView(wh.db).find((r) => r.malId === malId && r.status === 'completed');
    if (completed) return { outcome: 'completed', title, libraryTitle: completed.title };
  }
  const added = await wh.write(
    (db) =>
      addPlanItems(
        db,
        [
          {
            title,
            malId,
            streamingService: rec.streaming[0]?.site ?? null,
            notes: opts.notes ?? null,
            source: 'user',
            sourceKey: `mal:${malId}`,
          },
        ],
        new Date().toISOString(),
      ),
    { what: 'adding to the plan' },
  );
  const names = { titleEnglish: rec.titles.english, titleRomaji: rec.titles.romaji };
  return { outcome: added > 0 ? 'added' : 'already-planned', title, names };
}

/** Add recommended titles, with the engine's confidence and reason; returns how many were not on the plan yet. */
export function addRecommendationsToPlan(
  wh: Warehouse,
  items: ReadonlyArray<Pick<RecommendedTitle, 'title' | 'malId' | 'streaming' | 'confidence' | 'reason'>>,
  engine: Engine,
): Promise<number> {
  const now = new Date().toISOString();
  return wh.write(
    (db) =>
      addPlanItems(
        db,
        items.map((it) => ({
          title: it.title,
          malId: it.malId,
          streamingService: it.streaming,
          confidenceScore: it.confidence,
          notes: it.reason,
          source: engine,
          sourceKey: `mal:${it.malId}`,
          recommendedByAiAt: engine === 'gemini' ? now : null,
        })),
        now,
      ),
    { what: 'adding to the plan-to-watch list' },
  );
}

/** Take item `id` off the plan; false when there is no such item. */
export function removeFromPlan(wh: Warehouse, id: number): Promise<boolean> {
  return wh.write((db) => removePlanItem(db, id), { what: 'removing from the plan' });
}

/** Give item `id` priority `priority` (1 = watch first); false when there is no such item. */
export function movePlanItem(wh: Warehouse, id: number, priority: number): Promise<boolean> {
  return wh.write((db) => reprioritize(db, id, priority), { what: 'reordering the plan' });
}
