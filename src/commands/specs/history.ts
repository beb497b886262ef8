import { defineCommand } from '../spec.ts';

export const historySpec = defineCommand({
  name: 'history',
  summary: 'every version of one title, newest first, and what changed between them',
  positionals: [
    {
      name: 'title',
      arg: '<title | trakt id | title key>',
      takes: 'words',
      description:
        'the title in any of its names (an exact title first, then an exact other name, then a name holding every word), a Trakt id, or a title key such as mal:5114',
      missing: 'history needs a title or a Trakt id.',
    },
  ],
  json: 'the title and every version of it, per source, as JSON',
  examples: [
    'anidex history "Frieren: Beyond Journey\'s End"',
    'anidex history shingeki no kyojin',
    'anidex history mal:5114',
  ],
  load: () => import('../history.ts'),
});
