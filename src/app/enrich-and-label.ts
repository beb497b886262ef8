import type { Warehouse } from '../warehouse/store.ts';
import { enrichTitles, type EnrichEvent, type EnrichOptions, type EnrichResult } from './enrich.ts';
import { labelMoods, type LabelResult } from './labels.ts';
import { providerFromEnv } from '../enrich/providers.ts';
import { readIdMap } from '../enrich/id-map.ts';
import { loadMapping, mappingSettings, summarizeMapping, type MappingSummary } from '../enrich/mapping-store.ts';
import { hasExternalIds } from '../warehouse/enrichment.ts';
import { GeminiClient, geminiConfigFromEnv } from '../ai/gemini.ts';
import { UsageCounter } from '../ai/usage.ts';
import { version } from '../lib/config.ts';

export interface EnrichAndLabelOptions extends Pick<EnrichOptions, 'offline' | 'rematch' | 'only'> {
  signal?: AbortSignal;
  onEvent?: (e: EnrichEvent) => void;
  /** Called when Gemini starts labelling moods (only with a key). */
  onLabels?: () => void;
  /** Where Gemini requests are counted per day (the state folder), or null to count in memory. */
  usageFile: string | null;
  /**
   * The cache folder, where the community id mapping is kept; null: match by titles alone (the demo, whose sample
   * is enriched from its bundled answers).
   */
  cacheDir?: string | null;
  /** Ask for a newer id mapping now, whatever the age of the kept one (`anidex enrich --refresh-mapping`). */
  refreshMapping?: boolean;
  /** Called when the id mapping is about to be downloaded (first: none is kept yet). */
  onMappingFetch?: (first: boolean) => void;
}

export type EnrichAndLabelResult = EnrichResult & { labels: LabelResult | null; mapping: MappingSummary | null };

/**
 * Enrichment as every entry point runs it: the provider from the environment, the person's id map, the community
 * id mapping (downloaded the first time a Trakt title with ids needs it; never a reason to fail), then mood labels
 * from Gemini when a key is set (without one, genres and tags decide). What finished is kept on abort.
 */
export async function enrichAndLabel(wh: Warehouse, opts: EnrichAndLabelOptions): Promise<EnrichAndLabelResult> {
  await wh.refresh();
  const mapping =
    opts.cacheDir && (opts.refreshMapping || hasExternalIds(wh.db))
      ? await loadMapping({
          cacheDir: opts.cacheDir,
          ...mappingSettings(),
          offline: opts.offline,
          refresh: opts.refreshMapping,
          userAgent: `anidex/${version()}`,
          signal: opts.signal,
          onFetch: opts.onMappingFetch,
        })
      : null;
  const result = await enrichTitles(wh, {
    provider: providerFromEnv(version()),
    offline: opts.offline,
    rematch: opts.rematch,
    only: opts.only,
    idMap: readIdMap(wh.dataDir),
    mapping: mapping?.mapping ?? null,
    signal: opts.signal,
    onEvent: opts.onEvent,
  });
  const gemini = opts.offline ? null : geminiConfigFromEnv();
  let labels: LabelResult | null = null;
  if (gemini && !result.interrupted) {
    opts.onLabels?.();
    labels = await labelMoods(wh, new GeminiClient(gemini, new UsageCounter(opts.usageFile)), opts.signal);
  }
  return { ...result, labels, mapping: mapping && summarizeMapping(mapping) };
}
