import { defineCommand, defineFlags } from '../spec.ts';

/** Apart from the spec, so that the handler can type its values by them. */
export const IMPORT_FLAGS = defineFlags({
  'as-of': {
    type: 'string',
    arg: 'ISO-8601',
    description: 'when the export was true (default: now); a time before data already loaded is refused',
  },
  offline: {
    type: 'boolean',
    description:
      "fetch nothing: cached answers still apply (the sample's bundled answers serve only the demo), other titles stay pending",
  },
  strict: { type: 'boolean', description: 'a malformed record is fatal instead of skipped' },
  'allow-empty': {
    type: 'boolean',
    description: 'accept an export without a single usable play (Trakt) or entry (MyAnimeList)',
  },
});

export const importSpec = defineCommand({
  name: 'import',
  summary:
    'load a Trakt export (.zip or folder), a MyAnimeList list (.xml, .xml.gz) or a public AniList list (anilist:<user>), then enrich its titles',
  description:
    'An export is read as a full snapshot of the account: titles that changed get a new version, titles gone from it are marked deleted, and a snapshot of the warehouse is taken first. Offline, or with the network down, titles without metadata stay pending; on a terminal the import then offers to run `anidex enrich`.',
  positionals: [
    {
      name: 'path',
      arg: '<trakt-export.zip | folder | animelist.xml[.gz] | anilist:user>',
      description:
        'a Trakt export (the .zip or its unpacked folder), a MyAnimeList animelist (.xml or .xml.gz), or anilist:<user> for a public AniList list',
      complete: 'file',
      missing:
        'import needs exactly one path: the Trakt export .zip or its folder, or a MyAnimeList animelist .xml (.xml.gz).',
    },
  ],
  flags: IMPORT_FLAGS,
  json: 'what the import and the enrichment after it did, as JSON',
  noDemo: {
    message: 'The demo warehouse holds only the bundled sample: import your export into your own.',
    hint: 'Run the same command without --demo.',
  },
  examples: [
    'anidex import ~/Downloads/trakt-export.zip',
    'anidex import animelist_1734298612_-_16433979.xml.gz --offline',
    'anidex import data/sample/trakt-2026-05-01 --as-of 2026-05-01T12:00:00Z',
    'anidex import anilist:Mika',
  ],
  load: () => import('../import.ts'),
});
