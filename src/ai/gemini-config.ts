import { AnidexError } from '../lib/errors.ts';

/*
 * Gemini's settings, apart from the client (gemini.ts, the only module that imports the SDK): the TUI and
 * `anidex doctor` ask whether a key is set without loading the SDK.
 */

/** The current Flash-Lite: cheap, no thinking by default, "not deprecated … until further notice". gemini-2.0-* answer 404 now. */
export const DEFAULT_GEMINI_MODEL = 'gemini-2.5-flash-lite';
export interface GeminiConfig {
  apiKey: string;
  model: string;
  /** Default https://generativelanguage.googleapis.com (no trailing slash; one is removed). */
  baseUrl?: string;
  /** Requests started per rolling 60 s; default 5 (the free tier). */
  perMinute?: number;
  /** Per HTTP request; default 60 000. */
  timeoutMs?: number;
  /** Retries of 429, 500/502/503/504 and network errors; default 3. */
  maxRetries?: number;
  /** HTTP requests per UTC day, retries included; default 20 (free tier of flash-lite as observed, see GEMINI_DEFAULTS). */
  dailyBudget?: number;
  /** First backoff step for a retry the server gave no delay for (doubles, jittered); default 1000. Mainly for tests. */
  retryBaseMs?: number;
}

/**
 * The Gemini settings from the environment, or null without a key.
 * - GEMINI_API_KEY (required; empty counts as unset)
 * - ANIDEX_GEMINI_MODEL (default gemini-2.5-flash-lite)
 * - ANIDEX_GEMINI_URL (a proxy or a fake; trailing slashes removed)
 * - ANIDEX_GEMINI_RPM, ANIDEX_GEMINI_DAILY_BUDGET (positive integers, for keys with a paid tier)
 * - ANIDEX_GEMINI_TIMEOUT_MS (per request, default 60 000: a slow proxy, or a test that must not wait a minute)
 */
export function geminiConfigFromEnv(env: NodeJS.ProcessEnv = process.env): GeminiConfig | null {
  const apiKey = env.GEMINI_API_KEY?.trim();
  if (!apiKey) return null;
  const cfg: GeminiConfig = { apiKey, model: env.ANIDEX_GEMINI_MODEL?.trim() || DEFAULT_GEMINI_MODEL };
  const url = env.ANIDEX_GEMINI_URL?.trim();
  if (url) cfg.baseUrl = stripSlash(url);
  const rpm = positiveInt(env, 'ANIDEX_GEMINI_RPM');
  if (rpm !== undefined) cfg.perMinute = rpm;
  const budget = positiveInt(env, 'ANIDEX_GEMINI_DAILY_BUDGET');
  if (budget !== undefined) cfg.dailyBudget = budget;
  const timeout = positiveInt(env, 'ANIDEX_GEMINI_TIMEOUT_MS');
  if (timeout !== undefined) cfg.timeoutMs = timeout;
  return cfg;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) {
    throw new AnidexError(`${name} must be a positive whole number, not "${raw}".`, `Fix or unset ${name}.`);
  }
  return n;
}

const stripSlash = (url: string): string => url.replace(/\/+$/, '');
