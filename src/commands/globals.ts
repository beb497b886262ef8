/** The flags every command takes, anywhere on the line: parsed once (parse.ts), passed on in the context. */
import { TITLE_LANGUAGE_CHOICES } from './choices.ts';
import { defineFlags } from './spec.ts';

export const GLOBAL_FLAGS = defineFlags({
  'data-dir': {
    type: 'string',
    arg: 'dir',
    complete: 'dir',
    description:
      'where your warehouse lives (else $ANIDEX_DATA_DIR, else $XDG_DATA_HOME/anidex, else ~/.local/share/anidex)',
  },
  demo: {
    type: 'boolean',
    description: 'use the demo warehouse (the bundled sample) instead of yours; import refuses it',
  },
  json: { type: 'boolean', description: 'machine-readable output (every command that reads or reports has one)' },
  'title-language': {
    type: 'string',
    arg: 'language',
    choices: TITLE_LANGUAGE_CHOICES,
    description: 'which name titles are shown by (else $ANIDEX_TITLE_LANGUAGE, else settings.json, else as exported)',
  },
  debug: { type: 'boolean', description: 'show stack traces with errors' },
  help: { type: 'boolean', short: 'h', description: 'this help; `anidex <command> --help` for one command' },
  version: { type: 'boolean', short: 'v', description: 'print the version' },
});
