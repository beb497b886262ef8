import { withWarehouse, type Warehouse } from '../app/open-warehouse.ts';
import { addAnimeToPlan, movePlanItem, planList, removeFromPlan } from '../app/plan-to-watch.ts';
import { lookUpAnime } from '../app/title-lookup.ts';
import { sanitizeText } from '../lib/sanitize.ts';
import { shownTitle } from '../domain/title-language.ts';
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
 * the anime anidex has metadata for (app/title-lookup). Several matches are listed with their ids.
 */
function planTarget(wh: Warehouse, query: string, usage: string): number {
  if (/^\d+$/.test(query.trim())) return positiveInt(query.trim(), 'MAL id', usage);
  const found = lookUpAnime(wh.db, query);
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
  return withWarehouse(ctx.dataDir, async (wh) => {
    if (sub === 'list') {
      const items = planList(wh.db);
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
      const malId = planTarget(wh, args.query!, usage);
      const r = await addAnimeToPlan(wh, malId, { notes: values.notes, force: values.force });
      if (r.outcome === 'no-metadata') {
        throw new AnidexError(
          `anidex has no metadata for MyAnimeList id ${malId} yet, so it cannot name it.`,
          'Add titles that `anidex recommend` shows, or run `anidex enrich` first.',
        );
      }
      // A title you completed is rarely what a plan-to-watch list is for: say so, and let --force add a rewatch.
      if (r.outcome === 'completed') {
        throw new AnidexError(
          `You have already completed ${r.title}${r.libraryTitle === r.title ? '' : ` (in your library as "${r.libraryTitle}")`}, so it was not added to your plan.`,
          `To plan a rewatch, add it anyway: anidex plan add ${malId} --force`,
        );
      }
      if (json) {
        printJson({ malId, title: r.title, added: r.outcome === 'added' });
        return 0;
      }
      const name = sanitizeText(shownTitle(r.title, r.names, await titleLanguageFor(ctx)));
      print(r.outcome === 'added' ? `Added ${name} to your plan.` : `${name} is already on your plan.`);
      return 0;
    }
    if (sub === 'remove') {
      const id = positiveInt(args.id, 'plan id', usage);
      const ok = await removeFromPlan(wh, id);
      if (!ok) throw new AnidexError(`Your plan has no item ${id}.`, 'Run `anidex plan` to see the ids.');
      if (json) printJson({ removed: id });
      else print(`Removed item ${id}.`);
      return 0;
    }
    if (sub === 'move') {
      const id = positiveInt(args.id, 'plan id', usage);
      const prio = positiveInt(args.priority, 'priority', usage);
      const ok = await movePlanItem(wh, id, prio);
      if (!ok) throw new AnidexError(`Your plan has no item ${id}.`, 'Run `anidex plan` to see the ids.');
      if (json) printJson({ id, priority: prio });
      else print(`Item ${id} is now priority ${prio}.`);
      return 0;
    }
    throw new Error(`plan: no handler for the subcommand "${sub}"`);
  });
}
