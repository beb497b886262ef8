import { defineCommand, defineFlags } from '../spec.ts';
import { STATUS_FLAGS, filterFlags } from './filter-flags.ts';

/** Apart from the spec, so that the handler can type its values by them. */
export const LIBRARY_FLAGS = defineFlags({
  search: {
    type: 'string',
    arg: 'text',
    short: 's',
    description:
      "titles one of whose names (your export's title, or the anime's English, romaji or native title or a synonym) holds every word; case, accents, punctuation and full-width forms do not matter; a name equal to the search comes first",
  },
  ...filterFlags('library-genre', "the genres are those of your library's titles, as enrichment fetched them"),
  ...STATUS_FLAGS,
  unmatched: { type: 'boolean', description: 'the titles that matched no anime, each with the reason' },
  deleted: {
    type: 'boolean',
    description: "the titles gone from their source's latest export (kept in history: `anidex history <key>`)",
  },
});

export const librarySpec = defineCommand({
  name: 'library',
  summary: 'your current titles with filters, most recently watched first',
  description:
    'Unknown genres, moods, lengths and statuses are usage errors that list the known ones. Before any title has anime metadata, every --genre is refused with `anidex enrich` as the way out, since none could match.',
  flags: LIBRARY_FLAGS,
  json: 'the titles as a JSON array, each with its names, genres, moods, length and status',
  examples: [
    'anidex library --search frieren',
    'anidex library --genre "slice of life" --length short',
    'anidex library --status dropped',
    'anidex library --mood cozy --not-status completed',
    'anidex library --unmatched',
  ],
  load: () => import('../library.ts'),
});
