import { defineCommand } from '../spec.ts';

export const removeSampleSpec = defineCommand({
  name: 'remove-sample',
  summary: 'take the bundled sample out of your own warehouse (an older `npm start` put it there); a snapshot first',
  description: "Your own imports' titles, versions and watchlist stay.",
  json: 'what was removed, as JSON',
  examples: ['anidex remove-sample'],
  load: () => import('../remove-sample.ts'),
});
