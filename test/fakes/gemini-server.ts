/**
 * A fake of the Gemini API's generateContent (generativelanguage.googleapis.com, v1beta) for anidex's tests,
 * following how the Gemini REST API and the SDK behave, and the recorded gemini__*.json bodies in test/fixtures/reference,
 * which are embedded below verbatim (only the model name and the retry delay are filled in where noted).
 *
 * - POST /v1beta/models/{model}:generateContent (matched by regex: the path holds a colon).
 * - The key must be in x-goog-api-key (a ?key= query parameter is ignored, as the SDK never sends one);
 *   a wrong or missing key gets the real 400 API_KEY_INVALID body.
 * - A model not in `models` gets the real 404 NOT_FOUND body, naming that model.
 * - A success has the shape of gemini__generateContent_success_2.5-flash.json; candidates[0].content.parts[0].text
 *   is JSON.stringify(respond(requestBody)).
 * - Faults for the next N requests: inject(fault, times). `url` has no trailing slash.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

/** gemini__error_400_api_key_invalid.json (continuedev/continue#8516). */
export const GEMINI_400_API_KEY_INVALID = {
  error: {
    code: 400,
    message: 'API key not valid. Please pass a valid API key.',
    status: 'INVALID_ARGUMENT',
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'API_KEY_INVALID',
        domain: 'googleapis.com',
        metadata: { service: 'generativelanguage.googleapis.com' },
      },
      {
        '@type': 'type.googleapis.com/google.rpc.LocalizedMessage',
        locale: 'en-US',
        message: 'API key not valid. Please pass a valid API key.',
      },
    ],
  },
};

/** gemini__error_404_model_not_found.json (continuedev/continue#9939), recorded for models/gemini-pro. */
export const gemini404ModelNotFound = (model = 'gemini-pro'): object => ({
  error: {
    code: 404,
    message: `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
    status: 'NOT_FOUND',
  },
});

/** gemini__error_429_resource_exhausted.json (RooCodeInc/Roo-Code#3883; recorded retryDelay "26s", quotaId per minute). */
export const gemini429ResourceExhausted = (
  opts: { retryDelay?: string | null; quotaId?: string; model?: string; message?: string } = {},
): object => {
  const details: object[] = [
    {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [
        {
          quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_input_token_count',
          quotaId: opts.quotaId ?? 'GenerateContentInputTokensPerModelPerMinute-FreeTier',
          quotaDimensions: { location: 'global', model: opts.model ?? 'gemini-2.5-flash' },
          quotaValue: '250000',
        },
      ],
    },
    {
      '@type': 'type.googleapis.com/google.rpc.Help',
      links: [
        { description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' },
      ],
    },
  ];
  const delay = opts.retryDelay === undefined ? '26s' : opts.retryDelay;
  if (delay !== null) details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: delay });
  return {
    error: {
      code: 429,
      message:
        opts.message ??
        'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.',
      status: 'RESOURCE_EXHAUSTED',
      details,
    },
  };
};

/** gemini__error_503_unavailable.json (google-gemini/gemini-cli#5191). */
export const GEMINI_503_UNAVAILABLE = {
  error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' },
};
/** The 500 body as reported in google-gemini/gemini-cli#3665 (not in the shared samples). */
export const GEMINI_500_INTERNAL = {
  error: {
    code: 500,
    message:
      'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
    status: 'INTERNAL',
  },
};
/** The SDK's mock for a bad request (§B4). */
export const GEMINI_400_INVALID_ARGUMENT = {
  error: { code: 400, message: 'Request contains an invalid argument.', status: 'INVALID_ARGUMENT' },
};

const SAFETY_RATINGS_BLOCKED = [
  { category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', probability: 'NEGLIGIBLE' },
  { category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'HIGH' },
  { category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' },
  { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'NEGLIGIBLE' },
];
const SAFETY_RATINGS_OK = SAFETY_RATINGS_BLOCKED.map((r) => ({ ...r, probability: 'NEGLIGIBLE' }));
/** gemini__prompt_blocked_safety_sdkmock.json: no candidates, promptFeedback.blockReason. */
export const GEMINI_PROMPT_BLOCKED = {
  promptFeedback: { blockReason: 'SAFETY', safetyRatings: SAFETY_RATINGS_BLOCKED },
};
/** gemini__finish_reason_safety_sdkmock.json. */
export const GEMINI_FINISH_SAFETY = {
  candidates: [
    { content: { parts: [{ text: 'No' }] }, finishReason: 'SAFETY', index: 0, safetyRatings: SAFETY_RATINGS_BLOCKED },
  ],
  promptFeedback: { safetyRatings: SAFETY_RATINGS_OK },
};

/** What a fake can do to a request instead of answering it normally. */
export type GeminiFault =
  /** 429 RESOURCE_EXHAUSTED; retryDelay default "1s" (null: no RetryInfo); quotaId default the per-minute one */
  | { kind: 'rate-limited'; retryDelay?: string | null; quotaId?: string; message?: string }
  /** 503 UNAVAILABLE "The model is overloaded." */
  | { kind: 'unavailable' }
  /** 500 INTERNAL */
  | { kind: 'internal' }
  /** 400 API_KEY_INVALID whatever the key */
  | { kind: 'bad-key' }
  /** 400 INVALID_ARGUMENT "Request contains an invalid argument." */
  | { kind: 'bad-request' }
  /** 404 NOT_FOUND for the requested model */
  | { kind: 'unknown-model' }
  /** 200, no candidates, promptFeedback.blockReason SAFETY */
  | { kind: 'prompt-blocked' }
  /** 200, finishReason SAFETY */
  | { kind: 'finish-safety' }
  /** 200, finishReason MAX_TOKENS and content {role:"model"} without parts */
  | { kind: 'max-tokens-empty' }
  /** 200, the respond() JSON cut in half; finishReason default MAX_TOKENS (STOP: text that just does not parse) */
  | { kind: 'truncated-json'; finishReason?: 'MAX_TOKENS' | 'STOP' }
  /** 200 with a body that is not JSON (a proxy's HTML page) */
  | { kind: 'not-json' }
  /** never answer (the client's timeout must fire; close() ends it) */
  | { kind: 'hang' }
  /** socket destroyed before any byte (a network error) */
  | { kind: 'reset' }
  /** wait, then answer normally */
  | { kind: 'latency'; ms: number }
  /** the normal answer's headers (full Content-Length) and half its body, then the socket destroyed (a reset mid-response) */
  | { kind: 'cut' }
  /** the normal answer, `chunkBytes` (default 16) bytes every `intervalMs` (a very slow link) */
  | { kind: 'trickle'; intervalMs: number; chunkBytes?: number };
export type GeminiFaultKind = GeminiFault['kind'];
export type GeminiFaultInput = GeminiFault | Exclude<GeminiFaultKind, 'latency' | 'trickle'>;

/** The request body the SDK sends (§B2). */
export interface GeminiRequestBody {
  generationConfig?: {
    temperature?: number;
    responseMimeType?: string;
    responseSchema?: unknown;
    maxOutputTokens?: number;
    [k: string]: unknown;
  };
  safetySettings?: unknown[];
  systemInstruction?: { role?: string; parts: { text?: string }[] };
  contents: { role?: string; parts: { text?: string }[] }[];
  [k: string]: unknown;
}

export interface GeminiLogEntry {
  n: number;
  at: number;
  method: string;
  /** The raw path (and query) as received. */
  path: string;
  /** The model from the path, or null when the path did not match. */
  model: string | null;
  headers: IncomingHttpHeaders;
  raw: string;
  body: GeminiRequestBody | undefined;
  /** Status sent; null for hang/reset. */
  status: number | null;
  fault: GeminiFaultKind | null;
}

export interface FakeGeminiOptions {
  /** The key that is accepted (default "test-key"). */
  apiKey?: string;
  /** Models that exist (default gemini-2.5-flash-lite and gemini-2.5-flash). */
  models?: string[];
  /** Produces the JSON answer from the request body (default: an empty object). */
  respond?: (body: GeminiRequestBody, model: string) => unknown;
}

export interface FakeGemini {
  /** http://127.0.0.1:PORT (no trailing slash, no /v1beta) */
  readonly url: string;
  readonly port: number;
  /** Every HTTP request received (faults and errors included). */
  readonly requests: number;
  readonly byStatus: Record<number, number>;
  readonly log: GeminiLogEntry[];
  readonly pendingFaults: number;
  /** Apply `fault` to the next `times` requests (after earlier injections). */
  inject(fault: GeminiFaultInput, times?: number): void;
  clearFaults(): void;
  setRespond(fn: (body: GeminiRequestBody, model: string) => unknown): void;
  resetCounters(): void;
  close(): Promise<void>;
}

const PATH = /^\/v1beta\/models\/([^/:?]+):generateContent(?:\?.*)?$/;
/** As real answers are sent (gemini-cli#5377 shows `server: ESF`). */
const JSON_HEADERS = { 'Content-Type': 'application/json; charset=UTF-8', Server: 'ESF' };
const tokens = (s: string): number => Math.max(1, Math.ceil(s.length / 4));
const textOf = (c: { parts?: { text?: string }[] } | undefined): string =>
  (c?.parts ?? []).map((p) => p.text ?? '').join('');

class FakeGeminiServer implements FakeGemini {
  url = '';
  port = 0;
  requests = 0;
  byStatus: Record<number, number> = {};
  log: GeminiLogEntry[] = [];
  private queue: GeminiFault[] = [];
  private readonly server: http.Server;
  private readonly apiKey: string;
  private readonly models: Set<string>;
  private respond: (body: GeminiRequestBody, model: string) => unknown;

  constructor(opts: FakeGeminiOptions) {
    this.apiKey = opts.apiKey ?? 'test-key';
    this.models = new Set(opts.models ?? ['gemini-2.5-flash-lite', 'gemini-2.5-flash']);
    this.respond = opts.respond ?? (() => ({}));
    this.server = http.createServer((req, res) => {
      void this.receive(req, res);
    });
  }

  get pendingFaults(): number {
    return this.queue.length;
  }
  inject(fault: GeminiFaultInput, times = 1): void {
    const f: GeminiFault = typeof fault === 'string' ? ({ kind: fault } as GeminiFault) : fault;
    for (let i = 0; i < times; i++) this.queue.push(f);
  }
  clearFaults(): void {
    this.queue = [];
  }
  setRespond(fn: (body: GeminiRequestBody, model: string) => unknown): void {
    this.respond = fn;
  }
  resetCounters(): void {
    this.requests = 0;
    this.byStatus = {};
    this.log = [];
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.url = `http://127.0.0.1:${this.port}`;
  }
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    try {
      for await (const c of req) chunks.push(c as Buffer);
    } catch {
      return;
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: GeminiRequestBody | undefined;
    try {
      body = raw ? (JSON.parse(raw) as GeminiRequestBody) : undefined;
    } catch {
      body = undefined;
    }
    const path = req.url ?? '/';
    const m = PATH.exec(path);
    const entry: GeminiLogEntry = {
      n: ++this.requests,
      at: Date.now(),
      method: req.method ?? 'GET',
      path,
      model: m ? decodeURIComponent(m[1]!) : null,
      headers: req.headers,
      raw,
      body,
      status: null,
      fault: null,
    };
    this.log.push(entry);
    try {
      await this.handle(req, res, entry);
    } catch (err) {
      // A bug in the fake: say so loudly rather than hang the client.
      if (!res.headersSent) this.send(res, entry, 500, { fakeServerError: String(err) });
    }
  }

  private send(
    res: ServerResponse,
    entry: GeminiLogEntry,
    status: number,
    body: object | string,
    headers: Record<string, string> = JSON_HEADERS,
  ): void {
    entry.status = status;
    this.byStatus[status] = (this.byStatus[status] ?? 0) + 1;
    const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
    res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }

  private async handle(req: IncomingMessage, res: ServerResponse, entry: GeminiLogEntry): Promise<void> {
    const fault = this.queue.shift() ?? null;
    if (fault) entry.fault = fault.kind;
    if (fault?.kind === 'hang') return; // no answer; the client's abort or close() ends the socket
    if (fault?.kind === 'reset') {
      res.socket?.destroy();
      return;
    }
    if (fault?.kind === 'latency') await sleep(fault.ms);

    const model = entry.model;
    if (req.method !== 'POST' || model === null) {
      this.send(res, entry, 404, {
        error: { code: 404, message: `Requested entity was not found.`, status: 'NOT_FOUND' },
      });
      return;
    }
    // The real API checks the key before anything else.
    if (req.headers['x-goog-api-key'] !== this.apiKey || fault?.kind === 'bad-key') {
      this.send(res, entry, 400, GEMINI_400_API_KEY_INVALID);
      return;
    }
    if (!this.models.has(model) || fault?.kind === 'unknown-model') {
      this.send(res, entry, 404, gemini404ModelNotFound(model));
      return;
    }
    switch (fault?.kind) {
      case 'rate-limited':
        this.send(
          res,
          entry,
          429,
          gemini429ResourceExhausted({
            retryDelay: fault.retryDelay === undefined ? '1s' : fault.retryDelay,
            model,
            ...(fault.quotaId ? { quotaId: fault.quotaId } : {}),
            ...(fault.message ? { message: fault.message } : {}),
          }),
        );
        return;
      case 'unavailable':
        this.send(res, entry, 503, GEMINI_503_UNAVAILABLE);
        return;
      case 'internal':
        this.send(res, entry, 500, GEMINI_500_INTERNAL);
        return;
      case 'bad-request':
        this.send(res, entry, 400, GEMINI_400_INVALID_ARGUMENT);
        return;
      case 'prompt-blocked':
        this.send(res, entry, 200, GEMINI_PROMPT_BLOCKED);
        return;
      case 'finish-safety':
        this.send(res, entry, 200, GEMINI_FINISH_SAFETY);
        return;
      case 'not-json':
        this.send(res, entry, 200, '<html><body><h1>Gateway says hello</h1></body></html>', {
          'Content-Type': 'text/html; charset=UTF-8',
        });
        return;
      default:
        break;
    }
    const body = entry.body;
    if (!body || !Array.isArray(body.contents) || body.contents.length === 0) {
      this.send(res, entry, 400, GEMINI_400_INVALID_ARGUMENT);
      return;
    }

    const promptTokens = tokens(textOf(body.systemInstruction) + body.contents.map((c) => textOf(c)).join(''));
    if (fault?.kind === 'max-tokens-empty') {
      this.send(
        res,
        entry,
        200,
        this.answer(model, { content: { role: 'model' }, finishReason: 'MAX_TOKENS', index: 0 }, promptTokens, 0),
      );
      return;
    }
    let text = JSON.stringify(this.respond(body, model) ?? {});
    let finishReason = 'STOP';
    if (fault?.kind === 'truncated-json') {
      text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
      finishReason = fault.finishReason ?? 'MAX_TOKENS';
    }
    const answer = this.answer(
      model,
      { content: { parts: [{ text }], role: 'model' }, finishReason, index: 0 },
      promptTokens,
      tokens(text),
    );
    if (fault?.kind === 'cut' || fault?.kind === 'trickle') {
      this.sendBroken(res, entry, fault, JSON.stringify(answer, null, 2));
      return;
    }
    this.send(res, entry, 200, answer);
  }

  /** A 200 whose body is cut off mid-way (`cut`) or trickled (`trickle`). */
  private sendBroken(
    res: ServerResponse,
    entry: GeminiLogEntry,
    fault: Extract<GeminiFault, { kind: 'cut' | 'trickle' }>,
    text: string,
  ): void {
    entry.status = 200;
    this.byStatus[200] = (this.byStatus[200] ?? 0) + 1;
    const bytes = Buffer.from(text, 'utf8');
    res.writeHead(200, { ...JSON_HEADERS, 'Content-Length': bytes.length });
    if (fault.kind === 'cut') {
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
      return;
    }
    const step = Math.max(1, fault.chunkBytes ?? 16);
    let at = 0;
    const tick = (): void => {
      if (res.destroyed || res.socket?.destroyed) return; // the client gave up, or close() cut the socket
      const chunk = bytes.subarray(at, at + step);
      at += step;
      if (at >= bytes.length) res.end(chunk);
      else res.write(chunk, () => setTimeout(tick, fault.intervalMs));
    };
    tick();
  }

  /** A success in the key order of gemini__generateContent_success_2.5-flash.json. */
  private answer(model: string, candidate: object, promptTokens: number, outTokens: number): object {
    return {
      candidates: [candidate],
      usageMetadata: {
        promptTokenCount: promptTokens,
        candidatesTokenCount: outTokens,
        totalTokenCount: promptTokens + outTokens,
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokens }],
      },
      modelVersion: model,
      responseId: randomBytes(12).toString('base64url').slice(0, 23),
    };
  }
}

/** Starts a fake Gemini API on 127.0.0.1 and a random port. */
export async function startFakeGemini(opts: FakeGeminiOptions = {}): Promise<FakeGemini> {
  const server = new FakeGeminiServer(opts);
  await server.listen();
  return server;
}
