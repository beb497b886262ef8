import { defineCommand, defineFlags } from '../spec.ts';

/** Apart from the spec, so that the handler can type its values by them. */
export const STATS_FLAGS = defineFlags({
  months: {
    type: 'integer',
    arg: 'n',
    min: 1,
    default: 24,
    description: 'how many months of plays per month to chart (a Trakt history)',
  },
});

export const statsSpec = defineCommand({
  name: 'stats',
  summary: 'how you watch: titles, episodes, hours, statuses, genres, studios, scores; plays and binges from Trakt',
  description:
    'Titles, episodes, hours, statuses, titles and hours per year, top genres and studios, and your ratings beside community scores; from a Trakt history also plays per month and the binge rate per year.',
  flags: STATS_FLAGS,
  json: 'every figure, as JSON',
  examples: ['anidex stats', 'anidex stats --months 12', 'COLUMNS=80 anidex stats | less'],
  load: () => import('../stats.ts'),
});
