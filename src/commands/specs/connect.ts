import { ACCOUNT_CHOICES } from '../choices.ts';
import { defineCommand, defineFlags } from '../spec.ts';

export const CONNECT_FLAGS = defineFlags({
  'client-id': {
    type: 'string',
    arg: 'id',
    description: 'your own API client id (MyAnimeList: myanimelist.net/apiconfig; Trakt: trakt.tv/oauth/applications)',
  },
});

export const connectSpec = defineCommand({
  name: 'connect',
  summary: 'connect an account for `anidex sync`: an AniList or MyAnimeList user name, or a Trakt sign-in',
  description:
    'AniList needs only the user name of a public list. MyAnimeList needs the user name and the client id of your own API app. Trakt needs the client id of your own app and, at the terminal, its client secret (or ANIDEX_TRAKT_CLIENT_SECRET); it then shows a code and a URL and waits while you approve. User names and client ids go to settings.json; the Trakt secret and tokens to the state dir, readable by you alone. The connection is checked before anything is saved.',
  positionals: [
    {
      name: 'source',
      arg: '<source>',
      choices: ACCOUNT_CHOICES,
      description: 'the account to connect',
      missing: 'connect needs a source: anilist, mal or trakt.',
    },
    { name: 'user', arg: '<user>', takes: 'optional', description: 'the user name (AniList, MyAnimeList)' },
  ],
  flags: CONNECT_FLAGS,
  usesData: false,
  json: 'the account connected (never a secret), as JSON',
  examples: [
    'anidex connect anilist Mika',
    'anidex connect mal Mika --client-id 0123abcd',
    'anidex connect trakt --client-id 0123abcd',
  ],
  load: () => import('../connect.ts'),
});

export const disconnectSpec = defineCommand({
  name: 'disconnect',
  summary: 'forget an account: its settings, and for Trakt its secret and tokens (the warehouse keeps what it synced)',
  positionals: [
    {
      name: 'source',
      arg: '<source>',
      choices: ACCOUNT_CHOICES,
      description: 'the account to forget',
      missing: 'disconnect needs a source: anilist, mal or trakt.',
    },
  ],
  usesData: false,
  examples: ['anidex disconnect trakt'],
  load: () => import('../disconnect.ts'),
});
