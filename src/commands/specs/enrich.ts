import { defineCommand, defineFlags } from '../spec.ts';

/** Apart from the spec, so that the handler can type its values by them. */
export const ENRICH_FLAGS = defineFlags({
  offline: {
    type: 'boolean',
    description: "fetch nothing: use cached answers only (the sample's bundled answers serve only the demo)",
  },
  rematch: { type: 'boolean', description: 'search every title again, except those matched by hand' },
  'refresh-mapping': {
    type: 'boolean',
    description: 'check for a newer id mapping now (exit 1 if that fails; the kept copy is used)',
  },
});

export const enrichSpec = defineCommand({
  name: 'enrich',
  summary: 'match titles to anime (ids first, then titles) and fetch their metadata (cached; resumable)',
  description:
    'Ctrl-C stops it cleanly and keeps what finished (exit 130); it exits 1 when the provider stayed unreachable. Titles matched by hand (`anidex match`) are never searched again.',
  flags: ENRICH_FLAGS,
  json: 'what was matched, fetched and labelled, as JSON',
  examples: ['anidex enrich', 'anidex enrich --rematch'],
  load: () => import('../enrich.ts'),
});
