import { withWarehouse } from '../app/open-warehouse.ts';
import type { LibraryEntry } from '../app/library-view.ts';
import { deletedTitles, libraryListing, type DeletedTitle } from '../app/library-listing.ts';
import { titleLength } from '../domain/filters.ts';
import { isPending } from '../domain/pending.ts';
import { sourceOf } from '../domain/library-merge.ts';
import { checkGenres, filterFromFlags } from './filters.ts';
import { UsageError } from '../lib/errors.ts';
import { withShownTitles } from '../domain/title-language.ts';
import { titleLanguageFor } from './title-language.ts';
import type { CommandContext } from './context.ts';
import type { Parsed } from './spec.ts';
import type { LIBRARY_FLAGS } from './specs/library.ts';
import { outputWidth, print, printJson, renderTable, shortDate, type Column } from './output.ts';
import { sanitizeText } from '../lib/sanitize.ts';

// On a narrow terminal Kind (Length says "movie"), From and then Last watched go, so titles keep room.
const COLUMNS: ReadonlyArray<Column<LibraryEntry>> = [
  { header: 'Title', value: (r) => r.title, flex: 2, min: 16 },
  { header: 'Year', value: (r) => (r.year === null ? '' : String(r.year)), align: 'right' },
  { header: 'Kind', value: (r) => r.mediaType, drop: 1 },
  { header: 'Rating', value: (r) => (r.userRating === null ? '' : String(r.userRating)), align: 'right' },
  {
    header: 'Episodes',
    value: (r) =>
      r.mediaType === 'movie' ? '' : `${r.episodesWatched ?? 0}${r.totalEpisodes ? `/${r.totalEpisodes}` : ''}`,
    align: 'right',
  },
  { header: 'Status', value: (r) => r.status },
  { header: 'Length', value: (r) => titleLength(r) ?? '' },
  {
    header: 'Genres',
    value: (r) =>
      r.matchStatus === 'unmatched' ? '(not anime?)' : isPending(r) ? '(pending)' : r.genres.slice(0, 3).join(', '),
    flex: true,
    min: 12,
  },
  { header: 'Last watched', value: (r) => shortDate(r.lastWatchedAt), drop: 3 },
  { header: 'From', value: (r) => r.sources.join('+'), drop: 2 },
];

const DELETED_COLUMNS: ReadonlyArray<Column<DeletedTitle>> = [
  { header: 'Title', value: (r) => r.title, flex: true, min: 16 },
  { header: 'Year', value: (r) => (r.year === null ? '' : String(r.year)), align: 'right' },
  { header: 'Kind', value: (r) => r.mediaType },
  { header: 'From', value: (r) => sourceOf(r.titleKey) },
  { header: 'Gone since', value: (r) => shortDate(r.goneSince) },
  { header: 'Key', value: (r) => r.titleKey },
];

/** `library --deleted`: every title gone from its source's latest export (their history stays: `anidex history`). */
function printDeleted(rows: DeletedTitle[], json: boolean): number {
  if (json) printJson(rows);
  else if (rows.length === 0) print("No title is marked deleted: every title is in its source's latest export.");
  else {
    print(renderTable(rows, DELETED_COLUMNS, outputWidth()));
    print(
      `\n${rows.length} title${rows.length === 1 ? '' : 's'} gone from the latest export, kept in history (\`anidex history <key>\` shows one).`,
    );
  }
  return 0;
}

export async function run({ values, usage }: Parsed<typeof LIBRARY_FLAGS>, ctx: CommandContext): Promise<number> {
  if (values.deleted && values.unmatched)
    throw new UsageError('--deleted and --unmatched list different titles; give one of them.', `Usage: ${usage}`);
  const json = ctx.json;
  const flagged = filterFromFlags(values);
  return withWarehouse(ctx.dataDir, async (wh) => {
    if (values.deleted) return printDeleted(deletedTitles(wh.db), json);
    const library = libraryListing(wh.db);
    const filter = checkGenres(flagged, library.genres, 'library');
    const rows = library.titles(filter, { unmatched: values.unmatched, search: values.search });
    if (json) {
      printJson(rows.map((r) => ({ ...r, length: titleLength(r) })));
      return 0;
    }
    if (rows.length === 0) {
      const any =
        values.search !== undefined ||
        values.genre ||
        values['not-genre'] ||
        values.mood ||
        values['not-mood'] ||
        values.length ||
        values.status ||
        values['not-status'] ||
        values.unmatched;
      print(
        any
          ? 'No title matches these filters.'
          : 'The library is empty. Import a Trakt export or a MyAnimeList list first: anidex import <path>',
      );
      return 0;
    }
    if (values.unmatched) {
      // The reason is a sentence (what came closest, and by how much it fell short): whole, under its title.
      for (const r of withShownTitles(rows, await titleLanguageFor(ctx))) {
        print(
          `${sanitizeText(r.title)} (${r.year ?? '?'}, ${r.mediaType})${r.traktId === null ? '' : ` · Trakt ${r.traktId}`}`,
        );
        print(`  ${sanitizeText(r.matchReason ?? 'no reason recorded')}`);
      }
    } else print(renderTable(withShownTitles(rows, await titleLanguageFor(ctx)), COLUMNS, outputWidth()));
    const pending = rows.filter(isPending).length;
    print(
      `\n${rows.length} title${rows.length === 1 ? '' : 's'}${pending ? ` (${pending} without anime metadata yet: run \`anidex enrich\`)` : ''}`,
    );
    if (filter.statuses?.includes('plan_to_watch'))
      print(
        'plan_to_watch lists your MyAnimeList Plan to Watch entries; `anidex plan` is your whole plan-to-watch list.',
      );
    return 0;
  });
}
