import { SYNC_CHOICES } from '../choices.ts';
import { defineCommand, defineFlags } from '../spec.ts';

export const SYNC_FLAGS = defineFlags({
  quiet: { type: 'boolean', short: 'q', description: 'print nothing unless something fails (for cron and timers)' },
  offline: { type: 'boolean', description: 'skip the enrichment after the sync (the sync itself needs the network)' },
  'as-of': {
    type: 'string',
    arg: 'ISO-8601',
    description:
      'when the pulled state was true (default: now); one account at a time, and never before data already loaded',
  },
  'allow-empty': {
    type: 'boolean',
    description:
      'accept a list that came back empty (otherwise refused: it would mark every title of the account deleted)',
  },
});

export const syncSpec = defineCommand({
  name: 'sync',
  summary: 'pull each connected account (AniList, MyAnimeList, Trakt) and load it like an import of the same state',
  description:
    'Each account is pulled whole before anything is written, then loaded in one all-or-nothing write, with a snapshot first when something changed; an unchanged account writes no version. Accounts are synced one after another: one failing leaves the others synced. Enrichment follows. Never asks anything, so it is safe in cron. Exit 0 when every account synced, 1 when one failed, 2 when none is connected.',
  positionals: [
    {
      name: 'source',
      arg: '<source>',
      takes: 'optional',
      choices: SYNC_CHOICES,
      description: 'which account (default: all connected)',
    },
  ],
  flags: SYNC_FLAGS,
  json: "what each account's sync did, and the enrichment after, as JSON",
  noDemo: {
    message: 'The demo warehouse holds only the bundled sample: sync your accounts into your own.',
    hint: 'Run the same command without --demo.',
  },
  examples: ['anidex sync', 'anidex sync anilist', 'anidex sync all --quiet'],
  load: () => import('../sync.ts'),
});
