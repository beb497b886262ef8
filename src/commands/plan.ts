import { Warehouse } from '../warehouse/store.ts';
import { addPlanItems, planItems, removePlanItem, reprioritize } from '../warehouse/plan.ts';
import { animeRecords } from '../warehouse/enrichment.ts';
import { displayTitle } from '../domain/anime.ts';
import { libraryView } from '../app/library-view.ts';
import { findTitles } from '../domain/find-title.ts';
import { normalizeTitle } from '../domain/title-key.ts';
import { sanitizeText } from '../lib/sanitize.ts';
import { shownTitle } from '../domain/title-language.ts';
import { namedAnime } from '../warehouse/anime-names.ts';
import type { SqlDb } from '../warehouse/db.ts';
import { titleLanguageFor } from './title-language.ts';
import { AnidexError, UsageError } from '../lib/errors.ts';
import type { CommandContext } from './context.ts';
import { outputWidth, print, printJson, renderTable, shortDate } from './output.ts';
import type { Parsed } from './spec.ts';
import type { PLAN_ADD_FLAGS } from './specs/plan.ts';

function positiveInt(text: string | undefined, what: string, usage: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${what} "${sanitizeText(text ?? '')}" is not a positive whole number.`, `Usage: ${usage}`);
  return n;
}

/**
 * The MAL id `plan add` means: a number is a MAL id; anything else is a title in any of its names, looked up among
 * the anime anidex has metadata for (your matched titles, by their provider names and your exports' titles, and
 * the candidates recommendations fetched). Several matches are listed with their ids.
 */
function planTarget(db: SqlDb, query: string, usage: string): number {
  if (/^\d+$/.test(query.trim())) return positiveInt(query.trim(), 'MAL id', usage);
  const refs = namedAnime(db).map((a) => {
    const title = displayTitle({ english: a.titleEnglish, romaji: a.titleRomaji, native: a.titleNative, synonyms: [] });
    const normTitle = normalizeTitle(title);
    return {
      malId: a.malId,
      titleKey: `mal:${a.malId}`,
      traktId: null,
      title,
      normTitle,
      normNames: a.norms.filter((n) => n !== normTitle),
      year: a.year,
      mediaType: a.format === 'MOVIE' ? ('movie' as const) : ('show' as const),
      format: a.format,
    };
  });
  const found = findTitles(refs, query);
  if (found.length === 1) return found[0]!.malId;
  if (found.length === 0) {
    throw new AnidexError(
      `No anime anidex has metadata for is called "${sanitizeText(query)}".`,
      'Give its MyAnimeList id (the number in myanimelist.net/anime/<id>), or run `anidex recommend` or `anidex enrich` first.',
    );
  }
  const list = found
    .slice(0, 8)
    .map((a) => `${sanitizeText(a.title)} (${a.year ?? '?'}, ${a.format ?? '?'}) = ${a.malId}`);
  throw new AnidexError(
    `"${sanitizeText(query)}" matches ${found.length} anime: ${list.join('; ')}${found.length > 8 ? '; …' : ''}.`,
    `Give the exact title or the MyAnimeList id shown after "=" (e.g. anidex plan add ${found[0]!.malId}).`,
  );
}

export async function run(
  { sub, values, args, usage }: Parsed<typeof PLAN_ADD_FLAGS>,
  ctx: CommandContext,
): Promise<number> {
  const json = ctx.json;
  const wh = await Warehouse.open(ctx.dataDir);
  try {
    if (sub === 'list') {
      const items = planItems(wh.db);
      if (json) printJson(items);
      else if (items.length === 0)
        print(
          'Your plan-to-watch list is empty. Add with `anidex plan add <mal id | title>` or `anidex recommend … --add 1`.',
        );
      else {
        const lang = await titleLanguageFor(ctx);
        print(
          renderTable(
            items.map((p) => ({ ...p, title: shownTitle(p.title, p, lang) })),
            [
              { header: 'Id', value: (p) => String(p.id), align: 'right' },
              { header: 'Prio', value: (p) => (p.priority === null ? '' : String(p.priority)), align: 'right' },
              { header: 'Title', value: (p) => p.title, flex: 2, min: 16 },
              { header: 'MAL', value: (p) => (p.malId === null ? '' : String(p.malId)), align: 'right' },
              { header: 'From', value: (p) => p.source, drop: 1 },
              { header: 'Stream', value: (p) => p.streamingService ?? '', flex: true, min: 6 },
              { header: 'Added', value: (p) => shortDate(p.addedAt) },
            ],
            outputWidth(),
          ),
        );
      }
      return 0;
    }
    if (sub === 'add') {
      const malId = planTarget(wh.db, args.query!, usage);
      const rec = animeRecords(wh.db, [malId]).get(malId);
      if (!rec) {
        throw new AnidexError(
          `anidex has no metadata for MyAnimeList id ${malId} yet, so it cannot name it.`,
          'Add titles that `anidex recommend` shows, or run `anidex enrich` first.',
        );
      }
      // A title you completed is rarely what a plan-to-watch list is for: say so, and let --force add a rewatch.
      const completed = libraryView(wh.db).find((r) => r.malId === malId && r.status === 'completed');
      if (completed && !values.force) {
        throw new AnidexError(
          `You have already completed ${displayTitle(rec.titles)}${completed.title === displayTitle(rec.titles) ? '' : ` (in your library as "${completed.title}")`}, so it was not added to your plan.`,
          `To plan a rewatch, add it anyway: anidex plan add ${malId} --force`,
        );
      }
      const added = await wh.write(
        (db) =>
          addPlanItems(
            db,
            [
              {
                title: displayTitle(rec.titles),
                malId,
                streamingService: rec.streaming[0]?.site ?? null,
                notes: values.notes ?? null,
                source: 'user',
                sourceKey: `mal:${malId}`,
              },
            ],
            new Date().toISOString(),
          ),
        { what: 'adding to the plan' },
      );
      if (json) {
        printJson({ malId, title: displayTitle(rec.titles), added: added > 0 });
        return 0;
      }
      const name = sanitizeText(
        shownTitle(
          displayTitle(rec.titles),
          { titleEnglish: rec.titles.english, titleRomaji: rec.titles.romaji },
          await titleLanguageFor(ctx),
        ),
      );
      print(added ? `Added ${name} to your plan.` : `${name} is already on your plan.`);
      return 0;
    }
    if (sub === 'remove') {
      const id = positiveInt(args.id, 'plan id', usage);
      const ok = await wh.write((db) => removePlanItem(db, id), { what: 'removing from the plan' });
      if (!ok) throw new AnidexError(`Your plan has no item ${id}.`, 'Run `anidex plan` to see the ids.');
      if (json) printJson({ removed: id });
      else print(`Removed item ${id}.`);
      return 0;
    }
    if (sub === 'move') {
      const id = positiveInt(args.id, 'plan id', usage);
      const prio = positiveInt(args.priority, 'priority', usage);
      const ok = await wh.write((db) => reprioritize(db, id, prio), { what: 'reordering the plan' });
      if (!ok) throw new AnidexError(`Your plan has no item ${id}.`, 'Run `anidex plan` to see the ids.');
      if (json) printJson({ id, priority: prio });
      else print(`Item ${id} is now priority ${prio}.`);
      return 0;
    }
    throw new Error(`plan: no handler for the subcommand "${sub}"`);
  } finally {
    wh.close();
  }
}
