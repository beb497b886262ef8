// The CLI as a person runs it: a real process, a temp data dir, exit codes and messages.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CHILD_LIMIT_MS } from './helpers/child-limit.ts';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/proc.ts';
import { demoDataDir } from './helpers/demo-warehouse.ts';

const SAMPLE_V1 = join(ROOT, 'data/sample/trakt-2026-05-01');
const SAMPLE_V2 = join(ROOT, 'data/sample/trakt-2026-08-15.zip');

before(() => {
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], {
    timeout: CHILD_LIMIT_MS,
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
});

function anidex(dataDir: string, ...args: string[]) {
  if (args[0] === 'import') args = [...args, '--offline'];
  const r = spawnSync(process.execPath, ['bin/anidex.js', '--data-dir', dataDir, ...args], {
    timeout: CHILD_LIMIT_MS,
    cwd: ROOT,
    encoding: 'utf8',
    // No test reaches the internet: a provider URL nobody listens on, and imports run with --offline.
    env: { ...process.env, NO_COLOR: '1', ANIDEX_ANILIST_URL: 'http://127.0.0.1:9/', ANIDEX_PROVIDER: 'anilist' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'anidex-cli-'));
}

test('--version, --help and usage errors', () => {
  const d = tmp();
  const v = anidex(d, '--version');
  assert.equal(v.code, 0);
  assert.match(v.out, /^\d+\.\d+\.\d+\n$/);
  const h = anidex(d, '--help');
  assert.equal(h.code, 0);
  for (const c of ['import', 'library', 'history', 'stats', 'snapshot']) assert.match(h.out, new RegExp(`\\b${c}\\b`));
  const u = anidex(d, 'frobnicate');
  assert.equal(u.code, 2);
  assert.match(u.err, /Unknown command "frobnicate"/);
  const f = anidex(d, 'library', '--colour');
  assert.equal(f.code, 2);
  assert.match(f.err, /library: .*--colour/);
  const a = anidex(d, 'import', SAMPLE_V1, '--as-of', 'yesterday');
  assert.equal(a.code, 2);
  assert.match(a.err, /--as-of "yesterday" is not an ISO-8601 time/);
  assert.ok(!existsSync(join(d, 'warehouse.sqlite')));
});

test('sample walk-through: import, later export, history shows versions; re-imports change nothing', () => {
  const d = tmp();
  const first = anidex(d, 'import', SAMPLE_V1, '--as-of', '2026-05-01T12:00:00Z');
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /titles: \d+ new, 0 changed/);

  const second = anidex(d, 'import', SAMPLE_V2, '--as-of', '2026-08-15T12:00:00Z', '--json');
  assert.equal(second.code, 0, second.err);
  const r2 = JSON.parse(second.out);
  assert.ok(r2.counts.titlesChanged >= 3, 'several titles changed between the exports');
  assert.equal(r2.counts.titlesDeleted, 1, 'one title is gone from the later export');
  assert.equal(r2.deletedTitles.length, 1);

  // A title that changed has two versions, the newest first, with what changed.
  const lib = JSON.parse(anidex(d, 'library', '--json').out) as Array<{ titleKey: string; title: string }>;
  let versioned:
    | {
        title: string;
        versions: Array<{ isCurrent: boolean; changed: string; validFrom: string; validTo: string | null }>;
      }
    | undefined;
  for (const t of lib) {
    const h = JSON.parse(anidex(d, 'history', t.titleKey, '--json').out);
    if (h.versions.length >= 2) {
      versioned = h;
      break;
    }
  }
  assert.ok(versioned, 'some title has two versions');
  assert.equal(versioned!.versions[0]!.isCurrent, true);
  assert.equal(versioned!.versions[0]!.validFrom, '2026-08-15T12:00:00.000Z');
  assert.equal(versioned!.versions[1]!.validTo, '2026-08-15T12:00:00.000Z');
  assert.notEqual(versioned!.versions[0]!.changed, 'no tracked change');

  const text = anidex(d, 'history', versioned!.title);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /^2 versions, newest first/m);
  assert.match(text.out, /v2 {2}2026-08-15 12:00 → now {2}\[current\]/);
  assert.match(text.out, /v1 {2}2026-05-01 12:00 → 2026-08-15 12:00/);
  assert.match(text.out, /→/);

  // The removed title still has its history, ending in a deletion marker.
  const gone = anidex(d, 'history', r2.deletedTitles[0], '--json');
  assert.equal(gone.code, 0, gone.err);
  assert.equal(JSON.parse(gone.out).versions[0].isDeleted, true);

  const libraryBefore = anidex(d, 'library', '--json').out;
  const again = JSON.parse(anidex(d, 'import', SAMPLE_V2, '--json').out);
  assert.equal(again.counts.recordsNew, 0, 're-import adds no bronze record');
  assert.equal(
    again.counts.titlesNew + again.counts.titlesChanged + again.counts.titlesDeleted + again.counts.titlesRestored,
    0,
  );
  assert.equal(anidex(d, 'library', '--json').out, libraryBefore);

  const stats = anidex(d, 'stats');
  assert.equal(stats.code, 0);
  assert.match(stats.out, /Binge rate/);
  assert.match(stats.out, /Plays per month/);

  const snaps = anidex(d, 'snapshot', 'list', '--json');
  assert.equal(
    JSON.parse(snaps.out).length,
    1,
    'a snapshot before the second import; none before the first (no file yet) or the identical re-import',
  );
});

test('bad input: one clear sentence naming the file, exit 1, warehouse byte-for-byte unchanged', () => {
  const d = tmp();
  assert.equal(anidex(d, 'import', SAMPLE_V1, '--as-of', '2026-05-01T12:00:00Z').code, 0);
  const wh = join(d, 'warehouse.sqlite');
  const before = readFileSync(wh);
  const snapCount = () => (existsSync(join(d, 'snapshots')) ? readdirSync(join(d, 'snapshots')).length : 0);
  const snapsBefore = snapCount();

  const bad = tmp();
  const cases: Array<{ name: string; path: string; expect: RegExp }> = [];
  const add = (name: string, files: Record<string, string | Buffer>, expect: RegExp) => {
    const dir = join(bad, name);
    mkdirSync(dir);
    for (const [f, c] of Object.entries(files)) writeFileSync(join(dir, f), c);
    cases.push({ name, path: dir, expect });
  };
  add(
    'truncated',
    { 'watched-history.json': '[{"id": 1, "watched_at": "2026-01-0' },
    /watched-history\.json is not valid JSON/,
  );
  add('object', { 'watched-history.json': '{"id": 1}' }, /watched-history\.json.*(array|object)/);
  add('empty', {}, /empty|no Trakt/i);
  add('no-trakt', { 'notes.txt': 'hello' }, /no Trakt/i);
  add('badutf8', { 'watched-history.json': Buffer.from([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]) }, /UTF-8/);
  cases.push({ name: 'missing', path: join(bad, 'does-not-exist.zip'), expect: /does-not-exist\.zip/ });

  for (const c of cases) {
    const r = anidex(d, 'import', c.path);
    assert.equal(r.code, 1, `${c.name}: exit code (stderr: ${r.err})`);
    assert.match(r.err, c.expect, c.name);
    assert.ok(!/\n\s+at /.test(r.err), `${c.name}: no stack trace without --debug`);
    assert.deepEqual(readFileSync(wh), before, `${c.name}: warehouse unchanged`);
  }
  assert.equal(snapCount(), snapsBefore, 'no snapshot for a refused import');

  const debug = anidex(d, '--debug', 'import', cases[0]!.path);
  assert.match(debug.err, /\n\s+at /, '--debug shows the stack');
});

test('a malformed record is skipped and listed; --strict refuses the whole import', () => {
  const d = tmp();
  const src = tmp();
  const good = {
    id: 1,
    watched_at: '2026-01-01T20:00:00.000Z',
    action: 'watch',
    type: 'movie',
    movie: { title: 'Akira', year: 1988, ids: { trakt: 7, slug: 'akira-1988' } },
  };
  const bad = { ...good, id: 2, watched_at: '2014-02-31T20:00:00.000Z' };
  writeFileSync(join(src, 'watched-history.json'), JSON.stringify([good, bad], null, 2));
  const strict = anidex(d, 'import', src, '--strict');
  assert.equal(strict.code, 1);
  assert.match(strict.err, /watched-history\.json.*record 1.*watched_at/);
  assert.ok(!existsSync(join(d, 'warehouse.sqlite')));
  const lenient = anidex(d, 'import', src);
  assert.equal(lenient.code, 0, lenient.err);
  assert.match(lenient.out, /1 skipped/);
  assert.match(lenient.out, /skipped .*watched-history\.json record 1, field watched_at/);
});

test('re-importing the first export on its own changes nothing', () => {
  const d = tmp();
  assert.equal(anidex(d, 'import', SAMPLE_V1).code, 0);
  const again = JSON.parse(anidex(d, 'import', SAMPLE_V1, '--json').out);
  assert.equal(again.counts.recordsNew, 0);
  assert.equal(again.counts.titlesNew + again.counts.titlesChanged + again.counts.titlesDeleted, 0);
  assert.ok(again.counts.titlesUnchanged >= 95);
});

test('--as-of earlier than what the warehouse knows is refused, nothing written', () => {
  const d = tmp();
  assert.equal(anidex(d, 'import', SAMPLE_V1, '--as-of', '2026-05-01T12:00:00Z').code, 0);
  const before = readFileSync(join(d, 'warehouse.sqlite'));
  const r = anidex(d, 'import', SAMPLE_V2, '--as-of', '2026-04-01T00:00:00Z');
  assert.equal(r.code, 1);
  assert.match(r.err, /2026-04-01T00:00:00\.000Z.*2026-05-01T12:00:00\.000Z/);
  assert.deepEqual(readFileSync(join(d, 'warehouse.sqlite')), before);
});

test('history: unknown and ambiguous titles get a helpful message', () => {
  const d = tmp();
  assert.equal(anidex(d, 'import', SAMPLE_V1, '--as-of', '2026-05-01T12:00:00Z').code, 0);
  const none = anidex(d, 'history', 'zzzz no such show');
  assert.equal(none.code, 1);
  assert.match(none.err, /No title in the warehouse matches/);
  const amb = anidex(d, 'history', 'hunter');
  assert.equal(amb.code, 1);
  assert.match(amb.err, /matches \d+ titles/);
  assert.match(amb.err, /title key/);
  assert.match(amb.err, /anidex history trakt:show:\d+/);
});

test("offline import of the sample is pending in a person's warehouse: the bundled answers serve only the demo", () => {
  const d = tmp();
  const imp = anidex(d, 'import', SAMPLE_V1, '--as-of', '2026-05-01T12:00:00Z');
  assert.equal(imp.code, 0, imp.err);
  assert.match(imp.out, /Enrichment: 0 matched, 0 matched by hand, 0 not anime or not found, \d+ pending/);
  const lib = JSON.parse(anidex(d, 'library', '--json').out) as Array<{ matchStatus: string }>;
  assert.ok(lib.length > 0 && lib.every((r) => r.matchStatus === 'pending'));
});

test('offline import of the sample into the demo is enriched from the bundled answers; match and enrich commands', async () => {
  const d = await demoDataDir('anidex-cli-');
  const imp = anidex(d, 'import', SAMPLE_V1, '--as-of', '2026-05-01T12:00:00Z');
  assert.equal(imp.code, 0, imp.err);
  assert.match(imp.out, /Enrichment: \d+ matched, 0 matched by hand, \d+ not anime or not found, 0 pending/);
  const lib = JSON.parse(anidex(d, 'library', '--json').out) as Array<{
    title: string;
    matchStatus: string;
    genres: string[];
    length: string | null;
  }>;
  assert.ok(
    lib.every((r) => r.matchStatus !== 'pending'),
    'nothing pending',
  );
  const mushishi = lib.find((r) => r.title === 'Mushishi')!;
  assert.ok(mushishi.genres.length > 0);
  assert.equal(mushishi.length, 'long', 'both seasons, 46 episodes × 24 min, over 12 hours');

  const cozy = JSON.parse(
    anidex(d, 'library', '--genre', 'Slice of Life', '--length', 'short', '--json').out,
  ) as Array<{ genres: string[]; length: string }>;
  assert.ok(cozy.length > 0 && cozy.every((r) => r.genres.includes('Slice of Life') && r.length === 'short'));
  const bad = anidex(d, 'library', '--length', 'tiny');
  assert.equal(bad.code, 2);
  assert.match(
    bad.err,
    /library: --length "tiny" is not a length anidex knows\.\n.*Lengths: movie \(a film\), short \(under 5 h in all\), medium \(5–12 h\), long \(over 12 h\)\./,
  );

  const un = anidex(d, 'library', '--unmatched');
  assert.match(un.out, /Breaking Bad/);
  assert.doesNotMatch(un.out, /Mushishi/);

  const m = anidex(d, 'match', 'Breaking Bad', 'none');
  assert.equal(m.code, 0, m.err);
  assert.match(m.out, /marked as not anime/);
  const m2 = anidex(d, 'match', 'Mushishi', 'abc');
  assert.equal(m2.code, 2);
  const m3 = anidex(d, 'match', 'Mushishi', '457', '--offline');
  assert.equal(m3.code, 0, m3.err);
  const again = JSON.parse(anidex(d, 'library', '--search', 'mushishi', '--json').out)[0];
  assert.equal(again.matchStatus, 'manual');

  const e = anidex(d, 'enrich', '--offline', '--json');
  assert.equal(e.code, 0, e.err);
  assert.equal(JSON.parse(e.out).counts.apiCalls, 0);
});

test('doctor reports the warehouse healthy and never shows the Gemini key; a corrupt warehouse is reported', () => {
  const d = tmp();
  assert.equal(anidex(d, 'import', SAMPLE_V1).code, 0);
  const r = spawnSync(process.execPath, ['bin/anidex.js', '--data-dir', d, 'doctor'], {
    timeout: CHILD_LIMIT_MS,
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, GEMINI_API_KEY: 'AIzaDOCTOR-SECRET' },
  });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /warehouse .*integrity ok/);
  assert.ok(!(r.stdout + r.stderr).includes('AIzaDOCTOR-SECRET'));
  writeFileSync(join(d, 'warehouse.sqlite'), 'not a database at all');
  const bad = anidex(d, 'doctor');
  assert.equal(bad.code, 1);
  assert.match(bad.out, /BAD\s+warehouse .*not a readable SQLite warehouse/);
});
