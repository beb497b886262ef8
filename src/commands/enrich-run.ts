import { Warehouse } from '../warehouse/store.ts';
import { enrichTitles, type EnrichOptions, type EnrichResult } from '../pipeline/enrich.ts';
import { providerFromEnv } from '../enrich/providers.ts';
import { readIdMap } from '../enrich/id-map.ts';
import { Progress } from './output.ts';
import { version } from '../config.ts';
import { join } from 'node:path';
import { GeminiClient, geminiConfigFromEnv } from '../ai/gemini.ts';
import { UsageCounter } from '../ai/usage.ts';
import { labelMoods, type LabelResult } from '../pipeline/labels.ts';

const PHASE_TEXT = { search: 'matching titles', details: 'fetching anime details', save: 'saving' } as const;

/**
 * Run enrichment for a command: progress on stderr, Ctrl-C stops it cleanly (what finished is kept),
 * the provider from the environment.
 */
export async function runEnrichment(
  wh: Warehouse,
  opts: Pick<EnrichOptions, 'offline' | 'rematch' | 'only'> & { quiet: boolean },
): Promise<EnrichResult & { labels: LabelResult | null }> {
  const progress = new Progress(process.stderr, opts.quiet);
  const controller = new AbortController();
  const onSigint = (): void => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  try {
    const result = await enrichTitles(wh, {
      provider: providerFromEnv(version()),
      offline: opts.offline,
      rematch: opts.rematch,
      only: opts.only,
      idMap: readIdMap(wh.dataDir),
      signal: controller.signal,
      onEvent: (e) => {
        if (e.phase === 'save' || e.total === 0) return;
        const eta = e.etaMs === null ? '' : ` · ETA ${Math.ceil(e.etaMs / 1000)} s`;
        const wait = e.waitMs >= 1000 ? ` · waited ${Math.round(e.waitMs / 1000)} s on the rate limit` : '';
        progress.bar(PHASE_TEXT[e.phase], e.done, e.total, `${e.calls} calls · ${e.cacheHits} cached${wait}${eta}`);
      },
    });
    progress.clear();
    // With a key, Gemini labels moods (cached per title and model); without one, genres and tags decide.
    const gemini = opts.offline ? null : geminiConfigFromEnv();
    let labels: LabelResult | null = null;
    if (gemini && !result.interrupted) {
      progress.status('labelling moods with Gemini…');
      labels = await labelMoods(wh, new GeminiClient(gemini, new UsageCounter(join(wh.dataDir, 'gemini-usage.json'))), controller.signal);
      progress.clear();
    }
    return { ...result, labels };
  } finally {
    process.off('SIGINT', onSigint);
    progress.clear();
  }
}

/** A few lines on what an enrichment run did. */
export function describeEnrichment(r: EnrichResult & { labels?: LabelResult | null }): string[] {
  const c = r.counts;
  const lines = [
    `Enrichment: ${r.matched} matched, ${r.manual} matched by hand, ${r.unmatched} not anime or not found, ${r.pending} pending (of ${r.titles} titles).`,
    `  ${c.apiCalls} API calls, ${c.cacheHits} answers from the cache, ${c.http429} rate-limited, ${c.waitSeconds} s waiting on the rate limit.`,
  ];
  if (r.interrupted) lines.push('  Interrupted: finished lookups are saved; run `anidex enrich` to continue.');
  else if (r.stoppedBecause) lines.push(`  Stopped early: ${r.stoppedBecause} Run \`anidex enrich\` later to finish; nothing is fetched twice.`);
  if (r.labels) {
    const l = r.labels;
    lines.push(`  Mood labels from Gemini: ${l.labeled} new, ${l.cached} cached, ${l.skipped} skipped, ${l.droppedMoods} labels outside the vocabulary dropped (${l.requests} requests).`);
    for (const m of l.messages) lines.push(`  ${m}`);
    if (l.stoppedBecause) lines.push(`  Labelling stopped: ${l.stoppedBecause} Moods of unlabelled titles come from genres and tags.`);
  }
  if (r.unmatched) lines.push('  `anidex library --unmatched` lists what did not match; `anidex match <title> <mal id>` fixes one by hand.');
  return lines;
}
