import { defineCommand } from '../spec.ts';

export const snapshotSpec = defineCommand({
  name: 'snapshot',
  summary: 'list the copies taken before each import that changes something, or restore one',
  subcommands: [
    { name: 'list', summary: 'the snapshots, newest first', json: 'the snapshots as a JSON array' },
    {
      name: 'restore',
      summary: 'put a snapshot back; the state you had is snapshotted first, so a restore can be undone',
      positionals: [
        {
          name: 'id',
          arg: '<id>',
          description: 'the id `anidex snapshot list` shows, or a start of it that only one id has',
        },
      ],
      json: 'the snapshot restored and the one taken before, as JSON',
    },
  ],
  examples: ['anidex snapshot list', 'anidex snapshot restore 20260815T120000000Z-import'],
  load: () => import('../snapshot.ts'),
});
