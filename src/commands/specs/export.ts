import { FORMAT_CHOICES } from '../choices.ts';
import { defineCommand, defineFlags } from '../spec.ts';

/** Apart from the spec, so that the handler can type its values by them. */
export const EXPORT_FLAGS = defineFlags({
  format: {
    type: 'string',
    arg: 'format',
    short: 'f',
    required: true,
    choices: FORMAT_CHOICES,
    description: 'what to write',
  },
  out: {
    type: 'string',
    arg: 'file',
    short: 'o',
    complete: 'file',
    description: 'the file to write (default: stdout)',
  },
});

export const exportSpec = defineCommand({
  name: 'export',
  summary: 'write your library out: MyAnimeList XML (for MyAnimeList or AniList), CSV or JSON',
  description:
    'The file goes to --out (replaced atomically, never half-written) or to stdout, and then every message goes to stderr. Titles MyAnimeList cannot take (no MyAnimeList id) are listed; all of them with --out <file> --json.',
  flags: EXPORT_FLAGS,
  json: 'with --out: what was written and what was left out, as JSON',
  examples: [
    'anidex export --format mal-xml --out animelist.xml',
    'anidex export --format csv > library.csv',
    'anidex export -f json -o library.json --json',
  ],
  load: () => import('../export.ts'),
});
