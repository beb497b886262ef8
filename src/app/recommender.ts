import { metadataGenres } from '../warehouse/queries.ts';
import { GeminiClient, geminiConfigFromEnv } from '../ai/gemini.ts';
import { UsageCounter } from '../ai/usage.ts';
import { providerFromEnv } from '../enrich/providers.ts';
import { geminiUsageFile, version, type AnidexDirs } from '../lib/config.ts';
import { AnidexError } from '../lib/errors.ts';
import type { Warehouse } from './open-warehouse.ts';
import {
  geminiDryRun,
  recommendGemini,
  recommendLocal,
  type GeminiRecommendResult,
  type RecommendOptions,
  type RecommendResult,
} from './recommend.ts';

/*
 * Recommendations as a command asks for them: the engines and the metadata provider set up from the environment
 * (GEMINI_API_KEY and ANIDEX_GEMINI_*, ANIDEX_PROVIDER…), Gemini's requests counted against the daily budget.
 */

/** Whether the Gemini engine can run (GEMINI_API_KEY is set); a malformed ANIDEX_GEMINI_* setting is an error now. */
export function geminiKeySet(): boolean {
  return geminiConfigFromEnv() !== null;
}

/** What a recommendation run is asked for; the provider comes from the environment. */
export type RecommendAsk = Omit<RecommendOptions, 'provider'>;

export interface Recommender {
  /** Every genre of the warehouse's anime metadata (the library's anime and the candidates): what `--genre` names. */
  genres(): string[];
  /** The exact request the Gemini engine would send; nothing is sent and no key is needed. */
  geminiRequest(ask: RecommendAsk): Promise<{ system: string; prompt: string; schema: unknown }>;
  /** Recommendations from the local engine: nothing leaves the machine but metadata requests. */
  local(ask: RecommendAsk): Promise<RecommendResult>;
  /** Recommendations ranked by Gemini over the same candidates (needs the key: see geminiKeySet). */
  gemini(ask: RecommendAsk): Promise<GeminiRecommendResult>;
}

/**
 * Recommendations from the warehouse `wh`. The metadata provider is set up first, so a bad ANIDEX_PROVIDER setting
 * is said before anything else is read.
 */
export function recommender(wh: Warehouse, dirs: AnidexDirs): Recommender {
  const provider = providerFromEnv(version());
  return {
    genres: () => metadataGenres(wh.db),
    geminiRequest: (ask) => geminiDryRun(wh, { ...ask, provider }),
    local: (ask) => recommendLocal(wh, { ...ask, provider }),
    gemini(ask) {
      const config = geminiConfigFromEnv();
      if (!config)
        throw new AnidexError(
          'The Gemini engine needs GEMINI_API_KEY.',
          'Set GEMINI_API_KEY (a key from Google AI Studio), or use the local engine, which needs no key.',
        );
      return recommendGemini(wh, new GeminiClient(config, new UsageCounter(geminiUsageFile(dirs))), {
        ...ask,
        provider,
      });
    },
  };
}
