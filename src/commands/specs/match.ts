import { defineCommand, defineFlags } from '../spec.ts';

const MISSING = 'match needs a title (or Trakt id) and a MyAnimeList id (or "none").';

/** Apart from the spec, so that the handler can type its values by them. */
export const MATCH_FLAGS = defineFlags({
  offline: { type: 'boolean', description: "do not fetch the anime's metadata now" },
});

export const matchSpec = defineCommand({
  name: 'match',
  summary: 'set (or clear) the MyAnimeList id of a title by hand; re-imports keep it',
  description:
    'A title matched by hand survives re-imports and is never searched again. Only Trakt titles need it: MyAnimeList entries name their own id.',
  positionals: [
    {
      name: 'title',
      arg: '<title | trakt id>',
      takes: 'words',
      description: 'the title in any of its names, or its Trakt id',
      missing: MISSING,
    },
    {
      name: 'malId',
      arg: '<mal id | none>',
      description: 'the number in myanimelist.net/anime/<id>, or none: not anime',
      missing: MISSING,
    },
  ],
  flags: MATCH_FLAGS,
  json: 'the title, its new id and the enrichment that followed, as JSON',
  examples: ['anidex match "Mushishi" 457', 'anidex match "Breaking Bad" none'],
  load: () => import('../match.ts'),
});
