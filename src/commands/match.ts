import { geminiUsageFile } from '../lib/config.ts';
import { withWarehouse } from '../app/open-warehouse.ts';
import { matchByHand, titlesToMatchByHand } from '../app/manual-match.ts';
import { AnidexError, UsageError } from '../lib/errors.ts';
import { sanitizeText } from '../lib/sanitize.ts';
import type { CommandContext } from './context.ts';
import type { Parsed } from './spec.ts';
import type { MATCH_FLAGS } from './specs/match.ts';
import { print, printJson } from './output.ts';
import { runEnrichment } from './enrich-run.ts';
import { describeEnrichment } from '../app/run-summary.ts';
import { shownTitle } from '../domain/title-language.ts';
import { titleLanguageFor } from './title-language.ts';

export async function run({ values, args, usage }: Parsed<typeof MATCH_FLAGS>, ctx: CommandContext): Promise<number> {
  const json = ctx.json;
  const target = args.malId!;
  const query = args.title!;
  const malId = target.toLowerCase() === 'none' ? null : Number(target);
  if (malId !== null && !(Number.isInteger(malId) && malId > 0)) {
    throw new UsageError(
      `"${target}" is not a MyAnimeList id (a positive whole number, as in myanimelist.net/anime/5114) or "none".`,
      `Usage: ${usage}`,
    );
  }
  return withWarehouse(ctx.dataDir, async (wh) => {
    const found = titlesToMatchByHand(wh.db, query);
    const lang = json ? 'exported' : await titleLanguageFor(ctx);
    const name = (t: (typeof found)[number]): string => sanitizeText(shownTitle(t.title, t, lang));
    if (found.length !== 1) {
      throw new AnidexError(
        found.length === 0
          ? `No current title matches "${sanitizeText(query)}".`
          : `"${sanitizeText(query)}" matches ${found.length} titles: ${found
              .slice(0, 6)
              .map((t) => `${name(t)} (${t.year ?? '?'}, trakt ${t.traktId ?? t.titleKey})`)
              .join('; ')}.`,
        'Give the exact title or its Trakt id (see `anidex library --search <words>`).',
      );
    }
    const t = found[0]!;
    await matchByHand(wh, t.titleKey, malId);
    const r =
      malId === null
        ? null
        : await runEnrichment(wh, {
            offline: values.offline,
            only: new Set([t.titleKey]),
            quiet: json,
            usageFile: geminiUsageFile(ctx.dirs),
            cacheDir: ctx.dirs.cache,
          });
    if (json) printJson({ titleKey: t.titleKey, title: t.title, malId, enrichment: r });
    else {
      // The exported title: the names of the anime it was matched to before may be the very mistake being corrected.
      print(
        malId === null
          ? `${sanitizeText(t.title)} is now marked as not anime.`
          : `${sanitizeText(t.title)} is now MyAnimeList ${malId}; re-imports keep this.`,
      );
      if (r) for (const l of describeEnrichment(r).slice(0, 1)) print(l);
    }
    return 0;
  });
}
