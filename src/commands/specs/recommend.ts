import { ENGINE_CHOICES } from '../choices.ts';
import { defineCommand, defineFlags } from '../spec.ts';
import { filterFlags } from './filter-flags.ts';

/** Apart from the spec, so that the handler can type its values by them. */
export const RECOMMEND_FLAGS = defineFlags({
  ...filterFlags(
    'known-genre',
    "the genres are every genre of the warehouse's anime metadata (your titles' and the candidates')",
  ),
  engine: {
    type: 'string',
    arg: 'engine',
    choices: ENGINE_CHOICES,
    description: 'which engine ranks the candidates (default: gemini when GEMINI_API_KEY is set, else local)',
  },
  count: { type: 'integer', arg: 'n', min: 1, max: 50, default: 10, description: 'how many to recommend' },
  'popularity-floor': {
    type: 'integer',
    arg: 'n',
    min: 0,
    description:
      'how many people must list an anime for it to be a candidate (default $ANIDEX_POPULARITY_FLOOR, else 1000)',
  },
  'dry-run': {
    type: 'boolean',
    description: 'print exactly what the Gemini engine would send, and send nothing (no key needed)',
  },
  add: {
    type: 'string',
    arg: 'numbers',
    description: 'put these results on your plan-to-watch list, by their numbers: --add 1,3',
  },
  offline: { type: 'boolean', description: 'send nothing: the local engine, with the metadata already here' },
});

export const recommendSpec = defineCommand({
  name: 'recommend',
  summary: 'what to watch next, with reasons from your own history',
  description:
    'Each recommendation comes with a confidence, a reason naming your own titles, and where it streams. What you dropped keeps its sequels out of the pool; titles you have listed, and sequels of shows you have not started, are left out too.',
  flags: RECOMMEND_FLAGS,
  absentFlags: {
    status: {
      message: 'recommend has no --status: recommendations are anime you have not listed yet, so they have no status.',
      hint: 'Filter them by --genre, --mood or --length; what you dropped already keeps its sequels out.',
    },
    'not-status': {
      message:
        'recommend has no --not-status: recommendations are anime you have not listed yet, so they have no status.',
      hint: 'Filter them by --genre, --mood or --length; what you dropped already keeps its sequels out.',
    },
  },
  json: 'the recommendations, the pool and what was left out of it, as JSON',
  examples: [
    'anidex recommend --mood cozy --length short',
    'anidex recommend --engine local --count 5 --add 1,3',
    'anidex recommend --genre drama --not-mood dark --dry-run',
  ],
  load: () => import('../recommend.ts'),
});
