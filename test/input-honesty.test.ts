// Input honesty: an export with nothing usable in it is refused (unless --allow-empty) instead of marking every
// title deleted; unknown filter values are usage errors that list the known ones; long lists in messages show ten
// and say which command lists them all; `plan add` of a completed title needs --force.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CHILD_LIMIT_MS } from './helpers/child-limit.ts';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { App } from '../src/ui/app.tsx';
import { TuiSession } from '../src/app/tui-session.ts';
import { themeFromEnv } from '../src/ui/theme/theme.ts';
import { emptyExportError } from '../src/domain/empty-export.ts';
import { previewList } from '../src/lib/list-preview.ts';
import { checkGenres, filterFromFlags } from '../src/commands/filters.ts';
import { UsageError } from '../src/lib/errors.ts';
import { ROOT } from './helpers/proc.ts';
import { demoDataDir } from './helpers/demo-warehouse.ts';
import { setTimeout as sleep } from 'node:timers/promises';

const SAMPLE_V1 = join(ROOT, 'data/sample/trakt-2026-05-01');
const SAMPLE_V2 = join(ROOT, 'data/sample/trakt-2026-08-15.zip');
const MAL = join(ROOT, 'test/fixtures/mal/animelist_1734298612_-_16433979.xml');
const tmp = mkdtempSync(join(tmpdir(), 'anidex-honest-'));
let n = 0;
const fresh = (): string => join(tmp, `d${++n}`);

function anidex(dataDir: string, ...args: string[]) {
  if (args[0] === 'import') args = [...args, '--offline'];
  const r = spawnSync(process.execPath, ['bin/anidex.js', '--data-dir', dataDir, ...args], {
    timeout: CHILD_LIMIT_MS,
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ANIDEX_ANILIST_URL: 'http://127.0.0.1:9/', ANIDEX_PROVIDER: 'anilist' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The sample's first export with its history files replaced (an empty array, or records of our choosing). */
function traktWithHistory(name: string, history: unknown[] | ((page: unknown[]) => unknown[])): string {
  const dir = join(tmp, name);
  cpSync(SAMPLE_V1, dir, { recursive: true });
  for (const f of readdirSync(dir).filter((x) => x.startsWith('watched-history'))) {
    const page = JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown[];
    writeFileSync(join(dir, f), JSON.stringify(typeof history === 'function' ? history(page) : history));
  }
  return dir;
}

/** A MAL export holding these `<anime>` blocks (none: a list with no entries). */
function malWith(name: string, animeBlocks: string[]): string {
  const text = readFileSync(MAL, 'utf8');
  const head = text.slice(0, text.indexOf('<anime>'));
  const path = join(tmp, `${name}.xml`);
  writeFileSync(path, `${head}${animeBlocks.join('\n')}\n</myanimelist>\n`);
  return path;
}
const malBlocks = (): string[] => [...readFileSync(MAL, 'utf8').matchAll(/<anime>[\s\S]*?<\/anime>/g)].map((m) => m[0]);

let sampleDir: string;
before(async () => {
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], {
    timeout: CHILD_LIMIT_MS,
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  // It plays the demo, so the sample's bundled answers enrich it offline (genres to check --genre against).
  sampleDir = await demoDataDir('anidex-honest-sample-');
  assert.equal(anidex(sampleDir, 'import', SAMPLE_V1, '--as-of', '2026-05-01T12:00:00Z').code, 0);
  assert.equal(anidex(sampleDir, 'import', SAMPLE_V2, '--as-of', '2026-08-15T12:00:00Z').code, 0);
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A refused import: exit 1, one error line naming `file` and a hint, the warehouse byte for byte as it was. */
function assertRefused(dataDir: string, path: string, file: string, sentence: RegExp, extra: string[] = []): void {
  const before = readFileSync(join(dataDir, 'warehouse.sqlite'));
  const files = (): string[] =>
    (readdirSync(dataDir, { recursive: true }) as string[]).filter((f) => !f.startsWith('cache')).sort();
  const listing = files();
  const r = anidex(dataDir, 'import', path, ...extra);
  assert.equal(r.code, 1, `exit 1: ${r.out} ${r.err}`);
  const errors = r.err.split('\n').filter((l) => l.startsWith('anidex: '));
  assert.equal(errors.length, 1, r.err);
  const message = errors[0]!.slice('anidex: '.length);
  assert.ok(message.startsWith(file), `names ${file}: ${message}`);
  assert.match(message, sentence);
  assert.match(message, /nothing was written\.$/);
  assert.match(
    r.err,
    new RegExp(
      `\\n {2}.*if it really is empty, import it anyway with \`anidex import ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} --allow-empty\`\\.`,
    ),
  );
  assert.deepEqual(readFileSync(join(dataDir, 'warehouse.sqlite')), before, 'the warehouse is byte for byte unchanged');
  assert.deepEqual(files(), listing, 'no snapshot, temporary or lock file left behind');
}

function copyOfSample(): string {
  const d = fresh();
  cpSync(sampleDir, d, { recursive: true });
  return d;
}

test('a Trakt export whose watched-history is empty is refused; --allow-empty imports it', () => {
  const d = copyOfSample();
  const empty = traktWithHistory('empty-history', []);
  assertRefused(
    d,
    empty,
    `${empty}/watched-history-1.json and 3 more pages`,
    / hold no plays \(an empty watched-history\), and importing it would mark every Trakt title deleted/,
  );
  // An empty warehouse refuses it just the same: an empty history is a broken export more often than a new account.
  const e = fresh();
  const r0 = anidex(e, 'import', empty);
  assert.equal(r0.code, 1);
  const allowed = anidex(d, 'import', empty, '--allow-empty');
  assert.equal(allowed.code, 0, allowed.err);
  assert.match(allowed.out, /\d+ gone from this export/);
});

test('a Trakt export whose every history record is malformed is refused, naming the first bad record', () => {
  const d = copyOfSample();
  const bad = traktWithHistory('all-malformed', (page) => page.map((p) => ({ ...(p as object), id: 'not-a-number' })));
  assertRefused(
    d,
    bad,
    `${bad}/watched-history-1.json and 3 more pages`,
    /: all \d+ of their records are malformed \(the first: record 0, field id: .*\), so they hold no usable play/,
  );
  // One good play among them is an export: imported, the bad ones skipped and listed (ten, then how many more).
  const some = traktWithHistory('one-good', (page) =>
    page.map((p, i) => (i === 0 ? p : { ...(p as object), id: 'x' })),
  );
  const r = anidex(d, 'import', some);
  assert.equal(r.code, 0, r.err);
  assert.equal((r.out.match(/^ {2}skipped .* record \d+, field id:/gm) ?? []).length, 10);
  assert.match(
    r.out,
    new RegExp(
      `^ {2}… and \\d+ more skipped records \\(\`anidex import ${some.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} --json\` lists them all\\)$`,
      'm',
    ),
  );
});

test('a MyAnimeList list with no entries, or none readable, is refused; --allow-empty imports it', () => {
  const d = fresh();
  assert.equal(anidex(d, 'import', MAL).code, 0);
  const none = malWith('animelist_empty', []);
  assertRefused(d, none, none, / lists no anime, and importing it would mark every MyAnimeList title deleted/);
  const broken = malWith(
    'animelist_broken',
    malBlocks()
      .slice(0, 3)
      .map((b) => b.replace(/<my_status>[^<]*</, '<my_status>Finished<')),
  );
  assertRefused(
    d,
    broken,
    broken,
    /: all 3 of its entries are malformed \(the first: record 0, field my_status: .*\), so it holds no usable anime entry/,
  );
  const allowed = anidex(d, 'import', none, '--allow-empty');
  assert.equal(allowed.code, 0, allowed.err);
  assert.match(allowed.out, /506 gone from this export/);
  // 506 titles gone: the summary names ten and the command that lists them all, which does.
  const line = allowed.out.split('\n').find((l) => l.includes('marked deleted'))!;
  assert.match(line, /, … and 496 more \(`anidex library --deleted` lists them all\)$/);
  assert.equal(line.slice(line.indexOf('deleted): ')).split(', ').length, 11, 'ten names, then the rest counted');
  const listed = anidex(d, 'library', '--deleted', '--json');
  assert.equal(listed.code, 0, listed.err);
  assert.equal((JSON.parse(listed.out) as unknown[]).length, 506);
  assert.match(anidex(d, 'library', '--deleted').out, /\n506 titles gone from the latest export, kept in history/);
  assert.equal(anidex(d, 'library', '--deleted', '--unmatched').code, 2);
});

test('the TUI refuses an empty export the same way, on the import screen', async () => {
  const d = copyOfSample();
  const before = readFileSync(join(d, 'warehouse.sqlite'));
  const empty = traktWithHistory('tui-empty', []);
  const s = await TuiSession.open(d);
  const app = render(
    createElement(App, {
      services: s,
      rows: await s.library(),
      empty: false,
      dataDir: d,
      width: 100,
      height: 30,
      theme: themeFromEnv({ NO_COLOR: '1' }),
      clock: () => 0,
    }),
  );
  const waitFor = async (p: RegExp): Promise<string> => {
    for (let i = 0; i < 400; i++) {
      if (p.test(app.lastFrame() ?? '')) return app.lastFrame()!;
      await sleep(25);
    }
    return assert.fail(`no frame matched ${p}:\n${app.lastFrame()}`);
  };
  await waitFor(/Library · 109/);
  app.stdin.write('i');
  await waitFor(/Import/);
  for (const ch of empty) app.stdin.write(ch);
  await sleep(100);
  app.stdin.write('\r');
  const frame = (await waitFor(/Import failed/)).replace(/\n\s*/g, ' ');
  assert.match(frame, /hold no plays \(an empty watched-history\)/);
  assert.match(frame, /--allow-empty/);
  app.unmount();
  s.close();
  assert.deepEqual(readFileSync(join(d, 'warehouse.sqlite')), before);
});

test('unknown --genre, --not-genre, --status, --not-status, --length, --mood and --not-mood are usage errors listing the known values', () => {
  const cases: Array<[string[], RegExp, RegExp]> = [
    [
      ['library', '--genre', 'nosuch'],
      /--genre "nosuch" is not a genre of any title in your library\./,
      /Genres in your library \(from its titles' anime metadata\): Action, .*Slice of Life.*\./,
    ],
    [
      ['library', '--not-genre', 'Dramma'],
      /--not-genre "Dramma" is not a genre of any title in your library\./,
      /Drama/,
    ],
    [
      ['library', '--status', 'finished'],
      /--status "finished" is not a status anidex knows\./,
      /Statuses: watching, completed, on_hold, dropped, plan_to_watch\./,
    ],
    [['library', '--not-status', 'x'], /--not-status "x" is not a status/, /Statuses: /],
    [
      ['library', '--length', 'huge'],
      /--length "huge" is not a length anidex knows\./,
      /Lengths: movie \(a film\), short \(under 5 h in all\), medium \(5–12 h\), long \(over 12 h\)\./,
    ],
    [['library', '--mood', 'sad'], /--mood "sad" is not a mood anidex knows\./, /Moods: cozy, dark, /],
    [['library', '--not-mood', 'sad'], /--not-mood "sad" is not a mood/, /Moods: /],
    [
      ['recommend', '--genre', 'nosuch', '--offline'],
      /--genre "nosuch" is not a genre anidex knows from the anime metadata in this warehouse\./,
      /Genres known here .*: Action, /,
    ],
    [
      ['recommend', '--status', 'dropped'],
      /recommend has no --status: recommendations are anime you have not listed yet/,
      /--genre, --mood or --length/,
    ],
  ];
  for (const [args, message, hint] of cases) {
    const r = anidex(sampleDir, ...args);
    assert.equal(r.code, 2, `${args.join(' ')}: exit 2, got ${r.code} ${r.out}`);
    assert.match(r.err, message, args.join(' '));
    assert.match(r.err, hint, args.join(' '));
  }
  // Genres as people type them: case, spaces and hyphens do not matter.
  const a = anidex(sampleDir, 'library', '--genre', 'slice-of-life', '--json');
  const b = anidex(sampleDir, 'library', '--genre', 'Slice of Life', '--json');
  assert.equal(a.code, 0, a.err);
  assert.deepEqual(JSON.parse(a.out), JSON.parse(b.out));
  assert.ok((JSON.parse(a.out) as unknown[]).length > 0);
});

test('--genre before any title has metadata: refused with the command that fetches it', () => {
  const d = fresh();
  // One entry the bundled sample answers know nothing about: nothing has genres.
  const one = malWith('animelist_one', [
    malBlocks()[0]!.replace(/<series_animedb_id>\d+</, '<series_animedb_id>99999999<'),
  ]);
  assert.equal(anidex(d, 'import', one).code, 0);
  const r = anidex(d, 'library', '--genre', 'drama');
  assert.equal(r.code, 2);
  assert.match(r.err, /--genre "drama": no title has genres yet, because no title has anime metadata\./);
  assert.match(r.err, /Run `anidex enrich` to fetch it/);
  assert.throws(() => checkGenres({ genres: ['x'] }, [], 'metadata'), UsageError);
  assert.deepEqual(
    checkGenres(
      filterFromFlags({ genre: ['SCI FI'], 'not-genre': ['slice of life'] }),
      ['Sci-Fi', 'Slice of Life'],
      'library',
    ),
    { ...filterFromFlags({}), genres: ['Sci-Fi'], excludeGenres: ['Slice of Life'] },
  );
});

test('plan add of a completed title warns and needs --force (exit 1 without it)', () => {
  const d = copyOfSample();
  const lib = JSON.parse(anidex(d, 'library', '--status', 'completed', '--json').out) as Array<{
    malId: number | null;
    title: string;
    hasMetadata: boolean;
  }>;
  const done = lib.find((t) => t.malId !== null && t.hasMetadata)!;
  const refused = anidex(d, 'plan', 'add', String(done.malId));
  assert.equal(refused.code, 1, refused.err);
  assert.match(refused.err, /You have already completed .*, so it was not added to your plan\./);
  assert.match(refused.err, new RegExp(`To plan a rewatch, add it anyway: anidex plan add ${done.malId} --force`));
  const plan = (): Array<{ malId: number | null }> => JSON.parse(anidex(d, 'plan', '--json').out);
  assert.ok(!plan().some((p) => p.malId === done.malId));
  const forced = anidex(d, 'plan', 'add', String(done.malId), '--force');
  assert.equal(forced.code, 0, forced.err);
  assert.ok(plan().some((p) => p.malId === done.malId));
  // A title you have not completed needs no --force.
  const watching = (
    JSON.parse(anidex(d, 'library', '--not-status', 'completed', '--json').out) as Array<{
      malId: number | null;
      hasMetadata: boolean;
    }>
  ).find((t) => t.malId !== null && t.hasMetadata);
  if (watching) assert.equal(anidex(d, 'plan', 'add', String(watching.malId)).code, 0);
});

test('previewList and emptyExportError: ten names then how many more; one sentence naming the file', () => {
  const names = Array.from({ length: 13 }, (_, i) => `T${i}`);
  assert.equal(previewList(names.slice(0, 10), 'x'), names.slice(0, 10).join(', '));
  assert.equal(
    previewList(names, '`anidex library --deleted`'),
    `${names.slice(0, 10).join(', ')}, … and 3 more (\`anidex library --deleted\` lists them all)`,
  );
  const e = emptyExportError({
    exportPath: '/tmp/my export',
    files: ['/tmp/my export/watched-history.json'],
    skipped: [],
    kind: 'trakt',
  });
  assert.equal(e.exitCode, 1);
  assert.equal(
    e.message,
    '/tmp/my export/watched-history.json holds no plays (an empty watched-history), and importing it would mark every Trakt title deleted, so nothing was written.',
  );
  assert.match(
    e.hint!,
    /`anidex import '\/tmp\/my export' --allow-empty`/,
    'a path with a space is quoted for the shell',
  );
});
