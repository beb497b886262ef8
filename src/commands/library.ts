import { Warehouse } from '../warehouse/store.ts';
import { libraryRows, type LibraryRow } from '../warehouse/queries.ts';
import { findTitles } from '../domain/find-title.ts';
import { UsageError } from '../domain/errors.ts';
import { parseCommandArgs, type Command, type CommandContext } from './context.ts';
import { outputWidth, print, printJson, renderTable, shortDate, type Column } from './output.ts';

const USAGE = 'anidex library [--search <text>] [--json]';

const COLUMNS: ReadonlyArray<Column<LibraryRow>> = [
  { header: 'Title', value: (r) => r.title, flex: true, min: 16 },
  { header: 'Year', value: (r) => (r.year === null ? '' : String(r.year)), align: 'right' },
  { header: 'Kind', value: (r) => r.mediaType },
  { header: 'Rating', value: (r) => (r.userRating === null ? '' : String(r.userRating)), align: 'right' },
  {
    header: 'Episodes',
    value: (r) => (r.mediaType === 'movie' ? '' : `${r.episodesWatched ?? 0}${r.totalEpisodes ? `/${r.totalEpisodes}` : ''}`),
    align: 'right',
  },
  { header: 'Plays', value: (r) => String(r.totalPlays ?? 0), align: 'right' },
  { header: 'Last watched', value: (r) => shortDate(r.lastWatchedAt) },
];

export async function runLibrary(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('library', USAGE, args, {
    search: { type: 'string', short: 's' },
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError(`library takes no positional arguments (got "${positionals[0]}").`, `Usage: ${USAGE}`);
  const json = ctx.json || Boolean(values.json);
  const wh = await Warehouse.open(ctx.dataDir);
  try {
    let rows = libraryRows(wh.db);
    if (values.search !== undefined) rows = findTitles(rows, values.search);
    if (json) {
      printJson(rows);
      return 0;
    }
    if (rows.length === 0) {
      print(values.search !== undefined ? `No title matches "${values.search}".` : 'The library is empty. Import a Trakt export first: anidex import <export.zip>');
      return 0;
    }
    print(renderTable(rows, COLUMNS, outputWidth()));
    print(`\n${rows.length} title${rows.length === 1 ? '' : 's'}`);
    return 0;
  } finally {
    wh.close();
  }
}

export const libraryCommand: Command = { name: 'library', usage: USAGE, summary: 'your current titles, most recently watched first', run: runLibrary };
