import { Warehouse } from '../warehouse/store.ts';
import { libraryView, type LibraryEntry } from '../pipeline/library-view.ts';
import { findTitles } from '../domain/find-title.ts';
import { passesFilter, titleLength } from '../domain/filters.ts';
import { FILTER_OPTIONS, FILTER_USAGE, filterFromFlags } from './filters.ts';
import { UsageError } from '../domain/errors.ts';
import { parseCommandArgs, type Command, type CommandContext } from './context.ts';
import { outputWidth, print, printJson, renderTable, shortDate, type Column } from './output.ts';
import { sanitizeText } from '../domain/sanitize.ts';

const USAGE = `anidex library [--search <text>] ${FILTER_USAGE} [--unmatched] [--json]`;

const COLUMNS: ReadonlyArray<Column<LibraryEntry>> = [
  { header: 'Title', value: (r) => r.title, flex: true, min: 16 },
  { header: 'Year', value: (r) => (r.year === null ? '' : String(r.year)), align: 'right' },
  { header: 'Kind', value: (r) => r.mediaType },
  { header: 'Rating', value: (r) => (r.userRating === null ? '' : String(r.userRating)), align: 'right' },
  {
    header: 'Episodes',
    value: (r) => (r.mediaType === 'movie' ? '' : `${r.episodesWatched ?? 0}${r.totalEpisodes ? `/${r.totalEpisodes}` : ''}`),
    align: 'right',
  },
  { header: 'Length', value: (r) => titleLength(r) ?? '' },
  { header: 'Genres', value: (r) => (r.matchStatus === 'unmatched' ? '(not anime?)' : r.matchStatus === 'pending' ? '(pending)' : r.genres.slice(0, 3).join(', ')), flex: true, min: 12 },
  { header: 'Last watched', value: (r) => shortDate(r.lastWatchedAt) },
  { header: 'From', value: (r) => r.sources.join('+') },
];

export async function runLibrary(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('library', USAGE, args, {
    search: { type: 'string', short: 's' },
    ...FILTER_OPTIONS,
    unmatched: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError(`library takes no positional arguments (got "${positionals[0]}").`, `Usage: ${USAGE}`);
  const json = ctx.json || Boolean(values.json);
  const filter = filterFromFlags(values);
  const wh = await Warehouse.open(ctx.dataDir);
  try {
    let rows = libraryView(wh.db);
    if (values.unmatched) rows = rows.filter((r) => r.matchStatus === 'unmatched');
    rows = rows.filter((r) => passesFilter(r, filter));
    if (values.search !== undefined) rows = findTitles(rows, values.search);
    if (json) {
      printJson(rows.map((r) => ({ ...r, length: titleLength(r) })));
      return 0;
    }
    if (rows.length === 0) {
      const any = values.search !== undefined || values.genre || values['not-genre'] || values.mood || values['not-mood'] || values.length || values.unmatched;
      print(any ? 'No title matches these filters.' : 'The library is empty. Import a Trakt export first: anidex import <export.zip>');
      return 0;
    }
    if (values.unmatched) {
      // The reason is a sentence (what came closest, and by how much it fell short): whole, under its title.
      for (const r of rows) {
        print(`${sanitizeText(r.title)} (${r.year ?? '?'}, ${r.mediaType})${r.traktId === null ? '' : ` · Trakt ${r.traktId}`}`);
        print(`  ${sanitizeText(r.matchReason ?? 'no reason recorded')}`);
      }
    } else print(renderTable(rows, COLUMNS, outputWidth()));
    const pending = rows.filter((r) => r.matchStatus === 'pending').length;
    print(`\n${rows.length} title${rows.length === 1 ? '' : 's'}${pending ? ` (${pending} not looked up yet: run \`anidex enrich\`)` : ''}`);
    return 0;
  } finally {
    wh.close();
  }
}

export const libraryCommand: Command = { name: 'library', usage: USAGE, summary: 'your current titles with filters, most recently watched first', run: runLibrary };
