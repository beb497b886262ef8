/**
 * anidex's only door to Gemini, and the only module that imports `@google/generative-ai` (0.24.1, the package's
 * last release): moving to `@google/genai` later changes this file alone. Callers describe the answer with a
 * JsonSchema and get parsed JSON back, or a result that says what was wrong with the answer, or a GeminiError
 * that says why the request failed.
 *
 * How the SDK behaves (seen running it against a loopback server), and why this file does what it does:
 * - It never retries: 429/500/503 and network errors are retried here, 429 after RetryInfo.retryDelay.
 * - Its `timeout` option starts a timer it never clears (a finished CLI would stay alive until it fires), so each
 *   HTTP request gets its own `AbortSignal.timeout`, whose timer does not keep the process alive.
 * - `response.text()` throws on SAFETY/RECITATION and blocked prompts, so the response is read field by field.
 * - A 200 whose body is not JSON surfaces as a raw SyntaxError.
 * - It builds `${baseUrl}/v1beta/…`, so a trailing slash in the base URL is removed.
 *
 * The API key goes in the x-goog-api-key header (never the URL) and is replaced by "***" in every message this
 * module builds, including the server's and the SDK's text it quotes.
 */
import {
  GoogleGenerativeAI,
  GoogleGenerativeAIAbortError,
  GoogleGenerativeAIError,
  GoogleGenerativeAIFetchError,
  type ErrorDetails,
  type GenerateContentResponse,
  type GenerationConfig,
  type RequestOptions,
  type ResponseSchema,
} from '@google/generative-ai';
import { AnidexError } from '../lib/errors.ts';
import { RateLimiter } from '../lib/rate-limiter.ts';
import type { UsageCounter } from './usage.ts';
import { DEFAULT_GEMINI_MODEL, type GeminiConfig } from './gemini-config.ts';

const stripSlash = (url: string): string => url.replace(/\/+$/, '');

// The settings live in a module of their own, so what only asks whether a key is set does not load the SDK.
export { DEFAULT_GEMINI_MODEL, geminiConfigFromEnv, type GeminiConfig } from './gemini-config.ts';

/** The SDK's own default endpoint. */
export const DEFAULT_GEMINI_URL = 'https://generativelanguage.googleapis.com';
/**
 * Defaults sized for the free tier. Google publishes no free-tier table any more ("view your active rate limits in
 * AI Studio"); the last published/observed values for gemini-2.5-flash-lite after 2025-12-07 are 10 RPM and 20 RPD
 * (docs.orchable.app, 2026-02; AI Studio screenshot in sh2/extension-summarize-translate-gemini#36), and 5 RPM for
 * 2.5 Flash. 5 per minute stays under both; 20 per day is that observed RPD, not a documented number.
 */
export const GEMINI_DEFAULTS = {
  perMinute: 5,
  timeoutMs: 60_000,
  maxRetries: 3,
  dailyBudget: 20,
  retryBaseMs: 1_000,
} as const;
/** A server that asks us to wait longer than this is treated as out of quota rather than waited for. */
const MAX_RETRY_DELAY_MS = 120_000;

// ---------------------------------------------------------------------------------------------------------------
// Schema: the SDK's ResponseSchema with plain string types, so callers never import the SDK (its types are enum
// members: SchemaType.OBJECT === "object"). The wire form is the same lowercase strings.

interface SchemaBase {
  description?: string;
  nullable?: boolean;
}
export type JsonSchema =
  | (SchemaBase & { type: 'string'; format?: 'date-time'; enum?: never })
  /** A string enum needs format "enum" (enforced since 0.24.0). */
  | (SchemaBase & { type: 'string'; format: 'enum'; enum: string[] })
  | (SchemaBase & { type: 'number'; format?: 'float' | 'double' })
  | (SchemaBase & { type: 'integer'; format?: 'int32' | 'int64' })
  | (SchemaBase & { type: 'boolean' })
  | (SchemaBase & { type: 'array'; items: JsonSchema; minItems?: number; maxItems?: number })
  | (SchemaBase & { type: 'object'; properties: { [k: string]: JsonSchema }; required?: string[] });

// If the SDK's schema types change, this stops compiling.
type SameTypes<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaTypesMatch: SameTypes<`${ResponseSchema['type']}`, JsonSchema['type']> = true;
void schemaTypesMatch;

export interface GenerateJsonRequest {
  /** The system instruction. */
  system: string;
  /** The user turn. */
  prompt: string;
  /** The shape of the answer (JSON mode). */
  schema: JsonSchema;
  maxOutputTokens?: number;
  /** Cancels waiting and the request in flight; the abort reason is thrown as is. */
  signal?: AbortSignal;
}

export type GenerateJsonResult =
  | { ok: true; json: unknown; text: string; promptTokens: number | null; outputTokens: number | null }
  /** The request succeeded but the ANSWER is unusable (the caller may retry with a smaller batch). */
  | { ok: false; kind: 'safety' | 'empty' | 'truncated' | 'invalid-json'; message: string };

export type GeminiErrorKind =
  | 'bad-key'
  | 'unknown-model'
  | 'quota'
  | 'unavailable'
  | 'timeout'
  | 'network'
  | 'budget'
  /** Another 4xx (e.g. 400 INVALID_ARGUMENT: a schema the API refuses, a prompt over the context, an unsupported region). */
  | 'bad-request';

/** A failed REQUEST (no usable answer came back). Messages never contain the API key. */
export class GeminiError extends AnidexError {
  readonly kind: GeminiErrorKind;
  /** The last HTTP status, when there was one. */
  readonly status: number | null;
  constructor(kind: GeminiErrorKind, message: string, hint: string, status: number | null = null) {
    super(message, hint);
    this.kind = kind;
    this.status = status;
  }
}

/** finishReasons after which the answer was withheld (the SDK's text() throws on the first three). */
const BLOCKED_FINISH = new Set([
  'SAFETY',
  'RECITATION',
  'LANGUAGE',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
]);
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);

/** One HTTP request's outcome. */
type Attempt =
  | { type: 'response'; response: GenerateContentResponse }
  | { type: 'answer'; result: GenerateJsonResult }
  | { type: 'failure'; failure: Failure };

interface Failure {
  kind: GeminiErrorKind;
  status: number | null;
  /** Worth another try. */
  retry: boolean;
  /** How long the server asked us to wait (RetryInfo.retryDelay), if it did. */
  retryDelayMs: number | null;
  /** The server's or the transport's words, already redacted. */
  detail: string;
  /** For 429: the quota the server named. */
  quota?: 'minute' | 'day' | 'none';
}

export class GeminiClient {
  readonly model: string;
  readonly baseUrl: string;
  /** Paces every HTTP request (retries included): `perMinute` per rolling 60 s. */
  readonly limiter: RateLimiter;
  readonly dailyBudget: number;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly retryBaseMs: number;
  // Private (#) fields: util.inspect of the client never shows the key (nor does the SDK object holding it).
  readonly #key: string;
  readonly #genAI: GoogleGenerativeAI;
  readonly #requestOptions: RequestOptions;
  readonly #usage: UsageCounter;

  constructor(cfg: GeminiConfig, usage: UsageCounter) {
    if (!cfg.apiKey) throw new GeminiError('bad-key', 'No Gemini API key was given.', KEY_HINT);
    this.#key = cfg.apiKey;
    this.#usage = usage;
    this.model = cfg.model || DEFAULT_GEMINI_MODEL;
    this.baseUrl = stripSlash(cfg.baseUrl ?? DEFAULT_GEMINI_URL);
    this.timeoutMs = cfg.timeoutMs ?? GEMINI_DEFAULTS.timeoutMs;
    this.maxRetries = cfg.maxRetries ?? GEMINI_DEFAULTS.maxRetries;
    this.dailyBudget = cfg.dailyBudget ?? GEMINI_DEFAULTS.dailyBudget;
    this.retryBaseMs = cfg.retryBaseMs ?? GEMINI_DEFAULTS.retryBaseMs;
    this.limiter = new RateLimiter([{ limit: cfg.perMinute ?? GEMINI_DEFAULTS.perMinute, ms: 60_000 }]);
    this.#genAI = new GoogleGenerativeAI(cfg.apiKey);
    // No `timeout` here (the SDK's timer leak); a per-request AbortSignal instead.
    this.#requestOptions = { baseUrl: this.baseUrl };
  }

  /** Requests left today under the daily budget. */
  remainingToday(): number {
    return this.#usage.remaining(this.dailyBudget);
  }

  /**
   * Ask for JSON that follows `req.schema`. Resolves with the parsed JSON or with what was wrong with the answer;
   * rejects with a GeminiError when no answer came (after the retries), or with the abort reason of `req.signal`.
   */
  async generateJson(req: GenerateJsonRequest): Promise<GenerateJsonResult> {
    const generationConfig: GenerationConfig = {
      temperature: 0.2,
      responseMimeType: 'application/json',
      responseSchema: req.schema as unknown as ResponseSchema,
    };
    if (req.maxOutputTokens !== undefined) generationConfig.maxOutputTokens = req.maxOutputTokens;
    const model = this.#genAI.getGenerativeModel(
      { model: this.model, systemInstruction: req.system, generationConfig },
      this.#requestOptions,
    );
    const contents = [{ role: 'user', parts: [{ text: req.prompt }] }];

    for (let attempt = 0; ; attempt++) {
      req.signal?.throwIfAborted();
      this.checkBudget(); // fail fast, before waiting for a slot
      const outcome = await this.limiter.schedule(async (): Promise<Attempt> => {
        this.checkBudget(); // again: other calls may have used the budget while this one waited
        this.#usage.add(1); // counted BEFORE sending: a request that times out was probably still billed
        const timeout = AbortSignal.timeout(this.timeoutMs);
        const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
        try {
          const res = await model.generateContent({ contents }, { signal });
          return { type: 'response', response: res.response };
        } catch (err) {
          if (req.signal?.aborted) throw req.signal.reason;
          return this.classify(err, timeout.aborted);
        }
      }, req.signal);

      if (outcome.type === 'response') return this.interpret(outcome.response);
      if (outcome.type === 'answer') return outcome.result;
      const f = outcome.failure;
      if (!f.retry || attempt >= this.maxRetries) throw this.toError(f, attempt + 1);
      if (f.retryDelayMs !== null && f.retryDelayMs > MAX_RETRY_DELAY_MS) throw this.toError(f, attempt + 1);
      const wait = f.retryDelayMs ?? this.backoffMs(attempt, f.status === 429);
      // The quota is per project: hold every call of this client, not just this one.
      this.limiter.pauseUntil(Date.now() + wait);
    }
  }

  private checkBudget(): void {
    const sent = this.#usage.count();
    if (sent >= this.dailyBudget) {
      throw new GeminiError(
        'budget',
        `anidex's daily budget of ${this.dailyBudget} Gemini requests is used up (${sent} sent today, UTC).`,
        'Run again after 00:00 UTC, or raise ANIDEX_GEMINI_DAILY_BUDGET if your Gemini quota allows more requests per day.',
      );
    }
  }

  /** Jittered exponential backoff; a 429 that names no delay starts at 10× the base (the quota window is a minute). */
  private backoffMs(attempt: number, rateLimited: boolean): number {
    const base = this.retryBaseMs * (rateLimited ? 10 : 1) * 2 ** attempt;
    return Math.min(base, MAX_RETRY_DELAY_MS) * (0.5 + Math.random() / 2);
  }

  /** Sort an SDK (or transport) error into a Failure, or an answer when the 200 body was unusable. */
  private classify(err: unknown, timedOut: boolean): Attempt {
    const fail = (f: Omit<Failure, 'detail'> & { detail: string }): Attempt => ({
      type: 'failure',
      failure: { ...f, detail: this.redact(f.detail) },
    });
    if (timedOut) {
      return fail({
        kind: 'timeout',
        status: null,
        retry: false,
        retryDelayMs: null,
        detail: `no answer within ${this.timeoutMs} ms`,
      });
    }
    if (err instanceof SyntaxError) {
      // generate-content.ts calls response.json() outside its try: a 200 whose body is not JSON.
      return {
        type: 'answer',
        result: {
          ok: false,
          kind: 'invalid-json',
          message: `Gemini answered HTTP 200 with a body that is not JSON (${this.redact(err.message)}).`,
        },
      };
    }
    if (err instanceof GoogleGenerativeAIFetchError && typeof err.status === 'number') {
      const status = err.status;
      const details = err.errorDetails ?? [];
      const detail = serverMessage(err);
      const reason = details.map((d) => d.reason).find((r): r is string => typeof r === 'string');
      if (status === 400 && reason === 'API_KEY_INVALID')
        return fail({ kind: 'bad-key', status, retry: false, retryDelayMs: null, detail });
      if (status === 401 || status === 403)
        return fail({ kind: 'bad-key', status, retry: false, retryDelayMs: null, detail });
      if (status === 404) return fail({ kind: 'unknown-model', status, retry: false, retryDelayMs: null, detail });
      if (status === 429) {
        const quota = quotaKind(details, detail);
        return fail({
          kind: 'quota',
          status,
          retry: quota === 'minute',
          retryDelayMs: retryDelayMs(details, detail),
          detail,
          quota,
        });
      }
      if (RETRY_STATUSES.has(status))
        return fail({ kind: 'unavailable', status, retry: true, retryDelayMs: retryDelayMs(details, detail), detail });
      if (status >= 500) return fail({ kind: 'unavailable', status, retry: false, retryDelayMs: null, detail });
      return fail({ kind: 'bad-request', status, retry: false, retryDelayMs: null, detail });
    }
    if (
      err instanceof GoogleGenerativeAIAbortError ||
      (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError'))
    ) {
      // Aborted, but neither by our timeout nor by the caller: count it as a transport failure.
      return fail({
        kind: 'network',
        status: null,
        retry: true,
        retryDelayMs: null,
        detail: 'the request was aborted',
      });
    }
    // GoogleGenerativeAIError "Error fetching from <url>: fetch failed", or a body cut short ("terminated").
    const msg = err instanceof Error ? err.message : String(err);
    const cause =
      err instanceof GoogleGenerativeAIError
        ? msg.replace(/^\[GoogleGenerativeAI Error\]: Error fetching from \S+: /, '')
        : msg;
    return fail({ kind: 'network', status: null, retry: true, retryDelayMs: null, detail: cause });
  }

  private toError(f: Failure, tries: number): GeminiError {
    const http = f.status === null ? '' : `HTTP ${f.status}: `;
    const said = f.detail ? ` (${http}${truncate(f.detail, 300)})` : f.status === null ? '' : ` (HTTP ${f.status})`;
    const times = tries > 1 ? `, ${tries} tries` : '';
    const m = this.model;
    const build = (message: string, hint: string): GeminiError =>
      new GeminiError(f.kind, this.redact(message), this.redact(hint), f.status);
    switch (f.kind) {
      case 'bad-key':
        return build(`Gemini refused the API key${said}.`, KEY_HINT);
      case 'unknown-model':
        return build(
          `Gemini has no model "${m}" for generateContent${said}: set ANIDEX_GEMINI_MODEL to a current model, e.g. ANIDEX_GEMINI_MODEL=${DEFAULT_GEMINI_MODEL}.`,
          'The current models are listed at https://ai.google.dev/gemini-api/docs/models (gemini-2.0-* were shut down).',
        );
      case 'quota':
        if (f.quota === 'day') {
          return build(
            `Gemini's requests-per-day quota for ${m} is used up${said}.`,
            'It resets at midnight Pacific time: run again tomorrow, or use a key with billing enabled.',
          );
        }
        if (f.quota === 'none') {
          return build(
            `Gemini allows no free-tier requests to ${m}${said}.`,
            `Use a model with a free tier (ANIDEX_GEMINI_MODEL=${DEFAULT_GEMINI_MODEL}) or enable billing for the key.`,
          );
        }
        if (f.retryDelayMs !== null && f.retryDelayMs > MAX_RETRY_DELAY_MS) {
          // Not "kept answering": one answer asked for a pause too long to sit out.
          return build(
            `Gemini asked anidex to wait ${Math.ceil(f.retryDelayMs / 60_000)} minutes before the next request to ${m}${said}.`,
            'Run again after that; finished work is kept.',
          );
        }
        return build(
          `Gemini kept answering 429 RESOURCE_EXHAUSTED for ${m}${times}${said}.`,
          'Wait a minute and run again; lower ANIDEX_GEMINI_RPM if it keeps happening.',
        );
      case 'unavailable':
        return build(
          `Gemini is unavailable${times}${said}.`,
          'The model is probably overloaded: try again later (finished work is kept).',
        );
      case 'timeout':
        return build(
          `Gemini (${m}) did not answer within ${Math.round(this.timeoutMs / 100) / 10} s.`,
          'Try again later; smaller batches answer faster.',
        );
      case 'network':
        return build(
          `Gemini could not be reached at ${this.baseUrl}${times}${said}.`,
          'Check the network connection (and ANIDEX_GEMINI_URL if you set it).',
        );
      case 'bad-request':
      default:
        return build(
          `Gemini refused the request to ${m}${said}.`,
          'If the message mentions tokens, use smaller batches; otherwise this may be an anidex bug worth reporting.',
        );
    }
  }

  /** Read an answer without the SDK's text() (which throws on SAFETY): JSON, or what is wrong with it. */
  private interpret(res: GenerateContentResponse): GenerateJsonResult {
    const bad = (kind: 'safety' | 'empty' | 'truncated' | 'invalid-json', message: string): GenerateJsonResult => ({
      ok: false,
      kind,
      message: this.redact(message),
    });
    const cand = res.candidates?.[0];
    if (!cand) {
      const fb = res.promptFeedback;
      if (fb?.blockReason)
        return bad(
          'safety',
          `Gemini blocked the prompt (blockReason ${fb.blockReason}${fb.blockReasonMessage ? `: ${fb.blockReasonMessage}` : ''}).`,
        );
      return bad('empty', 'Gemini answered without any candidate.');
    }
    const finish = cand.finishReason as string | undefined;
    if (finish && BLOCKED_FINISH.has(finish))
      return bad('safety', `Gemini withheld the answer (finishReason ${finish}).`);
    const parts = (cand.content?.parts ?? []) as { text?: string; thought?: boolean }[];
    const text = parts
      .filter((p) => !p.thought)
      .map((p) => p.text ?? '')
      .join('');
    if (finish === 'MAX_TOKENS') {
      return text.trim()
        ? bad(
            'truncated',
            `Gemini's answer was cut off at the output token limit (finishReason MAX_TOKENS) after ${text.length} characters.`,
          )
        : bad('empty', 'Gemini used up the output token limit before writing any answer (finishReason MAX_TOKENS).');
    }
    if (!text.trim()) return bad('empty', `Gemini answered with no text (finishReason ${finish ?? 'none'}).`);
    let json: unknown;
    try {
      json = JSON.parse(unfence(text));
    } catch (err) {
      return bad(
        'invalid-json',
        `Gemini's answer is not valid JSON (${(err as Error).message}): ${truncate(text, 80)}`,
      );
    }
    const u = res.usageMetadata as
      (GenerateContentResponse['usageMetadata'] & { thoughtsTokenCount?: number }) | undefined;
    const out = u?.candidatesTokenCount ?? null;
    const thoughts = u?.thoughtsTokenCount ?? null;
    return {
      ok: true,
      json,
      text,
      promptTokens: u?.promptTokenCount ?? null,
      // Thinking tokens are billed as output.
      outputTokens: out === null && thoughts === null ? null : (out ?? 0) + (thoughts ?? 0),
    };
  }

  /**
   * The key, raw or URL-encoded, becomes "***". Real keys are 39 characters ("AIza" + 35); a string under
   * 6 characters is no secret and redacting it would mangle every message (a key "k" is in "key").
   */
  private redact(text: string): string {
    if (this.#key.length < 6) return text;
    let s = text.split(this.#key).join('***');
    const enc = encodeURIComponent(this.#key);
    if (enc !== this.#key) s = s.split(enc).join('***');
    return s;
  }
}

const KEY_HINT = 'Check GEMINI_API_KEY: create or copy a key at https://aistudio.google.com/apikey.';

/** The server's own message from an SDK fetch error: drop "Error fetching from <url>: [429 …] " and the details JSON. */
function serverMessage(err: GoogleGenerativeAIFetchError): string {
  let m = err.message;
  const i = m.indexOf('] ');
  if (m.includes('Error fetching from') && i >= 0) m = m.slice(i + 2);
  if (err.errorDetails) {
    const tail = ` ${JSON.stringify(err.errorDetails)}`;
    if (m.endsWith(tail)) m = m.slice(0, -tail.length);
  }
  return m.trim();
}

/** RetryInfo.retryDelay ("26s", "38.86s") in ms; else the 2026 message's "Please retry in 38.86s."; else null. */
export function retryDelayMs(details: readonly ErrorDetails[], message = ''): number | null {
  for (const d of details) {
    if (
      typeof d['@type'] === 'string' &&
      d['@type'].endsWith('google.rpc.RetryInfo') &&
      typeof d.retryDelay === 'string'
    ) {
      const ms = durationMs(d.retryDelay);
      if (ms !== null) return ms;
    }
  }
  const m = /retry in (\d+(?:\.\d+)?)\s*s\b/i.exec(message);
  return m ? Math.ceil(Number(m[1]) * 1000) : null;
}

/** A protobuf Duration in JSON ("26s", "0.5s") in ms. */
function durationMs(s: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(s);
  return m ? Math.ceil(Number(m[1]) * 1000) : null;
}

/** Which quota a 429 names: per day and "limit: 0" (no free tier) are not worth retrying today. */
function quotaKind(details: readonly ErrorDetails[], message: string): 'minute' | 'day' | 'none' {
  if (/\blimit: 0\b/.test(message)) return 'none';
  for (const d of details) {
    const violations = (d as { violations?: { quotaId?: unknown }[] }).violations;
    if (!Array.isArray(violations)) continue;
    for (const v of violations) {
      if (typeof v?.quotaId === 'string' && /PerDay/i.test(v.quotaId)) return 'day';
    }
  }
  return 'minute';
}

/** JSON mode should not fence its answer, but a ```json fence costs nothing to remove. */
function unfence(text: string): string {
  const m = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/.exec(text);
  return m ? m[1]! : text;
}

function truncate(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= n ? one : `${one.slice(0, n - 1)}…`;
}
