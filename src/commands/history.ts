import { withWarehouse } from '../app/open-warehouse.ts';
import { titleView } from '../app/title-view.ts';
import { sourceOf } from '../domain/library-merge.ts';
import { lookUpTitles, oneAnimeTwoSources } from '../app/title-lookup.ts';
import { AnidexError } from '../lib/errors.ts';
import { describeChange, versionSummary } from '../app/version-text.ts';
import { sanitizeText } from '../lib/sanitize.ts';
import type { CommandContext } from './context.ts';
import type { Parsed } from './spec.ts';
import { print, printJson, shortDate, shortTime } from './output.ts';
import { shownTitle } from '../domain/title-language.ts';
import { titleLanguageFor } from './title-language.ts';

export async function run({ args }: Parsed, ctx: CommandContext): Promise<number> {
  const json = ctx.json;
  const query = args.title!;
  return withWarehouse(ctx.dataDir, async (wh) => {
    const found = lookUpTitles(wh.db, query);
    const lang = json ? 'exported' : await titleLanguageFor(ctx);
    const name = (t: (typeof found)[number]): string => sanitizeText(shownTitle(t.title, t, lang));
    if (found.length === 0) {
      throw new AnidexError(
        `No title in the warehouse matches "${sanitizeText(query)}".`,
        'Run `anidex library --search <words>` to find the exact title.',
      );
    }
    // A Trakt title and its MyAnimeList entry are one title: show both histories.
    const pair = found.length === 2 && oneAnimeTwoSources(wh.db, found[0]!, found[1]!);
    if (found.length > 1 && !pair) {
      const list = found.slice(0, 8).map((t) => `${name(t)} (${t.year ?? '?'}, ${t.mediaType}) = ${t.titleKey}`);
      throw new AnidexError(
        `"${sanitizeText(query)}" matches ${found.length} titles: ${list.join('; ')}${found.length > 8 ? '; …' : ''}.`,
        `Give the exact title, or the title key shown after "=" (e.g. anidex history ${found[0]!.titleKey}).`,
      );
    }
    const t = found.find((x) => sourceOf(x.titleKey) === 'trakt') ?? found[0]!;
    const { sources, match, seasons } = titleView(wh.db, t.titleKey);
    const withChanges = (vs: (typeof sources)[number]['versions']) =>
      vs.map((v, i) => ({ ...v, changed: describeChange(vs[i + 1], v) }));
    if (json) {
      printJson({
        ...t,
        match,
        seasons,
        versions: withChanges(sources[0]!.versions),
        sources: sources.map((x) => ({ source: x.source, titleKey: x.titleKey, versions: withChanges(x.versions) })),
      });
      return 0;
    }
    print(`${name(t)} (${t.year ?? 'year unknown'}, ${t.mediaType}) — ${sources.map((x) => x.titleKey).join(' + ')}`);
    if (match) print(`Why: ${sanitizeText(match.reason)}`);
    if (seasons.length) {
      // A Trakt show spans what MyAnimeList splits into several entries: what was watched of each.
      print('MyAnimeList entries of this show (from the id mapping), episodes watched:');
      const w = Math.max(...seasons.map((x) => x.label.length));
      for (const x of seasons) {
        const when = x.firstWatchedAt ? `  ${shortDate(x.firstWatchedAt)} → ${shortDate(x.lastWatchedAt)}` : '';
        print(
          `  ${x.label.padEnd(w)} ${`${x.episodesWatched}/${x.episodes ?? '?'}`.padStart(7)}  MAL ${x.malId}  ${sanitizeText(x.title ?? '(no metadata)')}${when}`,
        );
      }
    }
    for (const { source, versions } of sources) {
      const from =
        sources.length > 1 ? `${source === 'mal' ? 'MyAnimeList' : source === 'anilist' ? 'AniList' : 'Trakt'}: ` : '';
      print(
        `${from}${versions.length} version${versions.length === 1 ? '' : 's'}, newest first (times are when anidex learned it):`,
      );
      versions.forEach((v, i) => {
        const state = v.isDeleted ? 'deleted' : v.isCurrent ? 'current' : '';
        print(
          `  v${versions.length - i}  ${shortTime(v.validFrom)} → ${v.validTo ? shortTime(v.validTo) : 'now'}${state ? `  [${state}]` : ''}`,
        );
        print(`      ${versionSummary(v)}`);
        print(`      ${describeChange(versions[i + 1], v)}`);
      });
    }
    return 0;
  });
}
