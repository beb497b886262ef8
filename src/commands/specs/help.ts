import { defineCommand } from '../spec.ts';

export const helpSpec = defineCommand({
  name: 'help',
  summary: 'this list, or every flag of one command (the same as `anidex <command> --help`)',
  positionals: [
    {
      name: 'command',
      arg: '<command>',
      takes: 'optional',
      complete: 'command',
      description: 'the command to explain',
    },
    { name: 'sub', arg: '<subcommand>', takes: 'optional', description: 'one of its subcommands' },
  ],
  usesData: false,
  examples: ['anidex help', 'anidex help recommend'],
  load: () => import('../help-command.ts'),
});
