import { defineCommand, defineFlags } from '../spec.ts';

/** Apart from the spec, so that the handler can type its values by them. */
export const ENRICH_FLAGS = defineFlags({
  offline: { type: 'boolean', description: 'fetch nothing: use cached and bundled answers only' },
  rematch: { type: 'boolean', description: 'search every title again, except those matched by hand' },
});

// The id-mapping work adds `--refresh-mapping` here (a boolean flag) when it lands: one entry in `flags`, read in
// ../enrich.ts; the README table follows with `npm run docs:cli`.
export const enrichSpec = defineCommand({
  name: 'enrich',
  summary: 'match titles to anime and fetch their metadata (cached; resumable)',
  description:
    'Ctrl-C stops it cleanly and keeps what finished (exit 130); it exits 1 when the provider stayed unreachable. Titles matched by hand (`anidex match`) are never searched again.',
  flags: ENRICH_FLAGS,
  json: 'what was matched, fetched and labelled, as JSON',
  examples: ['anidex enrich', 'anidex enrich --rematch'],
  load: () => import('../enrich.ts'),
});
