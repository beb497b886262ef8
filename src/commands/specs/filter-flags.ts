/** The filter flags `library` and `recommend` share; only where their genres come from differs. */
import { LENGTH_CHOICES, MOOD_CHOICES, STATUS_CHOICES } from '../choices.ts';
import { defineFlags, type ValueSource } from '../spec.ts';

export function filterFlags<const G extends ValueSource>(genres: G, genresFrom: string) {
  return defineFlags({
    genre: {
      type: 'string',
      arg: 'genre',
      multiple: true,
      complete: genres,
      description: `only titles with this genre; every one given must be present. Case, spaces and hyphens do not matter (sci-fi is Sci-Fi); ${genresFrom}`,
    },
    'not-genre': {
      type: 'string',
      arg: 'genre',
      multiple: true,
      complete: genres,
      description: 'leave out titles with this genre',
    },
    mood: {
      type: 'string',
      arg: 'mood',
      multiple: true,
      choices: MOOD_CHOICES,
      description: 'only titles with this mood; every one given must be present',
    },
    'not-mood': {
      type: 'string',
      arg: 'mood',
      multiple: true,
      choices: MOOD_CHOICES,
      description: 'leave out titles with this mood',
    },
    length: {
      type: 'string',
      arg: 'length',
      multiple: true,
      choices: LENGTH_CHOICES,
      description: 'only titles of this length; any one given will do',
    },
  });
}

/** `library` only: a recommendation is an anime you have not listed, so it has no status. */
export const STATUS_FLAGS = defineFlags({
  status: {
    type: 'string',
    arg: 'status',
    multiple: true,
    choices: STATUS_CHOICES,
    description:
      'only titles with this status; any one given will do. Case, spaces and hyphens do not matter (On-Hold)',
  },
  'not-status': {
    type: 'string',
    arg: 'status',
    multiple: true,
    choices: STATUS_CHOICES,
    description: 'leave out titles with this status',
  },
});
