// The Gemini key never leaves the environment (issue #7, item 5). test/gemini.test.ts covers the adapter's own
// errors, the inspected client and the usage file; test/recommend-gemini.test.ts `recommend` (--dry-run without a
// key, --offline, --debug with a refused key) and the data dir's top-level files; test/tui.test.ts the recommend
// screen's last frames. This file covers the rest of the list: EVERY command run with the key set, with and
// without --debug and --json (and --dry-run), Gemini failures through the CLI (400 API_KEY_INVALID and 429, one of
// them quoting the key back) in labels and recommendations, every byte of every file under the data dir
// and the XDG folders (warehouse.sqlite with its audit rows, snapshots/, exports; settings.json, the view cache,
// gemini-usage.json), every TUI
// frame of a session that imports, labels, fails and recommends, and the golden frames in snapshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { LABEL_SYSTEM } from '../src/ai/labels.ts';
import { startFakeGemini, type FakeGemini, type GeminiRequestBody } from './fakes/gemini-server.ts';
import { ROOT } from './helpers/proc.ts';
import { markAsDemo } from './helpers/demo-warehouse.ts';
import { Warehouse } from '../src/warehouse/store.ts';
import { resolveDirs } from '../src/lib/config.ts';
import { setTimeout as sleep } from 'node:timers/promises';

/** Shaped like a real key ("AIza" + 35 characters). */
const KEY = `AIza${'SECRETS-TEST-'.padEnd(35, 'k')}`;
/** Any of these in any output or file is a leak (the key, a fragment of it, its URL and base64 forms). */
const LEAKS = [
  KEY,
  'SECRETS-TEST',
  encodeURIComponent(KEY),
  Buffer.from(KEY).toString('base64'),
  Buffer.from(KEY).toString('base64url'),
];
const PER_DAY = 'GenerateRequestsPerDayPerProjectPerModel-FreeTier';
const V1 = join(ROOT, 'data/sample/trakt-2026-05-01');
const V2 = join(ROOT, 'data/sample/trakt-2026-08-15.zip');

const tmp = mkdtempSync(join(tmpdir(), 'anidex-secrets-'));
const dataDir = join(tmp, 'data');
/** This test file's own XDG folders (test/helpers/isolated-dirs.ts), which the CLI children inherit. */
const dirs = resolveDirs();
let gemini: FakeGemini;

function noLeak(text: string | Buffer, where: string): void {
  const s = typeof text === 'string' ? text : text.toString('latin1');
  for (const leak of LEAKS)
    assert.ok(!s.includes(leak), `${where} contains the key (${leak === KEY ? 'whole' : `as ${leak}`})`);
}

const ids = (body: GeminiRequestBody): number[] =>
  [...(body.contents?.[0]?.parts?.[0]?.text ?? '').matchAll(/^(\d+) \| /gm)].map((m) => Number(m[1]));
const respond = (body: GeminiRequestBody): unknown =>
  body.systemInstruction?.parts[0]?.text === LABEL_SYSTEM
    ? { labels: ids(body).map((id) => ({ mal_id: id, moods: ['cozy'] })) }
    : {
        recommendations: ids(body)
          .slice(0, 3)
          .map((id, i) => ({ mal_id: id, confidence: 0.8, reason: `because (#${i + 1})`, priority: i + 1 })),
      };
/** A 429 whose message quotes the key back, raw and URL-encoded (servers and proxies have done so). */
const echo429 = {
  kind: 'rate-limited' as const,
  quotaId: PER_DAY,
  message: `Quota exceeded for key ${KEY} (${encodeURIComponent(KEY)}).`,
};

before(async () => {
  gemini = await startFakeGemini({ apiKey: KEY, respond });
  mkdirSync(dataDir, { recursive: true });
  // Enriched offline from the sample's bundled answers, which serve the demo warehouse alone.
  const wh = await Warehouse.open(dataDir);
  await markAsDemo(wh);
  wh.close();
  // anidex reads settings.json and never writes it; it is grepped with the rest.
  mkdirSync(dirs.config, { recursive: true });
  writeFileSync(join(dirs.config, 'settings.json'), JSON.stringify({ keys: { search: ['/', 'ctrl+f'] } }, null, 2));
});
after(async () => {
  await gemini.close();
  rmSync(tmp, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** anidex with the key in its environment, async (the fake answers from this process). */
async function anidex(args: string[], extra: Record<string, string> = {}): Promise<Run> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('ANIDEX_') && k !== 'GEMINI_API_KEY'),
  );
  const child = spawn(process.execPath, ['bin/anidex.js', '--data-dir', dataDir, ...args], {
    cwd: ROOT,
    env: {
      ...base,
      GEMINI_API_KEY: KEY,
      ANIDEX_GEMINI_URL: gemini.url,
      ANIDEX_GEMINI_RPM: '1000',
      ANIDEX_GEMINI_DAILY_BUDGET: '1000',
      ANIDEX_ANILIST_URL: 'http://127.0.0.1:9/',
      ANIDEX_MAPPING_URL: 'http://127.0.0.1:9/anime-list-full.json',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const r = { code, stdout, stderr };
  noLeak(stdout, `stdout of anidex ${args.join(' ')}`);
  noLeak(stderr, `stderr of anidex ${args.join(' ')}`);
  return r;
}

test(
  'every command, with the key set, with and without --debug, --json and --dry-run: no key in stdout or stderr',
  { timeout: 120_000 },
  async () => {
    // Writers one at a time (the warehouse lock), with Gemini answering, refusing the key, and answering 429.
    let r = await anidex(['import', V1, '--as-of', '2026-05-01T12:00:00Z']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Mood labels from Gemini: [1-9]\d* new/);
    gemini.inject('bad-key');
    r = await anidex(['import', V2, '--as-of', '2026-08-15T12:00:00Z', '--json', '--debug']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      JSON.parse(r.stdout).enrichment.labels.stoppedBecause,
      /^Gemini refused the API key \(HTTP 400: API key not valid/,
    );
    gemini.inject(echo429);
    r = await anidex(['enrich', '--rematch', '--debug']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /Labelling stopped: Gemini's requests-per-day quota for gemini-2\.5-flash-lite is used up \(HTTP 429: Quota exceeded for key \*\*\* \(\*\*\*\)\.\)/,
    );
    r = await anidex(['enrich', '--json']);
    assert.equal(r.code, 0, r.stderr);
    r = await anidex(['match', 'Mushishi', '457', '--offline']);
    assert.equal(r.code, 0, r.stderr);
    r = await anidex(['plan', 'add', '5114', '--notes', 'from the secrets test', '--force']);
    assert.equal(r.code, 0, r.stderr);
    r = await anidex(['recommend', '--add', '1', '--count', '3']);
    assert.equal(r.code, 0, r.stderr);
    mkdirSync(join(dataDir, 'exports'), { recursive: true });
    r = await anidex(['export', '--format', 'json', '--out', join(dataDir, 'exports', 'library.json'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    r = await anidex(['export', '--format', 'mal-xml', '--out', join(dataDir, 'exports', 'animelist.xml')]);
    assert.equal(r.code, 0, r.stderr);

    // Gemini's failures through `recommend`, one at a time (the fake's faults are a queue).
    gemini.inject('bad-key');
    r = await anidex(['recommend', '--debug', '--json']);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^anidex: Gemini refused the API key \(HTTP 400: API key not valid\. Please pass a valid API key\.\)\.\n {2}Check GEMINI_API_KEY/,
    );
    assert.match(r.stderr, /\n\s+at /, '--debug prints the stack (without the key)');
    gemini.inject(echo429);
    r = await anidex(['recommend', '--debug']);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^anidex: Gemini's requests-per-day quota for gemini-2\.5-flash-lite is used up \(HTTP 429: Quota exceeded for key \*\*\* \(\*\*\*\)\.\)\./,
    );
    gemini.inject(echo429);
    r = await anidex(['recommend', '--json']);
    assert.equal(r.code, 1);
    gemini.inject({ kind: 'rate-limited', retryDelay: '0.01s' }, 4);
    r = await anidex(['recommend', '--engine', 'gemini', '--debug']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^anidex: Gemini kept answering 429 RESOURCE_EXHAUSTED/);
    assert.equal(gemini.pendingFaults, 0);

    // Everything else, side by side.
    const reads: string[][] = [
      ['library'],
      ['library', '--json', '--debug'],
      ['library', '--unmatched'],
      ['history', 'Mushishi'],
      ['history', 'Mushishi', '--json'],
      ['stats'],
      ['stats', '--json'],
      ['plan'],
      ['plan', '--json', '--debug'],
      ['snapshot', 'list'],
      ['snapshot', 'list', '--json'],
      ['recommend', '--dry-run'],
      ['recommend', '--dry-run', '--json', '--debug'],
      ['recommend', '--engine', 'local', '--json'],
      ['recommend', '--offline'],
      ['recommend', '--json'],
      ['export', '--format', 'csv'],
      ['doctor'],
      ['doctor', '--json', '--debug'],
      ['start'],
      ['--help'],
      ['--version'],
      ['recommend', '--help'],
      ['frobnicate', '--debug'],
      ['recommend', '--count', '0', '--debug'],
      ['history', 'no such title', '--debug'],
    ];
    const results = await Promise.all(reads.map((args) => anidex(args)));
    const codes = Object.fromEntries(reads.map((args, i) => [args.join(' '), results[i]!.code]));
    assert.equal(codes['recommend --dry-run --json --debug'], 0);
    assert.equal(
      JSON.parse(results[reads.findIndex((a) => a.join(' ') === 'recommend --json')]!.stdout).engine,
      'gemini',
    );
    assert.equal(codes['frobnicate --debug'], 2);
    assert.equal(codes['recommend --count 0 --debug'], 2);
    assert.equal(codes['history no such title --debug'], 1);
    assert.equal(codes.doctor, 0, results[reads.findIndex((a) => a.join(' ') === 'doctor')]!.stdout);
    assert.match(results[reads.findIndex((a) => a.join(' ') === 'doctor')]!.stdout, /gemini\s+key set \(not shown\)/);

    // A restore takes a snapshot of the current state first: one more file for the grep below.
    const list = JSON.parse(results[reads.findIndex((a) => a.join(' ') === 'snapshot list --json')]!.stdout) as Array<{
      id: string;
    }>;
    assert.ok(list.length >= 1);
    r = await anidex(['snapshot', 'restore', list.at(-1)!.id, '--debug']);
    assert.equal(r.code, 0, r.stderr);
  },
);

test(
  'the TUI: every frame of a session that imports (labelling refused), fails a recommendation with a 429 quoting the key, recommends and shows what was sent',
  { timeout: 60_000 },
  async () => {
    const [{ createElement }, { render }, { App }, { themeFromEnv }, { TuiSession }] = await Promise.all([
      import('react'),
      import('ink-testing-library'),
      import('../src/ui/app.tsx'),
      import('../src/ui/theme/theme.ts'),
      import('../src/app/tui-session.ts'),
    ]);
    const saved = { ...process.env };
    Object.assign(process.env, {
      GEMINI_API_KEY: KEY,
      ANIDEX_GEMINI_URL: gemini.url,
      ANIDEX_GEMINI_RPM: '1000',
      ANIDEX_GEMINI_DAILY_BUDGET: '1000',
      ANIDEX_ANILIST_URL: 'http://127.0.0.1:9/',
    });
    const session = await TuiSession.open(dataDir);
    let app: ReturnType<typeof render> | null = null;
    try {
      app = render(
        createElement(App, {
          services: session,
          rows: await session.library(),
          empty: false,
          dataDir: '/data',
          width: 100,
          height: 30,
          theme: themeFromEnv({ NO_COLOR: '1' }),
          clock: () => 0,
        }),
      );
      const frame = (): string => app!.lastFrame() ?? '';
      const until = async (re: RegExp, ms = 20_000): Promise<string> => {
        const end = Date.now() + ms;
        while (!re.test(frame())) {
          if (Date.now() > end) assert.fail(`no frame matched ${re}; last frame:\n${frame()}`);
          await sleep(25);
        }
        return frame();
      };
      const key = async (k: string): Promise<void> => {
        app!.stdin.write(k);
        await sleep(80);
      };
      await until(/Library · \d+/);
      // Import the later export again: enrichment, then labels, which Gemini refuses.
      gemini.inject('bad-key');
      await key('i');
      await until(/The path of your export/);
      await key(V2);
      await until(/\.zip▏/);
      await key('\r');
      const done = await until(/Import · done/);
      assert.match(done.replace(/\n {2,}/g, ' '), /Labelling stopped: Gemini refused the API key/);
      await key('\r');
      await until(/Library · \d+/);
      // Recommend with Gemini: a 429 that quotes the key (a banner), then an answer, then what was sent.
      await key('r');
      await until(/Engine\s+gemini/);
      gemini.inject(echo429);
      await key('r');
      await until(/requests-per-day quota/);
      await key('r');
      await until(/gemini engine · \d+ results/);
      await key('v');
      await until(/System instruction:/);
      assert.ok(app.frames.length > 10, `${app.frames.length} frames`);
      app.frames.forEach((f, i) => noLeak(f, `TUI frame ${i}`));
    } finally {
      app?.unmount();
      session.saveLibraryCache(); // the TUI's cache/ folder joins the grep below
      session.close();
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  },
);

test('no file anidex writes holds the key: the warehouse, snapshots/, exports, settings.json, the view cache, gemini-usage.json', () => {
  const files: string[] = [];
  const walk = (root: string, name: string, dir = root): void => {
    for (const entry of readdirSync(dir)) {
      const p = join(dir, entry);
      if (statSync(p).isDirectory()) walk(root, name, p);
      else files.push(`${name}/${relative(root, p)}`);
    }
  };
  const roots = { data: dataDir, config: dirs.config, cache: dirs.cache, state: dirs.state };
  for (const [name, root] of Object.entries(roots)) walk(root, name);
  const rel = files.sort();
  for (const want of [
    /^data\/warehouse\.sqlite$/,
    /^data\/snapshots\/.+/,
    /^cache\/views\/.+\/tui-library\.json$/,
    /^state\/gemini-usage\.json$/,
    /^config\/settings\.json$/,
    /^data\/exports\/library\.json$/,
    /^data\/exports\/animelist\.xml$/,
  ]) {
    assert.ok(
      rel.some((f) => want.test(f)),
      `the walk covers ${want} (files: ${rel.join(', ')})`,
    );
  }
  for (const f of rel) {
    const [name, ...rest] = f.split('/');
    noLeak(readFileSync(join(roots[name as keyof typeof roots], ...rest)), f);
  }
});

test('the golden frames in snapshots/ hold no key of any test, nor anything shaped like a real key', () => {
  const testKeys = new Set<string>();
  for (const f of readdirSync(join(ROOT, 'test'))) {
    if (!f.endsWith('.ts')) continue;
    for (const m of readFileSync(join(ROOT, 'test', f), 'utf8').matchAll(/AIza[\w-]{4,}/g)) testKeys.add(m[0]);
  }
  testKeys.add(KEY);
  assert.ok(testKeys.size >= 3, [...testKeys].join(', '));
  const frames = readdirSync(join(ROOT, 'snapshots'));
  assert.ok(frames.length > 5);
  for (const f of frames) {
    const text = readFileSync(join(ROOT, 'snapshots', f), 'utf8');
    for (const k of testKeys) assert.ok(!text.includes(k), `snapshots/${f} holds ${k}`);
    assert.doesNotMatch(text, /AIza[0-9A-Za-z_-]{35}/, `snapshots/${f} holds something shaped like a Gemini key`);
  }
});
