import { defineCommand, defineFlags } from '../spec.ts';

/** Apart from the spec, so that the handler can type its values by them. */
export const PLAN_ADD_FLAGS = defineFlags({
  notes: { type: 'string', arg: 'text', description: 'a note kept with the item' },
  force: { type: 'boolean', description: 'add it even though you completed it (a rewatch)' },
});

export const planSpec = defineCommand({
  name: 'plan',
  summary: 'your plan-to-watch list: list, add, remove, reorder',
  subcommands: [
    { name: 'list', summary: 'the list, highest priority first', json: 'the plan items as a JSON array' },
    {
      name: 'add',
      summary:
        'add an anime by its MyAnimeList id (a number is always one) or a title in any of its names, among the anime anidex has metadata for (your matched titles and the candidates `recommend` fetched); when several match they are listed with their ids. A title your library has as completed is refused (exit 1) unless --force',
      positionals: [
        {
          name: 'query',
          arg: '<mal id | title>',
          takes: 'words',
          description: 'a MyAnimeList id, or a title in any of its names',
        },
      ],
      flags: PLAN_ADD_FLAGS,
      json: 'the item added (or found already there), as JSON',
    },
    {
      name: 'remove',
      summary: 'take an item off the list',
      positionals: [{ name: 'id', arg: '<id>', description: "the item's id, as `anidex plan` shows it" }],
      json: 'the id removed, as JSON',
    },
    {
      name: 'move',
      summary: 'give an item a new priority',
      positionals: [
        { name: 'id', arg: '<id>', description: "the item's id, as `anidex plan` shows it" },
        { name: 'priority', arg: '<priority>', description: '1 is the highest' },
      ],
      json: 'the id and its new priority, as JSON',
    },
  ],
  defaultSubcommand: 'list',
  examples: [
    'anidex plan',
    'anidex plan add 5114',
    'anidex plan add whisper of the heart --notes "rainy day"',
    'anidex plan move 3 1',
    'anidex plan remove 3',
  ],
  load: () => import('../plan.ts'),
});
