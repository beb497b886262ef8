import { withWarehouse } from '../app/open-warehouse.ts';
import { geminiKeySet, recommender } from '../app/recommender.ts';
import { addRecommendationsToPlan } from '../app/plan-to-watch.ts';
import type { GeminiRecommendResult } from '../app/recommend.ts';
import { UsageError } from '../lib/errors.ts';
import { sanitizeText } from '../lib/sanitize.ts';
import type { CommandContext } from './context.ts';
import { checkGenres, filterFromFlags } from './filters.ts';
import type { Parsed } from './spec.ts';
import type { RECOMMEND_FLAGS } from './specs/recommend.ts';
import { outputWidth, print, printJson, renderTable } from './output.ts';
import { titleLanguageFor } from './title-language.ts';

export async function run({ values, usage }: Parsed<typeof RECOMMEND_FLAGS>, ctx: CommandContext): Promise<number> {
  const json = ctx.json;
  const gemini = geminiKeySet();
  // Gemini when a key is set, else the local engine; --dry-run shows Gemini's request, which needs no key.
  // --offline means nothing leaves the machine: the local engine, unless only a dry run is asked for.
  const engine = values.engine ?? (values['dry-run'] || (gemini && !values.offline) ? 'gemini' : 'local');
  if (engine === 'gemini' && values.offline && !values['dry-run']) {
    throw new UsageError(
      '--offline sends nothing, and the Gemini engine has to ask Gemini.',
      'Drop --offline, or use --engine local.',
    );
  }
  if (values['dry-run'] && engine !== 'gemini')
    throw new UsageError(
      '--dry-run shows what the Gemini engine would send; the local engine sends nothing.',
      `Usage: ${usage}`,
    );
  if (engine === 'gemini' && !gemini && !values['dry-run']) {
    throw new UsageError(
      'The Gemini engine needs GEMINI_API_KEY.',
      'Set GEMINI_API_KEY (a key from Google AI Studio), or use --engine local, which needs no key.',
    );
  }
  const count = values.count ?? 10;
  const filter = filterFromFlags(values);
  const floorText = process.env.ANIDEX_POPULARITY_FLOOR;
  const popularityFloor =
    values['popularity-floor'] ?? (floorText === undefined || floorText === '' ? undefined : Number(floorText));
  if (popularityFloor !== undefined && !(Number.isInteger(popularityFloor) && popularityFloor >= 0)) {
    throw new UsageError(
      `ANIDEX_POPULARITY_FLOOR "${floorText}" is not a whole number of 0 or more.`,
      'It is how many people must list a title (default 1000); fix or unset it, or give --popularity-floor.',
    );
  }
  const picks = values.add === undefined ? [] : values.add.split(',').map((x) => Number(x.trim()));
  if (picks.some((n) => !Number.isInteger(n) || n < 1 || n > count))
    throw new UsageError(
      `--add "${values.add}" must list result numbers between 1 and ${count}, e.g. --add 1,3.`,
      `Usage: ${usage}`,
    );

  return withWarehouse(ctx.dataDir, async (wh) => {
    const rec = recommender(wh, ctx.dirs);
    // Genres are known only once the warehouse is open: those of its anime metadata.
    const recOpts = {
      offline: values.offline,
      filter: checkGenres(filter, rec.genres(), 'metadata'),
      count,
      popularityFloor,
      titleLanguage: await titleLanguageFor(ctx),
    };
    if (values['dry-run']) {
      const req = await rec.geminiRequest(recOpts);
      if (json) printJson(req);
      else
        print(
          `System instruction:\n${req.system}\n\nPrompt:\n${req.prompt}\n\nResponse schema:\n${JSON.stringify(req.schema, null, 2)}`,
        );
      return 0;
    }
    const r = engine === 'gemini' ? await rec.gemini(recOpts) : await rec.local(recOpts);
    let added = 0;
    if (picks.length) {
      const chosen = picks.map((n) => r.items[n - 1]).filter((x) => x !== undefined);
      added = await addRecommendationsToPlan(wh, chosen, r.engine);
    }
    if (json) {
      printJson({ ...r, addedToPlan: added });
      return 0;
    }
    if (r.historySize === 0) {
      print(
        'Nothing to recommend from yet: your history has no anime matched to MyAnimeList. Import a Trakt export or a MyAnimeList list (anidex import <path>); unmatched titles: anidex library --unmatched.',
      );
    } else if (r.items.length === 0) {
      print(
        `No recommendation fits these filters (${r.poolSize} candidates after filtering, from ${r.sources} of your titles).`,
      );
    } else {
      print(
        renderTable(
          r.items,
          [
            { header: '#', value: (x) => String(x.priority), align: 'right' },
            { header: 'Title', value: (x) => `${x.title}${x.year ? ` (${x.year})` : ''}`, flex: 2, min: 18 },
            { header: 'MAL', value: (x) => String(x.malId), align: 'right', drop: 1 },
            { header: 'Length', value: (x) => x.length ?? '' },
            { header: 'Conf', value: (x) => x.confidence.toFixed(2), align: 'right' },
            { header: 'Stream', value: (x) => x.streaming ?? '', flex: true, min: 6 },
          ],
          outputWidth(),
        ),
      );
      print('');
      for (const x of r.items)
        print(
          `${String(x.priority).padStart(2)}. ${sanitizeText(x.title)}: ${sanitizeText(x.reason)}; ${x.moods.join(', ') || 'no mood'} · ${x.genres.slice(0, 3).join(', ')}`,
        );
    }
    if (r.historySize === 0) return 0;
    const d = r.drops;
    if ('model' in r) {
      const g = r as GeminiRecommendResult;
      const x = g.dropped;
      print(
        `\nGemini (${g.model}) ranked ${g.items.length} of the candidates; dropped ${x.invented} invented, ${x.alreadyWatched} already watched, ${x.outsideFilters} outside the filters, ${x.notSent} not among the candidates sent, ${x.malformed + x.duplicates} malformed or repeated. Requests today: ${g.requestsToday}, ${g.remainingToday} left.`,
      );
    }
    if (r.coldStart && r.items.length)
      print(
        '\nCold start: you have rated too few titles for anidex to know your taste, so these lean on what is well liked and popular. Rate what you watch (on Trakt or MyAnimeList) and import again.',
      );
    print(
      `\n${r.engine === 'gemini' ? 'Pool' : 'Local engine'}: ${r.poolSize} candidates from ${r.sources} of your titles; left out ${d.alreadySeen} already seen, ${d.onPlan} on your plan, ${d.unstartedSequel} sequels of unstarted shows, ${d.droppedFranchise} sequels of dropped shows, ${d.belowPopularity} obscure, ${d.filteredOut} outside the filters${r.missingMetadata ? `, ${r.missingMetadata} without metadata` : ''}.`,
    );
    if (r.stoppedBecause) print(`Some candidate metadata could not be fetched: ${sanitizeText(r.stoppedBecause)}`);
    if (added) print(`Added ${added} to your plan-to-watch list (anidex plan).`);
    else if (r.items.length)
      print('Add some to your plan: anidex recommend … --add 1,3   or   anidex plan add <mal id | title>');
    return 0;
  });
}
