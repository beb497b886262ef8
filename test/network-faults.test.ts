// Network faults (issue #7, item 4): enrichment (AniList, Jikan) and Gemini (mood labels, recommendations) against
// the fakes under timeouts, resets mid-response, 429 storms (and a huge Retry-After), 5xx bursts, malformed bodies
// (cut JSON, an HTML page, the wrong shape) and trickled answers. Every run finishes, or stops with a reason and
// resumes later without asking again for what it finished; the warehouse keeps one cache row per request and one
// match per title and passes integrity_check; the CLI and the TUI say why a run stopped.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Warehouse } from '../src/warehouse/store.ts';
import { importTraktExport } from '../src/app/import.ts';
import { enrichTitles, type EnrichResult } from '../src/app/enrich.ts';
import { labelMoods } from '../src/app/labels.ts';
import { LABEL_SYSTEM } from '../src/ai/labels.ts';
import { recommendGemini } from '../src/app/recommend.ts';
import { AniListProvider } from '../src/enrich/anilist.ts';
import { JikanProvider } from '../src/enrich/jikan.ts';
import type { Provider } from '../src/enrich/provider.ts';
import { GeminiClient, type GeminiConfig } from '../src/ai/gemini.ts';
import { UsageCounter } from '../src/ai/usage.ts';
import { AnidexError } from '../src/lib/errors.ts';
import { normalizeTitle } from '../src/domain/title-key.ts';
import { bundledAnswers } from '../src/enrich/bundled-cache.ts';
import { CATALOGUE } from '../scripts/sample/catalog.ts';
import {
  startFakeAniList,
  type FaultInput,
  type FakeAniList,
  type FakeServerHandle,
  type LogEntry,
} from './fakes/anilist-server.ts';
import { startFakeJikan, type FakeJikan } from './fakes/jikan-server.ts';
import {
  startFakeGemini,
  type FakeGemini,
  type GeminiFaultInput,
  type GeminiRequestBody,
} from './fakes/gemini-server.ts';
import { ROOT } from './helpers/proc.ts';
import { markAsDemo } from './helpers/demo-warehouse.ts';
import { setTimeout as sleep } from 'node:timers/promises';

const UA = 'anidex-test/0';
/**
 * Per request: generous, except where a timeout is the fault: then short enough to keep the file fast, long enough
 * for a loaded 2-core machine to answer the requests that are not faulted (the fake AniList spends a few hundred
 * ms of CPU on a search of 20 titles; a Jikan search is light).
 */
const TIMEOUT_MS = 10_000;
const SHORT_TIMEOUT_MS: Record<'anilist' | 'jikan', number> = { anilist: 3000, jikan: 2000 };
/**
 * Gemini's, in process and through the CLI: a label prompt of 25 titles is answered well within it, even while the
 * enrichment cases of this file keep the shared event loop busy on a loaded 2-core machine (at 3 s the answer
 * before the hang sometimes missed it there).
 */
const GEMINI_SHORT_TIMEOUT_MS = 5000;
/** How GeminiError words the timeout: "did not answer within 1.5 s". */
const GEMINI_TIMEOUT_TEXT = `did not answer within ${Math.round(GEMINI_SHORT_TIMEOUT_MS / 100) / 10} s`.replace(
  '.',
  '\\.',
);
const GEMINI_KEY = 'AIzaNETFAULT-SECRET-7777';
const tmp = mkdtempSync(join(tmpdir(), 'anidex-netfaults-'));

let anilist: FakeAniList;
let jikan: FakeJikan;
let gemini: FakeGemini;
/** The small export below imported, not enriched (copied for every case). */
let imported: string;
/** The sample's first export, enriched from the bundled answers: ~100 anime to label, a pool to recommend from. */
let sample: string;
let caseNo = 0;

/**
 * A small Trakt export (one play per title, so every case is quick): anime under their romaji titles, which the
 * answers bundled with the sample do not cover, so the CLI has to ask the network for them; and a few made-up
 * titles that are no anime at all.
 */
function writeExport(dir: string): string {
  const bundled = new Set(bundledAnswers().keys());
  const anime = CATALOGUE.filter(
    (c) => c.anime && c.mal[0] && !bundled.has(`search:${normalizeTitle(c.mal[0].romaji)}`),
  ).slice(0, 17);
  const others = CATALOGUE.filter((c) => !c.anime).slice(0, 4);
  assert.equal(anime.length, 17);
  let n = 0;
  const history = [...anime, ...others].map((c) => {
    const t = c.trakt;
    const title = c.anime ? c.mal[0]!.romaji : `${t.title} (unaired pilot)`;
    const ids = { trakt: t.traktId, slug: t.slug, tvdb: t.tvdb, tmdb: t.tmdb, imdb: t.imdb };
    const play = {
      id: 9_000_000_000 + ++n,
      watched_at: `2026-0${1 + (n % 4)}-1${n % 10}T20:00:00.000Z`,
      action: 'scrobble',
    };
    return t.mediaType === 'movie'
      ? { ...play, type: 'movie', movie: { title, year: t.year, ids } }
      : {
          ...play,
          type: 'episode',
          episode: {
            season: 1,
            number: 1,
            title: 'Episode 1',
            ids: { trakt: 500_000_000 + n, tvdb: null, imdb: null, tmdb: null },
          },
          show: { title, year: t.year, ids },
        };
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'watched-history-1.json'), JSON.stringify(history, null, 1));
  return dir;
}

let exportDir: string;

before(async () => {
  anilist = await startFakeAniList({ limitPerMinute: 10_000 });
  jikan = await startFakeJikan({ rateLimits: false });
  gemini = await startFakeGemini({ apiKey: GEMINI_KEY });
  exportDir = writeExport(join(tmp, 'export'));
  imported = join(tmp, 'imported');
  const wh = await Warehouse.open(imported);
  await importTraktExport(wh, exportDir, { asOf: '2026-05-01T12:00:00.000Z' });
  wh.close();
  sample = join(tmp, 'sample');
  const wh2 = await Warehouse.open(sample);
  await markAsDemo(wh2); // enriched offline from the sample's bundled answers, which serve the demo alone
  await importTraktExport(wh2, join(ROOT, 'data/sample/trakt-2026-05-01'), { asOf: '2026-05-01T12:00:00.000Z' });
  await enrichTitles(wh2, {
    provider: new AniListProvider({ url: 'http://127.0.0.1:9/', userAgent: UA }),
    offline: true,
  });
  wh2.close();
});
after(async () => {
  await Promise.all([anilist.close(), jikan.close(), gemini.close()]);
  rmSync(tmp, { recursive: true, force: true });
});

function copyOf(dir: string): string {
  const to = join(tmp, `case-${++caseNo}`);
  cpSync(dir, to, { recursive: true });
  return to;
}

// ---------------------------------------------------------------------------------------------------------------
// What must hold after every run, faults or not.

interface Health {
  integrity: string;
  duplicateCacheRows: number;
  duplicateMatches: number;
  duplicateLabels: number;
  cachedKeys: Set<string>;
  matches: Map<string, string>;
  /** Status and error of the last enrich run in pipeline_runs. */
  lastRun: string | null;
  lastError: string | null;
}

/** Read the warehouse FILE with another SQLite (native), as a person's tools would. */
function health(dataDir: string): Health {
  const db = new Database(join(dataDir, 'warehouse.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const n = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    return {
      integrity: (db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check,
      duplicateCacheRows: n(
        'SELECT count(*) AS n FROM (SELECT provider, request_key FROM api_cache GROUP BY provider, request_key HAVING count(*) > 1)',
      ),
      duplicateMatches: n(
        'SELECT count(*) AS n FROM (SELECT title_key FROM title_match GROUP BY title_key HAVING count(*) > 1)',
      ),
      duplicateLabels: n(
        'SELECT count(*) AS n FROM (SELECT mal_id, model FROM label_cache GROUP BY mal_id, model HAVING count(*) > 1)',
      ),
      cachedKeys: new Set(
        (db.prepare('SELECT provider, request_key AS k FROM api_cache').all() as { provider: string; k: string }[]).map(
          (r) => `${r.provider} ${r.k}`,
        ),
      ),
      matches: new Map(
        (
          db.prepare('SELECT title_key AS k, status, mal_id AS m FROM title_match').all() as {
            k: string;
            status: string;
            m: number | null;
          }[]
        ).map((r) => [r.k, `${r.status}:${r.m}`]),
      ),
      ...((): { lastRun: string | null; lastError: string | null } => {
        const r = db
          .prepare("SELECT status, error FROM pipeline_runs WHERE kind = 'enrich' ORDER BY run_id DESC LIMIT 1")
          .get() as { status: string; error: string | null } | undefined;
        return { lastRun: r?.status ?? null, lastError: r?.error ?? null };
      })(),
    };
  } finally {
    db.close();
  }
}

function assertHealthy(h: Health, where: string): void {
  assert.equal(h.integrity, 'ok', `${where}: integrity_check`);
  assert.equal(h.duplicateCacheRows, 0, `${where}: one api_cache row per (provider, request_key)`);
  assert.equal(h.duplicateMatches, 0, `${where}: one title_match row per title`);
  assert.equal(h.duplicateLabels, 0, `${where}: one label_cache row per (mal_id, model)`);
}

/** The cache keys ("provider key") a fake was asked for, read back from its request log. */
function askedKeys(provider: 'anilist' | 'jikan', log: readonly LogEntry[]): string[] {
  const keys: string[] = [];
  for (const e of log) {
    if (provider === 'anilist') {
      const vars = (e.json as { variables?: Record<string, unknown> } | undefined)?.variables ?? {};
      for (const [k, v] of Object.entries(vars)) {
        if (/^s\d+$/.test(k)) keys.push(`anilist search:${normalizeTitle(String(v))}`);
        if (k === 'ids') for (const id of v as number[]) keys.push(`anilist mal:${id}`);
      }
    } else {
      const u = new URL(e.path, 'http://x');
      if (u.pathname === '/v4/anime') keys.push(`jikan search:${normalizeTitle(u.searchParams.get('q') ?? '')}`);
      const m = /^\/v4\/anime\/(\d+)\/full$/.exec(u.pathname);
      if (m) keys.push(`jikan mal:${m[1]}`);
    }
  }
  return keys;
}

// ---------------------------------------------------------------------------------------------------------------
// Enrichment, in process: each fault as a short burst (the run finishes) and as a storm (the run stops resumably).

type Kind = 'anilist' | 'jikan';
const fakeOf = (kind: Kind): FakeServerHandle => (kind === 'anilist' ? anilist : jikan);

interface ProviderKnobs {
  maxRetries?: number;
  timeoutMs?: number;
}

function provider(kind: Kind, knobs: ProviderKnobs = {}, url = fakeOf(kind).url): Provider {
  // retryBaseMs: the backoff is real time; 10 ms keeps a retried request cheap.
  const common = { userAgent: UA, timeoutMs: TIMEOUT_MS, maxRetries: 2, retryBaseMs: 10, ...knobs };
  return kind === 'anilist'
    ? new AniListProvider({ url, perMinute: 10_000, ...common })
    : new JikanProvider({ url, perSecond: 10_000, perMinute: 100_000, ...common });
}

/** Title → match of a run without faults, per provider (what every faulty run must end with). */
const reference = new Map<Kind, Map<string, string>>();

async function enrichRun(kind: Kind, dir: string, knobs: ProviderKnobs = {}, url?: string): Promise<EnrichResult> {
  const wh = await Warehouse.open(dir);
  try {
    return await enrichTitles(wh, { provider: provider(kind, knobs, url), useBundled: false });
  } finally {
    wh.close();
  }
}

interface FaultCase {
  name: string;
  /** Arm the fake (its counters were just reset, so request numbers start at 1). */
  arm: (fake: FakeServerHandle) => void;
  /** null: the run must finish; else the run must stop with this reason. */
  stop: RegExp | null;
  knobs?: ProviderKnobs;
}

/** A fault on every request after the first `after` (so some work finishes before the run stops). */
const storm =
  (fault: FaultInput, after = 1) =>
  (fake: FakeServerHandle): void =>
    fake.setFaultFn((r) => (r.n > after ? fault : null));
const burst =
  (...faults: FaultInput[]) =>
  (fake: FakeServerHandle): void => {
    for (const f of faults) fake.inject(f);
  };

const HTML_PAGE =
  '<!DOCTYPE html><html><head><title>Captive portal</title></head><body>Sign in to continue</body></html>';
/** JSON bodies of the right syntax and the wrong shape, per provider; the last is the most plausible one. */
const WRONG_SHAPE: Record<Kind, string[]> = {
  anilist: [
    'null',
    '[]',
    '{}',
    '{"data":{"page":{"media":{"0":1}}}}',
    '{"data":{"q0":{"media":"oops"}}}',
    '{"data":{"q0":{"media":[null]}}}',
    '{"data":{}}',
  ],
  jikan: [
    'null',
    '{"data":"oops"}',
    '{"pagination":{}}',
    '{"status":500,"type":"ParserException","message":"Unable to parse this request","error":null}',
  ],
};
function cases(kind: Kind): FaultCase[] {
  const SHORT = { timeoutMs: SHORT_TIMEOUT_MS[kind] };
  const p = kind === 'anilist' ? 'AniList' : 'Jikan';
  // Storms run with one retry, bursts with enough retries to get through.
  const failed = (last: string) =>
    new RegExp(`${p} failed 2 times in a row \\(last: ${last}\\) at http://127\\.0\\.0\\.1:`);
  const askedToWait = (minutes: string) =>
    new RegExp(`${p} asked anidex to wait ${minutes} minutes before the next request\\.`);
  const shapes = WRONG_SHAPE[kind];
  return [
    // the server never answers: the request's timeout fires
    { name: 'timeout once', arm: burst('hang'), stop: null, knobs: SHORT },
    { name: 'timeouts throughout', arm: storm('hang'), stop: failed('ETIMEDOUT'), knobs: SHORT },
    // connection resets, before the answer and in the middle of it
    { name: 'reset before and in the middle of the answer, once each', arm: burst('reset', 'truncated'), stop: null },
    { name: 'resets in the middle of every answer', arm: storm('truncated'), stop: failed('[A-Z_]+') },
    // 429 storms
    {
      name: '429 storm: eight in a row with Retry-After 0.05',
      arm: burst(...Array<FaultInput>(8).fill({ kind: 'rateLimited', retryAfterHeader: '0.05' })),
      stop: null,
    },
    {
      name: '429 for ever',
      arm: storm({ kind: 'rateLimited', retryAfterHeader: '0.02' }),
      stop: new RegExp(`${p} kept answering 429 Too Many Requests \\(11 times in a row\\)`),
    },
    {
      name: '429 with Retry-After: 86400',
      arm: storm({ kind: 'rateLimited', retryAfterHeader: '86400' }),
      stop: askedToWait('1440'),
    },
    {
      name: '429 with Retry-After as an HTTP date a year away',
      arm: storm({ kind: 'rateLimited', retryAfterHeader: new Date(Date.now() + 365 * 86_400_000).toUTCString() }),
      stop: askedToWait('\\d{6}'),
    },
    {
      name: 'a 200 with X-RateLimit-Remaining 0 and a reset a day away',
      arm: storm({ kind: 'headers', headers: { 'X-RateLimit-Remaining': '0', 'Retry-After': '86400' } }, 0),
      stop: askedToWait('1440'),
    },
    // 5xx bursts
    {
      name: '5xx burst: 503 JSON, 502 HTML, 500',
      arm: burst(
        { kind: 'http', status: 503 },
        { kind: 'http', status: 502, body: 'html' },
        { kind: 'http', status: 500 },
      ),
      stop: null,
      knobs: { maxRetries: 3 },
    },
    { name: '5xx throughout', arm: storm({ kind: 'http', status: 500 }), stop: failed('HTTP 500') },
    // malformed bodies: cut JSON, an HTML page with 200, JSON of the wrong shape
    {
      name: `malformed burst: cut JSON, an HTML page with 200, then ${shapes.length} wrong shapes`,
      arm: burst(
        'malformed',
        { kind: 'body', body: HTML_PAGE, contentType: 'text/html' },
        ...shapes.map((body): FaultInput => ({ kind: 'body', body })),
      ),
      stop: null,
      knobs: { maxRetries: shapes.length + 2 },
    },
    {
      name: 'cut JSON throughout',
      arm: storm('malformed'),
      stop: failed('an unreadable answer \\(HTTP 200, not JSON\\)'),
    },
    {
      name: 'an HTML page with 200 throughout',
      arm: storm({ kind: 'body', body: HTML_PAGE, contentType: 'text/html' }),
      stop: failed('an unreadable answer \\(HTTP 200, not JSON\\)'),
    },
    {
      name: `the wrong shape throughout: ${shapes.at(-1)}`,
      arm: storm({ kind: 'body', body: shapes.at(-1)! }),
      stop: failed('an answer of the wrong shape \\(HTTP 200\\)'),
    },
    // very slow answers
    {
      name: 'a trickled answer within the timeout',
      arm: burst(
        { kind: 'trickle', intervalMs: 2, chunkBytes: 4096 },
        { kind: 'trickle', intervalMs: 2, chunkBytes: 4096 },
      ),
      stop: null,
    },
    {
      name: 'trickled answers slower than the timeout',
      arm: storm({ kind: 'trickle', intervalMs: 150, chunkBytes: 16 }),
      stop: failed('ETIMEDOUT'),
      knobs: SHORT,
    },
  ];
}

/** The keys of the answers a fake gave in full (200, no fault but added headers): each must be in the cache. */
const answeredKeys = (kind: Kind, log: readonly LogEntry[]): string[] =>
  askedKeys(
    kind,
    log.filter((e) => e.status === 200 && (e.fault === null || e.fault === 'headers')),
  );

// The suites below run side by side (most of their time is spent waiting: timeouts, backoff, child processes); each
// says how many of its own tests may run at once.
describe('network faults', { concurrency: true }, () => {
  /** One fault case: the faulty run, then (when it stopped) a run with the fault gone; the checks of the header. */
  async function enrichCase(kind: Kind, c: FaultCase, fake: FakeServerHandle): Promise<void> {
    const dir = copyOf(imported);
    fake.clearFaults();
    fake.resetCounters();
    c.arm(fake);
    const first = await enrichRun(kind, dir, { maxRetries: c.stop ? 1 : 2, ...c.knobs }, fake.url);
    fake.clearFaults();
    const h1 = health(dir);
    assertHealthy(h1, 'after the faulty run');
    const lost = answeredKeys(kind, fake.log).filter((k) => !h1.cachedKeys.has(k));
    assert.deepEqual(lost, [], 'every answer received is in the cache (no lost checkpoint)');
    if (c.stop === null) {
      assert.equal(first.stoppedBecause, null, `the run finished (${first.stoppedBecause})`);
      assert.equal(first.pending, 0);
      assert.equal(h1.lastRun, 'ok');
      assert.deepEqual(h1.matches, reference.get(kind), 'the same matches as without faults');
      return;
    }
    assert.match(first.stoppedBecause ?? '(finished)', c.stop);
    assert.equal(h1.lastRun, 'partial', 'the audit row says the run stopped early');
    assert.match(h1.lastError ?? '', c.stop, 'and why');
    // The fault is gone: a later run finishes and asks for nothing that was already answered.
    fake.resetCounters();
    const second = await enrichRun(kind, dir, {}, fake.url);
    assert.equal(second.stoppedBecause, null);
    assert.equal(second.pending, 0);
    const repeated = askedKeys(kind, fake.log).filter((k) => h1.cachedKeys.has(k));
    assert.deepEqual(repeated, [], 'no repeat calls for finished work');
    const h2 = health(dir);
    assertHealthy(h2, 'after the resumed run');
    assert.equal(h2.lastRun, 'ok');
    assert.deepEqual(h2.matches, reference.get(kind), 'the same matches as without faults');
  }

  const startFake = (kind: Kind): Promise<FakeServerHandle> =>
    kind === 'anilist' ? startFakeAniList({ limitPerMinute: 10_000 }) : startFakeJikan({ rateLimits: false });

  describe('enrichment under network faults', { concurrency: true }, () => {
    before(async () => {
      await Promise.all(
        (['anilist', 'jikan'] as const).map(async (kind) => {
          const dir = copyOf(imported);
          const r = await enrichRun(kind, dir);
          assert.equal(r.pending, 0);
          assert.equal(r.stoppedBecause, null);
          assert.ok(r.matched >= 15, `${r.matched} matched`);
          reference.set(kind, health(dir).matches);
        }),
      );
    });
    for (const kind of ['anilist', 'jikan'] as const) {
      // Most cases one after the other on the provider's shared fake; the ones that wait for timeouts side by side,
      // each on a fake of its own.
      describe(kind, { concurrency: 1 }, () => {
        for (const c of cases(kind).filter((x) => !x.knobs?.timeoutMs))
          test(c.name, { timeout: 30_000 }, () => enrichCase(kind, c, fakeOf(kind)));
      });
      describe(`${kind}: timeouts`, { concurrency: true }, () => {
        // Each case waits out several real timeouts; the limit only guards against a hang, so it leaves room for a
        // loaded machine (28 s of 30 were seen at load 12).
        for (const c of cases(kind).filter((x) => x.knobs?.timeoutMs)) {
          test(c.name, { timeout: 90_000 }, async () => {
            const fake = await startFake(kind);
            try {
              await enrichCase(kind, c, fake);
            } finally {
              await fake.close();
            }
          });
        }
      });
    }
  });

  // ---------------------------------------------------------------------------------------------------------------
  // Gemini, in process: mood labels (a stop keeps what finished; the next run asks only for the rest) and
  // recommendations (an answer, or one clear error; never a crash).

  const LABEL_MODEL = 'gemini-2.5-flash-lite';

  function geminiClient(over: Partial<GeminiConfig> = {}): GeminiClient {
    return new GeminiClient(
      {
        apiKey: GEMINI_KEY,
        model: LABEL_MODEL,
        baseUrl: gemini.url,
        perMinute: 10_000,
        timeoutMs: TIMEOUT_MS,
        maxRetries: 2,
        dailyBudget: 10_000,
        retryBaseMs: 5,
        ...over,
      },
      new UsageCounter(null),
    );
  }

  /** mal_ids a labelling request asked about (the prompt's "id | title | …" lines). */
  function promptIds(body: GeminiRequestBody | undefined): number[] {
    const text = body?.contents?.[0]?.parts?.[0]?.text ?? '';
    return [...text.matchAll(/^(\d+) \| /gm)].map((m) => Number(m[1]));
  }

  const labelAnswer = (body: GeminiRequestBody): unknown => ({
    labels: promptIds(body).map((id) => ({ mal_id: id, moods: ['cozy'] })),
  });
  const recommendAnswer = (body: GeminiRequestBody): unknown => ({
    recommendations: promptIds(body)
      .slice(0, 5)
      .map((id, i) => ({ mal_id: id, confidence: 0.9 - i / 10, reason: `pick ${i + 1}`, priority: i + 1 })),
  });

  function labelled(dir: string): Set<number> {
    const db = new Database(join(dir, 'warehouse.sqlite'), { readonly: true });
    try {
      return new Set(
        (db.prepare('SELECT mal_id AS id FROM label_cache WHERE model = ?').all(LABEL_MODEL) as { id: number }[]).map(
          (r) => r.id,
        ),
      );
    } finally {
      db.close();
    }
  }

  interface GeminiCase {
    name: string;
    /** Faults for the next requests (a `latency` 0 lets one request through untouched). */
    faults: GeminiFaultInput[];
    /** Answers of the wrong shape (JSON mode can still return any JSON): replaces the respond handler for the faulty run. */
    respond?: (body: GeminiRequestBody, n: number) => unknown;
    /** null: labelling finishes; else it stops with this reason. */
    stop: RegExp | null;
    config?: Partial<GeminiConfig>;
    /** The answers themselves are bad (not the transport). */
    malformed?: boolean;
  }

  const OK: GeminiFaultInput = { kind: 'latency', ms: 0 } as unknown as GeminiFaultInput;
  const times = (n: number, f: GeminiFaultInput): GeminiFaultInput[] => Array<GeminiFaultInput>(n).fill(f);
  const GEMINI_CASES: GeminiCase[] = [
    // a timeout is not retried (the request may still be running and billed): it stops at once
    {
      name: 'timeout: the server never answers',
      faults: [OK, 'hang'],
      stop: new RegExp(`^Gemini \\(gemini-2\\.5-flash-lite\\) ${GEMINI_TIMEOUT_TEXT}\\.$`),
      config: { timeoutMs: GEMINI_SHORT_TIMEOUT_MS },
    },
    { name: 'reset before an answer, then in the middle of one', faults: ['reset', 'cut'], stop: null },
    {
      name: 'resets in the middle of every answer',
      faults: [OK, ...times(5, 'cut')],
      stop: /^Gemini could not be reached at http:\/\/127\.0\.0\.1:\d+, 2 tries \(terminated\)\.$/,
      config: { maxRetries: 1 },
    },
    {
      name: '429 burst with RetryInfo 0.01s',
      faults: times(2, { kind: 'rate-limited', retryDelay: '0.01s' }),
      stop: null,
    },
    {
      name: '429 for ever',
      faults: [OK, ...times(5, { kind: 'rate-limited', retryDelay: '0.01s' })],
      stop: /^Gemini kept answering 429 RESOURCE_EXHAUSTED for gemini-2\.5-flash-lite, 2 tries \(HTTP 429: /,
      config: { maxRetries: 1 },
    },
    {
      name: '429 asking to wait a day (RetryInfo 86400s)',
      faults: [OK, { kind: 'rate-limited', retryDelay: '86400s' }],
      stop: /^Gemini asked anidex to wait 1440 minutes before the next request to gemini-2\.5-flash-lite \(HTTP 429: /,
    },
    {
      name: '429 on the per-day quota',
      faults: [OK, { kind: 'rate-limited', quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier' }],
      stop: /^Gemini's requests-per-day quota for gemini-2\.5-flash-lite is used up/,
    },
    { name: '5xx burst: 503, 500', faults: ['unavailable', 'internal'], stop: null },
    {
      name: '503 throughout',
      faults: [OK, ...times(5, 'unavailable')],
      stop: /^Gemini is unavailable, 2 tries \(HTTP 503: The model is overloaded\. Please try again later\.\)\.$/,
      config: { maxRetries: 1 },
    },
    // malformed answers are answers: retried in halves, then skipped with a message; never a stop, never a crash
    {
      name: 'cut JSON (MAX_TOKENS), cut JSON (STOP), an HTML page with 200',
      faults: [{ kind: 'truncated-json' }, { kind: 'truncated-json', finishReason: 'STOP' }, 'not-json'],
      stop: null,
      malformed: true,
    },
    {
      name: 'JSON of the wrong shape: {"labels":"oops"}, [null, 7, "x"], a bare array',
      faults: [],
      respond: (body, n) =>
        n === 1
          ? { labels: 'oops' }
          : n === 2
            ? { labels: [null, 7, 'x', ...promptIds(body).map((id) => ({ mal_id: id, moods: 'cozy' }))] }
            : n === 3
              ? [1, 2]
              : labelAnswer(body),
      stop: null,
      malformed: true,
    },
    {
      name: 'a trickled answer within the timeout',
      faults: [{ kind: 'trickle', intervalMs: 1, chunkBytes: 256 }],
      stop: null,
    },
    {
      name: 'a trickled answer slower than the timeout',
      faults: [OK, { kind: 'trickle', intervalMs: 100, chunkBytes: 8 }],
      stop: new RegExp(GEMINI_TIMEOUT_TEXT),
      config: { timeoutMs: GEMINI_SHORT_TIMEOUT_MS },
    },
  ];

  describe('Gemini under network faults', { concurrency: 1 }, () => {
    for (const c of GEMINI_CASES) {
      test(`labels: ${c.name}`, { timeout: 30_000 }, async () => {
        const dir = copyOf(sample);
        gemini.clearFaults();
        gemini.resetCounters();
        let n = 0;
        gemini.setRespond((body) => (c.respond ? c.respond(body, ++n) : labelAnswer(body)));
        for (const f of c.faults) gemini.inject(f);
        const wh = await Warehouse.open(dir);
        const total = wh.db.get<{ n: number }>('SELECT count(*) AS n FROM dim_anime')!.n;
        let first;
        try {
          first = await labelMoods(wh, geminiClient(c.config));
        } finally {
          wh.close();
        }
        gemini.clearFaults();
        gemini.setRespond(labelAnswer);
        assertHealthy(health(dir), 'after the faulty run');
        const done = labelled(dir);
        if (c.stop === null) {
          assert.equal(first.stoppedBecause, null, `finished (${first.stoppedBecause})`);
          assert.ok(!first.messages.some((m) => /GEMINI|SECRET/.test(m)));
        } else {
          assert.match(first.stoppedBecause ?? '(finished)', c.stop);
          assert.ok(!first.stoppedBecause!.includes(GEMINI_KEY));
          assert.ok(
            done.size > 0 && done.size < total,
            `the batches before the stop are kept (${done.size} of ${total})`,
          );
        }
        // The fault is gone: the next run labels the rest, asking only about titles without labels.
        gemini.resetCounters();
        const wh2 = await Warehouse.open(dir);
        let second;
        try {
          second = await labelMoods(wh2, geminiClient());
        } finally {
          wh2.close();
        }
        assert.equal(second.stoppedBecause, null);
        const askedAgain = gemini.log.flatMap((e) => promptIds(e.body)).filter((id) => done.has(id));
        assert.deepEqual(askedAgain, [], 'titles labelled before are not asked about again');
        assert.equal(labelled(dir).size, total, 'every anime is labelled in the end');
        assertHealthy(health(dir), 'after the resumed run');
      });
    }

    for (const c of GEMINI_CASES) {
      test(`recommendations: ${c.name}`, { timeout: 30_000 }, async () => {
        gemini.clearFaults();
        gemini.resetCounters();
        let n = 0;
        const wrong = c.respond
          ? (body: GeminiRequestBody, k: number) =>
              k <= 2 ? { recommendations: k === 1 ? [null, 7, 'x'] : 'oops' } : recommendAnswer(body)
          : null;
        gemini.setRespond((body) => (wrong ? wrong(body, ++n) : recommendAnswer(body)));
        // Recommending makes one request (two when the first answer is unusable): the faults start at once.
        for (const f of c.faults.filter((f) => f !== OK)) gemini.inject(f);
        const wh = await Warehouse.open(sample);
        try {
          const opts = {
            provider: new AniListProvider({ url: 'http://127.0.0.1:9/', userAgent: UA }),
            offline: true,
            filter: {},
            count: 5,
          };
          let outcome: string;
          try {
            const r = await recommendGemini(wh, geminiClient(c.config), opts);
            outcome = `${r.items.length} items`;
          } catch (err) {
            assert.ok(err instanceof AnidexError, `a clear error, not a crash: ${(err as Error).stack}`);
            assert.ok(!err.message.includes(GEMINI_KEY) && !(err.hint ?? '').includes(GEMINI_KEY));
            outcome = err.message;
          }
          if (c.stop) assert.match(outcome, c.stop);
          // An unusable answer is retried once with half the candidates, then ends in one message (README).
          else if (c.malformed) assert.match(outcome, /^(0 items|Gemini's answer was unusable twice \(.+\)\.)$/);
          else assert.equal(outcome, '5 items');
          gemini.clearFaults();
          gemini.setRespond(recommendAnswer);
          const again = await recommendGemini(wh, geminiClient(), opts);
          assert.equal(again.items.length, 5, 'with the fault gone the same request works');
        } finally {
          wh.close();
        }
        assertHealthy(health(sample), 'the warehouse');
      });
    }
  });

  // ---------------------------------------------------------------------------------------------------------------
  // The CLI: `anidex import` (without --offline) and `anidex enrich` against fakes of their own (so the cases run side
  // by side), each fault once; what it says, its exit code (README: `enrich` exits 1 when the provider stayed
  // unreachable; an import is saved whatever its enrichment does, so it exits 0), then a run with the fault gone.

  interface CliResult {
    code: number | null;
    stdout: string;
    stderr: string;
  }

  /** anidex as a person runs it, in a child process (async: the fakes answer from this process's event loop). */
  async function cli(dataDir: string, args: string[], env: Record<string, string>): Promise<CliResult> {
    const base = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith('ANIDEX_') && k !== 'GEMINI_API_KEY'),
    );
    const child = spawn(process.execPath, ['bin/anidex.js', '--data-dir', dataDir, ...args], {
      cwd: ROOT,
      env: {
        ...base,
        ANIDEX_ANILIST_URL: 'http://127.0.0.1:9/',
        ANIDEX_MAPPING_URL: 'http://127.0.0.1:9/anime-list-full.json',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // 'close', not 'exit': by then both pipes are drained (on 'exit' the last output may still be on its way).
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    clearTimeout(killer);
    return { code, stdout, stderr };
  }

  /** The one line of the output that matches. */
  function lineMatching(text: string, re: RegExp): string {
    const lines = text.split('\n').filter((l) => re.test(l));
    assert.equal(lines.length, 1, `one line matching ${re} in:\n${text}`);
    return lines[0]!;
  }

  interface CliCase {
    name: string;
    kind: Kind;
    /** `import` runs `anidex import <the small export>` on an empty data dir; `enrich` runs `anidex enrich` on it imported. */
    command: 'import' | 'enrich';
    arm: (fake: FakeServerHandle) => void;
    /** The reason in the "Stopped early: …" line. */
    reason: RegExp;
  }

  /** ANIDEX_PROVIDER_TIMEOUT_MS of the cases whose fault is a timeout (they use Jikan, whose requests are light). */
  const CLI_TIMEOUT_MS = '2000';
  const CLI_CASES: CliCase[] = [
    {
      name: 'Jikan never answers (anidex import)',
      kind: 'jikan',
      command: 'import',
      arm: storm('hang', 3),
      reason: /Jikan failed 4 times in a row \(last: ETIMEDOUT\) at http:\/\/127\.0\.0\.1:\d+\/v4\/anime\?q=/,
    },
    {
      name: 'AniList resets in the middle of every answer (anidex import)',
      kind: 'anilist',
      command: 'import',
      arm: storm('truncated'),
      reason: /AniList failed 4 times in a row \(last: [A-Z_]+\) at http:\/\/127\.0\.0\.1:\d+\/\./,
    },
    {
      name: 'Jikan answers 429 for ever (anidex enrich)',
      kind: 'jikan',
      command: 'enrich',
      arm: storm({ kind: 'rateLimited', retryAfterHeader: '0.02' }, 3),
      reason: /Jikan kept answering 429 Too Many Requests \(11 times in a row\)\./,
    },
    {
      name: 'AniList asks to wait a day (anidex enrich)',
      kind: 'anilist',
      command: 'enrich',
      arm: storm({ kind: 'rateLimited', retryAfterHeader: '86400' }),
      reason: /AniList asked anidex to wait 1440 minutes before the next request\./,
    },
    {
      name: 'Jikan 503 throughout (anidex enrich)',
      kind: 'jikan',
      command: 'enrich',
      arm: storm({ kind: 'http', status: 503 }, 3),
      reason: /Jikan failed 4 times in a row \(last: HTTP 503\) at http:\/\/127\.0\.0\.1:\d+\/v4\/anime\?q=/,
    },
    {
      name: 'Jikan answers an HTML page with 200 (anidex enrich)',
      kind: 'jikan',
      command: 'enrich',
      arm: storm({ kind: 'body', body: HTML_PAGE, contentType: 'text/html' }, 3),
      reason: /Jikan failed 4 times in a row \(last: an unreadable answer \(HTTP 200, not JSON\)\)/,
    },
    {
      name: 'AniList answers JSON of the wrong shape (anidex enrich)',
      kind: 'anilist',
      command: 'enrich',
      arm: storm({ kind: 'body', body: '{"data":{}}' }),
      reason: /AniList failed 4 times in a row \(last: an answer of the wrong shape \(HTTP 200\)\)/,
    },
    {
      name: 'Jikan trickles slower than the timeout (anidex enrich)',
      kind: 'jikan',
      command: 'enrich',
      arm: storm({ kind: 'trickle', intervalMs: 150, chunkBytes: 16 }, 3),
      reason: /Jikan failed 4 times in a row \(last: ETIMEDOUT\)/,
    },
  ];

  describe('the CLI says why enrichment stopped, and a later run finishes it', { concurrency: 3 }, () => {
    for (const c of CLI_CASES) {
      test(c.name, { timeout: 60_000 }, async () => {
        const fake: FakeServerHandle =
          c.kind === 'anilist'
            ? await startFakeAniList({ limitPerMinute: 10_000 })
            : await startFakeJikan({ rateLimits: false });
        try {
          const env: Record<string, string> =
            c.kind === 'anilist'
              ? { ANIDEX_ANILIST_URL: fake.url }
              : {
                  ANIDEX_PROVIDER: 'jikan',
                  ANIDEX_JIKAN_URL: fake.url,
                  ANIDEX_JIKAN_PER_SECOND: '10000',
                  ANIDEX_JIKAN_PER_MINUTE: '100000',
                };
          if (/ETIMEDOUT/.test(c.reason.source)) env.ANIDEX_PROVIDER_TIMEOUT_MS = CLI_TIMEOUT_MS;
          const dir = c.command === 'import' ? join(tmp, `cli-${++caseNo}`) : copyOf(imported);
          c.arm(fake);
          const first = await cli(
            dir,
            c.command === 'import' ? ['import', exportDir, '--as-of', '2026-05-01T12:00:00Z'] : ['enrich'],
            env,
          );
          fake.clearFaults();
          const stop = lineMatching(first.stdout, /Stopped early/);
          assert.match(
            stop,
            new RegExp(
              `^  Stopped early: ${c.reason.source}.* Run \`anidex enrich\` later to finish; nothing is fetched twice\\.$`,
            ),
          );
          assert.equal(first.code, c.command === 'import' ? 0 : 1, `exit code (stderr: ${first.stderr})`);
          assert.match(
            first.stdout,
            /Enrichment: \d+ matched, 0 matched by hand, \d+ not anime or not found, [1-9]\d* pending \(of 21 titles\)\./,
          );
          assert.doesNotMatch(first.stdout + first.stderr, /unexpected error|\n\s+at /, 'no crash, no stack');
          const h1 = health(dir);
          assertHealthy(h1, 'after the stopped run');
          const answered = askedKeys(
            c.kind,
            fake.log.filter((e) => e.status === 200 && e.fault === null),
          );
          assert.deepEqual(
            answered.filter((k) => !h1.cachedKeys.has(k)),
            [],
            'every answer received was saved',
          );

          fake.resetCounters();
          const second = await cli(dir, ['enrich'], env);
          assert.equal(second.code, 0, second.stderr);
          assert.match(
            second.stdout,
            /Enrichment: \d+ matched, 0 matched by hand, \d+ not anime or not found, 0 pending \(of 21 titles\)\./,
          );
          assert.doesNotMatch(second.stdout, /Stopped early/);
          assert.deepEqual(
            askedKeys(c.kind, fake.log).filter((k) => h1.cachedKeys.has(k)),
            [],
            'no repeat calls for finished work',
          );
          assertHealthy(health(dir), 'after the resumed run');
        } finally {
          await fake.close();
        }
      });
    }
  });

  // Gemini through the CLI: mood labels inside `anidex enrich` (a stop is reported and does not fail the enrichment,
  // which finished: exit 0) and `anidex recommend --engine gemini` (an error in one sentence and a hint: exit 1).

  interface GeminiCliCase {
    name: string;
    args: string[];
    faults: GeminiFaultInput[];
    code: number;
    /** A line of stdout (`enrich`) or the first line of stderr (`recommend`). */
    says: RegExp;
    /** After the fault is gone, the same command again succeeds and labels only what is left. */
    resumes?: boolean;
  }

  const GEMINI_CLI_TIMEOUT_MS = String(GEMINI_SHORT_TIMEOUT_MS);
  const GEMINI_CLI_CASES: GeminiCliCase[] = [
    {
      name: 'labels: Gemini never answers (anidex enrich)',
      args: ['enrich'],
      faults: [OK, 'hang'],
      code: 0,
      resumes: true,
      says: new RegExp(
        `^ {2}Labelling stopped: Gemini \\(gemini-2\\.5-flash-lite\\) ${GEMINI_TIMEOUT_TEXT}\\. Moods of unlabelled titles come from genres and tags\\.$`,
      ),
    },
    {
      name: 'labels: 429 for ever (anidex enrich)',
      args: ['enrich'],
      faults: [OK, ...times(4, { kind: 'rate-limited', retryDelay: '0.01s' })],
      code: 0,
      resumes: true,
      says: /^ {2}Labelling stopped: Gemini kept answering 429 RESOURCE_EXHAUSTED for gemini-2\.5-flash-lite, 4 tries \(HTTP 429: You exceeded your current quota/,
    },
    {
      name: 'labels: a reset in the middle of an answer, a 503, cut JSON (anidex enrich)',
      args: ['enrich'],
      faults: ['cut', 'unavailable', { kind: 'truncated-json' }],
      code: 0,
      says: /^ {2}Mood labels from Gemini: \d+ new, 0 cached, 0 skipped, 0 labels outside the vocabulary dropped \(\d+ requests\)\.$/,
    },
    {
      name: 'recommend: 429 asking to wait a day',
      args: ['recommend', '--engine', 'gemini'],
      faults: [{ kind: 'rate-limited', retryDelay: '86400s' }],
      code: 1,
      says: /^anidex: Gemini asked anidex to wait 1440 minutes before the next request to gemini-2\.5-flash-lite \(HTTP 429: .*\)\.$/,
    },
    {
      name: 'recommend: an HTML page with 200, twice (--json)',
      args: ['recommend', '--json'],
      faults: ['not-json', 'not-json'],
      code: 1,
      says: /^anidex: Gemini's answer was unusable twice \(Gemini answered HTTP 200 with a body that is not JSON \(.*\)\.\)\.$/,
    },
    {
      name: 'recommend: an answer trickled slower than the timeout (--debug)',
      args: ['recommend', '--debug'],
      faults: [{ kind: 'trickle', intervalMs: 100, chunkBytes: 8 }],
      code: 1,
      says: new RegExp(`^anidex: Gemini \\(gemini-2\\.5-flash-lite\\) ${GEMINI_TIMEOUT_TEXT}\\.$`),
    },
    {
      name: 'recommend: a reset in the middle of the answer, then a 503: retried, answered',
      args: ['recommend'],
      faults: ['cut', 'unavailable'],
      code: 0,
      says: /^Gemini \(gemini-2\.5-flash-lite\) ranked 5 of the candidates; dropped 0 invented/,
    },
  ];

  describe('the CLI says why Gemini stopped', { concurrency: 2 }, () => {
    for (const c of GEMINI_CLI_CASES) {
      test(c.name, { timeout: 60_000 }, async () => {
        const fake = await startFakeGemini({
          apiKey: GEMINI_KEY,
          respond: (body) =>
            body.systemInstruction?.parts[0]?.text === LABEL_SYSTEM ? labelAnswer(body) : recommendAnswer(body),
        });
        try {
          const dir = copyOf(sample);
          const env = {
            GEMINI_API_KEY: GEMINI_KEY,
            ANIDEX_GEMINI_URL: fake.url,
            ANIDEX_GEMINI_TIMEOUT_MS: GEMINI_CLI_TIMEOUT_MS,
            ANIDEX_GEMINI_RPM: '1000',
            ANIDEX_GEMINI_DAILY_BUDGET: '1000',
          };
          for (const f of c.faults) fake.inject(f);
          const r = await cli(dir, c.args, env);
          fake.clearFaults();
          assert.equal(r.code, c.code, `exit code; stderr: ${r.stderr}`);
          const out = c.args[0] === 'enrich' || c.code === 0 ? r.stdout : r.stderr.split('\n')[0]!;
          lineMatching(out, c.says);
          if (c.code === 1) assert.match(r.stderr.split('\n')[1] ?? '', /^ {2}\S/, 'then what to do, on the next line');
          assert.doesNotMatch(r.stdout + r.stderr, /unexpected error/);
          assert.ok(!(r.stdout + r.stderr).includes(GEMINI_KEY), 'the key is never printed');
          assertHealthy(health(dir), 'after the run');
          if (!c.resumes) return;
          const done = labelled(dir);
          fake.resetCounters();
          const again = await cli(dir, c.args, env);
          assert.equal(again.code, 0, again.stderr);
          assert.match(again.stdout, new RegExp(`Mood labels from Gemini: \\d+ new, ${done.size} cached, 0 skipped`));
          assert.deepEqual(
            fake.log.flatMap((e) => promptIds(e.body)).filter((id) => done.has(id)),
            [],
            'labelled titles are not asked about again',
          );
        } finally {
          await fake.close();
        }
      });
    }
  });

  // ---------------------------------------------------------------------------------------------------------------
  // The TUI's import screen: the run ends ("Import · done": the import is saved) and its summary says why enrichment
  // and labelling stopped.

  describe('the TUI import screen shows why enrichment stopped', { concurrency: 1 }, () => {
    test('Jikan answers 503 after three titles, Gemini never answers', { timeout: 60_000 }, async () => {
      const [{ createElement }, { render }, { App }, { themeFromEnv }, { TuiSession }] = await Promise.all([
        import('react'),
        import('ink-testing-library'),
        import('../src/ui/app.tsx'),
        import('../src/ui/theme/theme.ts'),
        import('../src/app/tui-session.ts'),
      ]);
      const fakeJikan = await startFakeJikan({ rateLimits: false });
      const fakeGemini = await startFakeGemini({ apiKey: GEMINI_KEY, respond: labelAnswer });
      const saved = { ...process.env };
      Object.assign(process.env, {
        ANIDEX_PROVIDER: 'jikan',
        ANIDEX_JIKAN_URL: fakeJikan.url,
        ANIDEX_JIKAN_PER_SECOND: '10000',
        ANIDEX_JIKAN_PER_MINUTE: '100000',
        GEMINI_API_KEY: GEMINI_KEY,
        ANIDEX_GEMINI_URL: fakeGemini.url,
        ANIDEX_GEMINI_TIMEOUT_MS: GEMINI_CLI_TIMEOUT_MS,
        // The CLI cases running beside this one count their requests in the same usage file (this file's state folder).
        ANIDEX_GEMINI_DAILY_BUDGET: '1000',
      });
      fakeJikan.setFaultFn((r) => (r.n > 3 ? { kind: 'http', status: 503 } : null));
      fakeGemini.inject('hang', 5);
      const dir = join(tmp, 'tui');
      // Folders of its own: the Gemini requests the CLI cases sent today must not count against this run's budget.
      const session = await TuiSession.open(dir, {
        dirs: { config: join(tmp, 'tui-config'), cache: join(tmp, 'tui-cache'), state: join(tmp, 'tui-state') },
      });
      let app: ReturnType<typeof render> | null = null;
      try {
        app = render(
          createElement(App, {
            services: session,
            rows: [],
            empty: true,
            dataDir: '/data',
            width: 100,
            height: 40,
            theme: themeFromEnv({ NO_COLOR: '1' }),
            clock: () => 0,
          }),
        );
        const until = async (re: RegExp, ms = 30_000): Promise<string> => {
          const end = Date.now() + ms;
          for (;;) {
            const f = app!.lastFrame() ?? '';
            if (re.test(f)) return f;
            if (Date.now() > end) assert.fail(`no frame matched ${re}; last frame:\n${f}`);
            await sleep(25);
          }
        };
        // A key is only typed once the screen shows the previous one took effect (a key sent before a screen listens
        // is lost, and Enter on the welcome screen would import the bundled sample instead).
        const pause = (): Promise<unknown> => sleep(100);
        await until(/Welcome/);
        for (let i = 0; !/> Import my export/.test(app.lastFrame() ?? ''); i++) {
          assert.ok(i < 50, 'the welcome menu moves down');
          app.stdin.write(/> Quit/.test(app.lastFrame() ?? '') ? 'k' : 'j');
          await pause();
        }
        app.stdin.write('\r');
        await until(/The path of your export/);
        await pause();
        app.stdin.write(exportDir);
        await until(/export▏/);
        await pause();
        app.stdin.write('\r');
        const frame = await until(/Import · done/);
        const text = frame.replace(/\n {2,}/g, ' ').replace(/ +/g, ' ');
        assert.match(
          text,
          /Enrichment: \d+ matched, 0 matched by hand, \d+ not anime or not found, [1-9]\d* pending \(of 21 titles\)\./,
        );
        assert.match(
          text,
          /Stopped early: Jikan failed 4 times in a row \(last: HTTP 503\) at http:\/\/127\.0\.0\.1:\d+\/v4\/anime\?q=\S+\. Run `anidex enrich` later to finish; nothing is fetched twice\./,
        );
        assert.match(
          text,
          new RegExp(`Labelling stopped: Gemini \\(gemini-2\\.5-flash-lite\\) ${GEMINI_TIMEOUT_TEXT}\\.`),
        );
        assert.ok(!frame.includes(GEMINI_KEY));
      } finally {
        app?.unmount(); // a mounted Ink app would keep this process alive after a failure
        session.close();
        for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
        Object.assign(process.env, saved);
        await Promise.all([fakeJikan.close(), fakeGemini.close()]);
      }
      assertHealthy(health(dir), 'after the TUI import');
    });
  });
});
