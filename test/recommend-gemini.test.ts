// The Gemini engine against the fake Gemini server: grounded answers only, failures end clearly, and the key
// never leaks (CLI output, --dry-run, the warehouse).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { Warehouse } from '../src/warehouse/store.ts';
import { importTraktExport } from '../src/app/import.ts';
import { enrichTitles } from '../src/app/enrich.ts';
import { recommendGemini } from '../src/app/recommend.ts';
import { AniListProvider } from '../src/enrich/anilist.ts';
import { GeminiClient } from '../src/ai/gemini.ts';
import { UsageCounter } from '../src/ai/usage.ts';
import { historyMalIds } from '../src/warehouse/enrichment.ts';
import { startFakeGemini, type FakeGemini } from './fakes/gemini-server.ts';
import { ROOT, waitForExit } from './helpers/proc.ts';
import { markAsDemo } from './helpers/demo-warehouse.ts';

const KEY = 'AIzaTEST-SECRET-4242';
const provider = () => new AniListProvider({ url: 'http://127.0.0.1:9/', userAgent: 'anidex-test' });
let gemini: FakeGemini;
let dataDir: string;

/** Candidate ids the prompt offered, read back from the request the fake received. */
function offered(body: { contents?: Array<{ parts?: Array<{ text?: string }> }> }): number[] {
  const text = body.contents?.[0]?.parts?.[0]?.text ?? '';
  return [...text.matchAll(/^(\d+) \| /gm)].map((m) => Number(m[1]));
}

before(async () => {
  gemini = await startFakeGemini({ apiKey: KEY });
  dataDir = mkdtempSync(join(tmpdir(), 'anidex-gem-'));
  const wh = await Warehouse.open(dataDir);
  await markAsDemo(wh); // enriched offline from the sample's bundled answers
  await importTraktExport(wh, join(ROOT, 'data/sample/trakt-2026-05-01'), { asOf: '2026-05-01T12:00:00.000Z' });
  await importTraktExport(wh, join(ROOT, 'data/sample/trakt-2026-08-15.zip'), { asOf: '2026-08-15T12:00:00.000Z' });
  await enrichTitles(wh, { provider: provider(), offline: true });
  wh.close();
});
after(async () => gemini.close());

function client(extra: { maxRetries?: number } = {}): GeminiClient {
  return new GeminiClient(
    { apiKey: KEY, model: 'gemini-2.5-flash-lite', baseUrl: gemini.url, perMinute: 100, retryBaseMs: 20, ...extra },
    new UsageCounter(null),
  );
}

test('only candidates that were sent survive; invented and watched titles are dropped and counted', async () => {
  const wh = await Warehouse.open(dataDir);
  const seen = [...historyMalIds(wh.db)];
  gemini.setRespond((body) => {
    const ids = offered(body as never);
    return {
      recommendations: [
        { mal_id: ids[0], confidence: 0.9, reason: 'Because you rated Mushishi 10/10', priority: 1 },
        { mal_id: 999999, title: 'An Invented Anime', confidence: 0.99, reason: 'made up', priority: 2 },
        { mal_id: seen[0], confidence: 0.8, reason: 'already watched', priority: 3 },
        { mal_id: ids[1], confidence: 7, reason: '\u001b[31mred\u001b[0m and too confident', priority: 4 },
        { mal_id: ids[0], confidence: 0.5, reason: 'again', priority: 5 },
        { title: 'no id', confidence: 0.5, reason: 'x', priority: 6 },
      ],
    };
  });
  const r = await recommendGemini(wh, client(), { provider: provider(), offline: true, filter: {}, count: 10 });
  assert.equal(r.items.length, 2);
  assert.equal(r.dropped.invented, 1);
  assert.equal(r.dropped.alreadyWatched, 1);
  assert.equal(r.dropped.duplicates, 1);
  assert.equal(r.dropped.malformed, 1);
  assert.equal(r.items[1]!.confidence, 1, 'clamped');
  assert.equal(r.items[1]!.reason, 'red and too confident', 'sanitised');
  assert.ok(r.items.every((x) => !seen.includes(x.malId)));
  const sent = gemini.log.at(-1)!;
  assert.ok(!JSON.stringify(sent.body).includes(KEY), 'the key travels in a header, not the body');
  wh.close();
});

test('an unusable answer is retried once with fewer candidates, then ends in a clear message', async () => {
  const wh = await Warehouse.open(dataDir);
  gemini.setRespond((body) => ({
    recommendations: [{ mal_id: offered(body as never)[0], confidence: 0.7, reason: 'ok', priority: 1 }],
  }));
  gemini.inject('truncated-json');
  const r = await recommendGemini(wh, client(), { provider: provider(), offline: true, filter: {}, count: 5 });
  assert.equal(r.items.length, 1);
  const [first, second] = gemini.log.slice(-2).map((e) => offered(e.body as never).length);
  assert.ok(second! < first!, `the retry sent fewer candidates (${first} then ${second})`);

  gemini.inject('prompt-blocked', 2);
  await assert.rejects(
    recommendGemini(wh, client(), { provider: provider(), offline: true, filter: {}, count: 5 }),
    /unusable twice/,
  );
  gemini.inject({ kind: 'rate-limited', retryDelay: '0.05s' });
  const after429 = await recommendGemini(wh, client(), { provider: provider(), offline: true, filter: {}, count: 5 });
  assert.equal(after429.items.length, 1, '429 with RetryInfo is retried');
  wh.close();
});

test('CLI: --dry-run prints the request without a key; errors and output never contain the key', async () => {
  const env = {
    ...process.env,
    ANIDEX_ANILIST_URL: 'http://127.0.0.1:9/',
    ANIDEX_GEMINI_URL: gemini.url,
    GEMINI_API_KEY: '',
  };
  // An async child: the fake Gemini server answers from this very process, so its event loop must keep running.
  const run = async (args: string[], e: NodeJS.ProcessEnv) => {
    const child = spawn(process.execPath, ['bin/anidex.js', '--data-dir', dataDir, ...args], {
      cwd: ROOT,
      env: e,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const r = await waitForExit(child);
    return { status: r.code, stdout: r.stdout, stderr: r.stderr };
  };
  const dry = await run(['recommend', '--dry-run', '--offline', '--mood', 'cozy'], env);
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /Candidates \(mal_id/);
  assert.match(dry.stdout, /Filters: moods cozy/);
  const noKey = await run(['recommend', '--engine', 'gemini'], env);
  assert.equal(noKey.status, 2);
  assert.match(noKey.stderr, /needs GEMINI_API_KEY/);
  gemini.inject('bad-key');
  const offline = await run(['recommend', '--offline', '--json'], { ...env, GEMINI_API_KEY: KEY });
  assert.equal(offline.status, 0, offline.stderr);
  assert.equal(JSON.parse(offline.stdout).engine, 'local', '--offline never calls Gemini');
  const bad = await run(['recommend', '--debug'], { ...env, GEMINI_API_KEY: KEY });
  assert.equal(bad.status, 1);
  assert.ok(!(bad.stdout + bad.stderr).includes(KEY), 'the key is not in any output, even with --debug');
  const ok = await run(['recommend', '--json'], {
    ...env,
    GEMINI_API_KEY: KEY,
    ANIDEX_GEMINI_MODEL: 'gemini-2.5-flash-lite',
  });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).engine, 'gemini');
  for (const f of readdirSync(dataDir)) {
    if (f.endsWith('.sqlite') || f.endsWith('.json'))
      assert.ok(!readFileSync(join(dataDir, f)).includes(KEY), `${f} holds no key`);
  }
});

test('mood labels: many titles per request, vocabulary enforced, bad answers retried in halves, cached', async () => {
  const wh = await Warehouse.open(dataDir);
  const { labelMoods } = await import('../src/app/labels.ts');
  gemini.setRespond((body) => {
    const text = (body as { contents: Array<{ parts: Array<{ text: string }> }> }).contents[0]!.parts[0]!.text;
    const ids = [...text.matchAll(/^(\d+) \| /gm)].map((m) => Number(m[1]));
    return {
      labels: [...ids.map((id) => ({ mal_id: id, moods: ['cozy', 'melancholic'] })), { mal_id: 1, moods: ['dark'] }],
    };
  });
  const before = gemini.requests;
  gemini.inject('truncated-json');
  const r = await labelMoods(wh, client());
  const total = wh.db.get<{ n: number }>('SELECT count(*) AS n FROM dim_anime')!.n;
  assert.equal(r.labeled, total);
  assert.equal(r.droppedMoods, total, '"melancholic" is not in the vocabulary');
  assert.ok(r.messages.some((m) => /retrying in halves/.test(m)));
  const batches = gemini.requests - before;
  assert.ok(batches <= Math.ceil(total / 25) + 2, `${batches} requests for ${total} titles`);
  const moods = wh.db.all<{ m: string }>('SELECT moods AS m FROM dim_anime');
  assert.ok(moods.every((x) => x.m === '["cozy"]'));
  const again = await labelMoods(wh, client());
  assert.equal(again.requests, 0, 'cached per title and model');
  wh.close();
});

test('with the fake Gemini, cozy short recommendations are ten real, unseen, filter-respecting titles', async () => {
  const wh = await Warehouse.open(mkdtempSync(join(tmpdir(), 'anidex-gem2-')));
  await markAsDemo(wh);
  await importTraktExport(wh, join(ROOT, 'data/sample/trakt-2026-05-01'), { asOf: '2026-05-01T12:00:00.000Z' });
  await importTraktExport(wh, join(ROOT, 'data/sample/trakt-2026-08-15.zip'), { asOf: '2026-08-15T12:00:00.000Z' });
  await enrichTitles(wh, { provider: provider(), offline: true });
  gemini.setRespond((body) => ({
    recommendations: offered(body as never).map((id, i) => ({
      mal_id: id,
      confidence: 0.9 - i * 0.02,
      reason: `fits what you loved (#${i + 1})`,
      priority: i + 1,
    })),
  }));
  const r = await recommendGemini(wh, client(), {
    provider: provider(),
    offline: true,
    filter: { moods: ['cozy'], lengths: ['short'] },
    count: 10,
  });
  assert.equal(r.items.length, 10);
  const seen = historyMalIds(wh.db);
  for (const it of r.items) {
    assert.ok(!seen.has(it.malId));
    assert.ok(it.moods.includes('cozy') && it.length === 'short', `${it.title}: ${it.moods} ${it.length}`);
  }
  wh.close();
});
