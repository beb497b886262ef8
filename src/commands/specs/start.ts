import { defineCommand } from '../spec.ts';

export const startSpec = defineCommand({
  name: 'start',
  summary: 'what `npm start` runs: your warehouse, or the demo while yours is empty; the TUI on a terminal',
  description: 'Not on a terminal (or with --json) it prints the library and the stats instead of opening the TUI.',
  json: 'the library and the stats, as JSON',
  examples: ['anidex start', 'anidex start --json'],
  load: () => import('../start.ts'),
});
