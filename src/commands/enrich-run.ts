import type { Warehouse } from '../app/open-warehouse.ts';
import type { EnrichOptions } from '../app/enrich.ts';
import { enrichAndLabel, type EnrichAndLabelResult } from '../app/enrich-and-label.ts';
import { Progress } from './output.ts';

const PHASE_TEXT = { search: 'matching titles', details: 'fetching anime details', save: 'saving' } as const;

/**
 * Run enrichment for a command: progress on stderr, Ctrl-C stops it cleanly (what finished is kept),
 * the provider from the environment.
 */
export async function runEnrichment(
  wh: Warehouse,
  opts: Pick<EnrichOptions, 'offline' | 'rematch' | 'only'> & {
    quiet: boolean;
    usageFile: string | null;
    cacheDir: string | null;
    refreshMapping?: boolean;
  },
): Promise<EnrichAndLabelResult> {
  const progress = new Progress(process.stderr, opts.quiet);
  const controller = new AbortController();
  const onSigint = (): void => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  try {
    return await enrichAndLabel(wh, {
      offline: opts.offline,
      rematch: opts.rematch,
      only: opts.only,
      usageFile: opts.usageFile,
      cacheDir: opts.cacheDir,
      refreshMapping: opts.refreshMapping,
      onMappingFetch: (first) =>
        progress.status(first ? 'downloading the id mapping (once; tens of MB)…' : 'checking for a newer id mapping…'),
      signal: controller.signal,
      onEvent: (e) => {
        if (e.phase === 'save' || e.total === 0) return;
        const eta = e.etaMs === null ? '' : ` · ETA ${Math.ceil(e.etaMs / 1000)} s`;
        const wait = e.waitMs >= 1000 ? ` · waited ${Math.round(e.waitMs / 1000)} s on the rate limit` : '';
        progress.bar(PHASE_TEXT[e.phase], e.done, e.total, `${e.calls} calls · ${e.cacheHits} cached${wait}${eta}`);
      },
      onLabels: () => {
        progress.clear();
        progress.status('labelling moods with Gemini…');
      },
    });
  } finally {
    process.off('SIGINT', onSigint);
    progress.clear();
  }
}
