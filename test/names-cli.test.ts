// Titles as people type them, through the real binary: search, history, match and plan add by any name of an
// anime, and the title-language choice (flag, environment, settings.json) changing the name shown.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CHILD_LIMIT_MS } from './helpers/child-limit.ts';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from './helpers/proc.ts';
import { demoDataDir } from './helpers/demo-warehouse.ts';
import { resolveDirs } from '../src/lib/config.ts';
import { settingsPath } from '../src/settings/settings-file.ts';

/** This test file's own settings file (test/helpers/isolated-dirs.ts), which the CLI children read. */
const SETTINGS = settingsPath(resolveDirs().config);

const SAMPLE_V1 = join(ROOT, 'data/sample/trakt-2026-05-01');
const SAMPLE_V2 = join(ROOT, 'data/sample/trakt-2026-08-15.zip');
const MAL_LIST = join(ROOT, 'test/fixtures/mal/animelist_1734298612_-_16433979.xml');

let sample: string;
let mal: string;

function anidex(dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, ['bin/anidex.js', '--data-dir', dataDir, ...args], {
    timeout: CHILD_LIMIT_MS,
    cwd: ROOT,
    encoding: 'utf8',
    // No test reaches the internet: a provider URL nobody listens on; imports and recommendations run offline.
    env: {
      ...process.env,
      NO_COLOR: '1',
      ANIDEX_ANILIST_URL: 'http://127.0.0.1:9/',
      ANIDEX_PROVIDER: 'anilist',
      ANIDEX_TITLE_LANGUAGE: '',
      ...env,
    },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function ok(dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = anidex(dataDir, args, env);
  assert.equal(r.code, 0, `anidex ${args.join(' ')}: ${r.err}`);
  return r.out;
}

/** The titles of a library table, in order (the first column, up to two spaces). */
const titleColumn = (out: string): string[] =>
  out
    .split('\n')
    .slice(1)
    .filter((l) => /\S {2,}/.test(l))
    .map((l) => l.split(/ {2,}/)[0]!.trim());

before(async () => {
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], {
    timeout: CHILD_LIMIT_MS,
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  // These play the demo, so the sample's bundled answers (names included) enrich them offline.
  sample = await demoDataDir('anidex-names-sample-');
  ok(sample, ['import', SAMPLE_V1, '--as-of', '2026-05-01T12:00:00Z', '--offline']);
  ok(sample, ['import', SAMPLE_V2, '--as-of', '2026-08-15T12:00:00Z', '--offline']);
  // A MyAnimeList list alone: its titles are romaji; the bundled provider answers cover the sample's anime.
  mal = await demoDataDir('anidex-names-mal-');
  ok(mal, ['import', MAL_LIST, '--offline']);
});

test('a MyAnimeList list: --search "attack on titan" finds "Shingeki no Kyojin" by its English name, exact first', () => {
  const out = ok(mal, ['library', '--search', 'attack on titan']);
  const found = titleColumn(out);
  assert.equal(found[0], 'Shingeki no Kyojin', out);
  assert.ok(
    found.length > 1 && found.slice(1).every((t) => t.startsWith('Shingeki no Kyojin')),
    'the later seasons follow, by their English names too',
  );
  const json = JSON.parse(ok(mal, ['library', '--search', 'AOT', '--json'])) as Array<{
    title: string;
    titleEnglish: string | null;
    malId: number;
  }>;
  assert.deepEqual(
    json.map((r) => [r.malId, r.title, r.titleEnglish]),
    [[16498, 'Shingeki no Kyojin', 'Attack on Titan']],
    'a synonym; --json keeps the exported title',
  );
  assert.match(ok(mal, ['library', '--search', '進撃の巨人']), /^Shingeki no Kyojin /m, 'the native title');
  assert.match(ok(mal, ['history', 'Attack on Titan']), /^Shingeki no Kyojin \(year unknown, show\) — mal:16498$/m);
});

test('the sample: "shingeki no kyojin" finds Attack on Titan in search, history and match', () => {
  assert.deepEqual(titleColumn(ok(sample, ['library', '--search', 'shingeki no kyojin'])), ['Attack on Titan']);
  assert.deepEqual(
    titleColumn(ok(sample, ['library', '--search', 'ＳＨＩＮＧＥＫＩ'])),
    ['Attack on Titan'],
    'full-width forms',
  );
  assert.match(ok(sample, ['history', '進撃の巨人']), /^Attack on Titan \(2013, show\) — trakt:show:54218$/m);
  assert.match(
    ok(sample, ['match', 'Shingeki no Kyojin', '16498', '--offline']),
    /^Attack on Titan is now MyAnimeList 16498; re-imports keep this\.$/m,
  );
  const none = anidex(sample, ['history', 'shingeki titan']);
  assert.equal(none.code, 1, 'the words must all be in one name');
  assert.match(none.err, /No title in the warehouse matches "shingeki titan"/);
});

test('titles are shown by the name chosen: flag, then environment, then settings.json; JSON stays as exported', async () => {
  const d = await demoDataDir('anidex-names-lang-');
  ok(d, ['import', MAL_LIST, '--offline']);
  const first = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    titleColumn(ok(d, [...args, 'library', '--search', 'kyojin'], env))[0];
  assert.equal(first([]), 'Shingeki no Kyojin', 'as exported by default');
  assert.equal(first(['--title-language', 'english']), 'Attack on Titan');
  assert.equal(first([], { ANIDEX_TITLE_LANGUAGE: 'english' }), 'Attack on Titan');
  mkdirSync(dirname(SETTINGS), { recursive: true });
  writeFileSync(SETTINGS, '{"titleLanguage": "english"}');
  assert.equal(first([]), 'Attack on Titan', 'settings.json');
  assert.equal(first(['--title-language=exported']), 'Shingeki no Kyojin', 'the flag wins over the file');
  assert.equal(
    first([], { ANIDEX_TITLE_LANGUAGE: 'romaji' }),
    'Shingeki no Kyojin',
    'the environment wins over the file',
  );
  assert.match(ok(d, ['history', 'shingeki no kyojin']), /^Attack on Titan \(year unknown, show\) — mal:16498$/m);
  const json = JSON.parse(ok(d, ['library', '--search', 'kyojin', '--json'])) as Array<{ title: string }>;
  assert.equal(json[0]!.title, 'Shingeki no Kyojin', '--json is data: the exported title, the names beside it');
  // A title the provider has no English name for keeps its exported one.
  const noEnglish = JSON.parse(ok(d, ['library', '--json'])) as Array<{
    title: string;
    titleEnglish: string | null;
    matchStatus: string;
  }>;
  const bare = noEnglish.find((r) => r.titleEnglish === null)!;
  assert.ok(bare, 'some title has no English name (its metadata is not cached)');
  assert.ok(
    titleColumn(ok(d, ['library'])).some((t) => t.startsWith(bare.title.slice(0, 12))),
    bare.title,
  );

  // Mistakes: a bad flag is a usage error; a bad setting or variable is reported and the default applies.
  const flag = anidex(d, ['--title-language', 'kanji', 'library']);
  assert.equal(flag.code, 2);
  assert.match(
    flag.err,
    /--title-language "kanji" is not a title language anidex knows\.\n.*Title languages: exported \(as in your export\), english \(.*\), romaji \(.*\)\./,
  );
  writeFileSync(SETTINGS, '{"titleLanguage": "English"}');
  const bad = anidex(d, ['library', '--search', 'kyojin']);
  assert.equal(bad.code, 0);
  assert.match(
    bad.err,
    /settings\.json `titleLanguage` must be "exported", "english" or "romaji", not "English"; write "english"; titles are shown as exported\./,
  );
  assert.equal(titleColumn(bad.out)[0], 'Shingeki no Kyojin');
  const env = anidex(d, ['library', '--search', 'kyojin'], { ANIDEX_TITLE_LANGUAGE: 'jp' });
  assert.match(env.err, /ANIDEX_TITLE_LANGUAGE must be .*not "jp"; it is ignored/);
  rmSync(d, { recursive: true, force: true });
  rmSync(SETTINGS, { force: true });
});

test('recommend and the plan by the chosen name; plan add takes a title in any of its names', async () => {
  const d = await demoDataDir('anidex-names-plan-');
  ok(d, ['import', SAMPLE_V1, '--as-of', '2026-05-01T12:00:00Z', '--offline']);
  const rec = ok(d, ['--title-language', 'romaji', 'recommend', '--offline', '--count', '5']);
  assert.match(
    rec,
    /(Sousou no Frieren|Shingeki no Kyojin|Hagane no Renkinjutsushi)[^(\n]* \(you (rated|binged|watched)/,
    'the reasons name your titles by their romaji names',
  );
  assert.doesNotMatch(rec, /Journey/);
  const exported = ok(d, ['recommend', '--offline', '--count', '5']);
  assert.match(
    exported,
    /(Frieren: Beyond Journey's End|Attack on Titan|Fullmetal Alchemist: Brotherhood)[^(\n]* \(you (rated|binged|watched)/,
    'as exported by default',
  );
  const json = JSON.parse(ok(d, ['recommend', '--offline', '--count', '5', '--json'])) as {
    items: Array<{ malId: number; title: string }>;
  };
  assert.ok(json.items.length > 0);
  // The same anime, listed by their romaji names: at least one differs from the name shown by default.
  const rows = (text: string) =>
    text
      .split('\n')
      .filter((l) => /^\d+ /.test(l))
      .map((l) => l.replace(/ \(\d{4}\).*$/, '').replace(/^\d+ +/, ''));
  assert.equal(rows(rec).length, rows(exported).length);
  assert.ok(
    rows(rec).some((t, i) => t !== rows(exported)[i]),
    `and the recommended anime too:\n${rec}\n${exported}`,
  );

  assert.match(
    ok(d, ['plan', 'add', 'Mimi', 'wo', 'Sumaseba']),
    /^Added Whisper of the Heart to your plan\.$/m,
    'by its romaji name, unquoted',
  );
  assert.match(ok(d, ['plan', 'add', 'whisper of the heart']), /is already on your plan/);
  assert.match(ok(d, ['--title-language', 'romaji', 'plan']), /\bMimi wo Sumaseba\b/);
  const many = anidex(d, ['plan', 'add', 'attack on titan season']);
  assert.equal(many.code, 1);
  assert.match(many.err, /"attack on titan season" matches \d+ anime: Attack on Titan Season 2 \(2017, TV\) = 25777; /);
  assert.match(many.err, /anidex plan add 25777/);
  const none = anidex(d, ['plan', 'add', 'no such anime anywhere']);
  assert.equal(none.code, 1);
  assert.match(none.err, /No anime anidex has metadata for is called "no such anime anywhere"/);
  rmSync(d, { recursive: true, force: true });
});
