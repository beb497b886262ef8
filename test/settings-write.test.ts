// settings.json written by anidex: only the keys it owns (`titleLanguage`, `tui`), as edits of the text it read, so
// everything else stays byte for byte; never into a file that does not parse; created with a header when missing;
// two processes saving at once keep each other's values. And the TUI's remembered values read back, checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings, saveSettings, settingsPath } from '../src/settings/settings-file.ts';
import { SettingsError } from '../src/lib/errors.ts';
import { parseSettingsText } from '../src/settings/settings-text.ts';
import { PreferencesSaver } from '../src/settings/preferences-saver.ts';
import { tuiPreferencesFromSettings, withGenresIn } from '../src/settings/tui-preferences.ts';
import { spawnSync } from 'node:child_process';
import { CHILD_LIMIT_MS } from './helpers/child-limit.ts';
import { ROOT, spawnTs, waitForExit } from './helpers/proc.ts';
import { setTimeout as sleep } from 'node:timers/promises';

const tempDir = () => mkdtempSync(join(tmpdir(), 'anidex-settings-'));

const PREFS = [
  { path: ['titleLanguage'], value: 'romaji' },
  { path: ['tui', 'sort'], value: 'rating' },
  { path: ['tui', 'filters'], value: { genres: ['Drama'], excludeMoods: ['dark'] } },
] as const;

test('no file: the first save creates it with a header comment, and it reads back', async () => {
  const dir = join(tempDir(), 'not-yet'); // the config folder itself does not exist yet
  assert.deepEqual(await saveSettings(dir, PREFS), { saved: true, problem: null });
  const text = readFileSync(settingsPath(dir), 'utf8');
  assert.match(text, /^\/\/ anidex settings\. Comments are allowed\./);
  assert.match(text, /docs\/settings\.md/);
  const s = await loadSettings(dir);
  assert.deepEqual(s.problems, []);
  assert.equal(s.titleLanguage, 'romaji');
  assert.deepEqual(s.tui, { sort: 'rating', filter: { genres: ['Drama'], excludeMoods: ['dark'] } });
  // No temporary or lock file is left beside it.
  assert.deepEqual(readdirSync(dir), ['settings.json']);
});

test('a save changes only the values it sets: comments, unknown keys, order, indentation and line ends stay byte for byte', async () => {
  const dir = tempDir();
  const original = [
    '\uFEFF// my settings: keep this comment',
    '{',
    '    /* keys first */',
    '    "keys": { "down": ["j", "n",], }, // trailing commas too',
    '    "theme": "dark",',
    '    "titleLanguage": "english", // was english',
    '    "tui": { "sort": "title", "mine": true },',
    '}',
    '',
  ].join('\r\n');
  writeFileSync(settingsPath(dir), original);
  assert.deepEqual(await saveSettings(dir, [PREFS[0], PREFS[1]]), { saved: true, problem: null });
  // Values already in the file are replaced where they stand; nothing else moves.
  assert.equal(
    readFileSync(settingsPath(dir), 'utf8'),
    original.replace('"english", //', '"romaji", //').replace('"sort": "title"', '"sort": "rating"'),
  );

  assert.deepEqual(await saveSettings(dir, [PREFS[2]]), { saved: true, problem: null });
  // A new value is added inside its object, indented like the file, with its line ends; only the space where it
  // goes changes (here the space before the object's closing brace becomes a line break).
  const expected = original
    .replace('"english", //', '"romaji", //')
    .replace(
      '"tui": { "sort": "title", "mine": true },',
      [
        '"tui": { "sort": "rating", "mine": true,',
        '        "filters": {',
        '            "genres": [',
        '                "Drama"',
        '            ],',
        '            "excludeMoods": [',
        '                "dark"',
        '            ]',
        '        }',
        '    },',
      ].join('\r\n'),
    );
  assert.equal(readFileSync(settingsPath(dir), 'utf8'), expected);
  const s = await loadSettings(dir);
  assert.deepEqual(s.problems, []);
  assert.deepEqual(s.bindings.down.keys, ['j', 'n']);
  assert.deepEqual(s.tui.filter, { genres: ['Drama'], excludeMoods: ['dark'] });
});

test('a save of values the file already holds writes nothing (the file is not even replaced)', async () => {
  const dir = tempDir();
  await saveSettings(dir, PREFS);
  const before = statSync(settingsPath(dir));
  const text = readFileSync(settingsPath(dir), 'utf8');
  assert.deepEqual(await saveSettings(dir, PREFS), { saved: false, problem: null });
  assert.equal(statSync(settingsPath(dir)).ino, before.ino, 'a write renames a new file into place');
  assert.equal(readFileSync(settingsPath(dir), 'utf8'), text);
});

test('a file that does not parse, or holds no object, is never written: the save says why', async () => {
  const dir = tempDir();
  for (const broken of [
    '{\n  "keys": {"down": "n"}\n  "titleLanguage": "english"\n}\n',
    '{"keys": {',
    '[1, 2]',
    'null',
    '{ /* never closed',
  ]) {
    writeFileSync(settingsPath(dir), broken);
    const r = await saveSettings(dir, PREFS);
    assert.equal(r.saved, false);
    assert.ok(r.problem && 'cause' in r && r.cause === 'file', JSON.stringify(r));
    assert.match(
      r.problem,
      /^Preferences not saved: .*settings\.json (is not valid JSON \(line \d+, column \d+: .*\)|must hold a JSON object.*)\. They are saved once it is fixed\.$/,
    );
    assert.equal(readFileSync(settingsPath(dir), 'utf8'), broken);
    assert.ok((await loadSettings(dir)).error instanceof SettingsError);
  }
});

test('a `tui` that is not an object is noted when read and replaced whole by the next save', async () => {
  const dir = tempDir();
  writeFileSync(settingsPath(dir), '{"keys": {"quit": "Q"}, "tui": "rating"}');
  const before = await loadSettings(dir);
  assert.equal(before.problems.length, 1);
  assert.match(
    before.problems[0]!,
    /`tui`: the TUI left out what it cannot use: `tui` itself \("rating" is not an object\)/,
  );
  await saveSettings(dir, [PREFS[1]]);
  const after = await loadSettings(dir);
  assert.deepEqual(after.problems, []);
  assert.equal(after.tui.sort, 'rating');
  assert.deepEqual(after.bindings.quit.keys, ['Q']);
});

test('remembered values anidex cannot use are left out with one note; the rest is restored', () => {
  const { preferences, problems } = tuiPreferencesFromSettings({
    sort: 'shuffle',
    filters: {
      moods: ['cozy', 'sleepy'],
      lengths: 'short',
      genres: ['Drama', 7],
      colour: ['red'],
      excludeStatuses: ['dropped'],
    },
    somethingNew: true,
  });
  assert.deepEqual(preferences, {
    sort: null,
    filter: { moods: ['cozy'], lengths: ['short'], genres: ['Drama'], excludeStatuses: ['dropped'] },
  });
  assert.equal(problems.length, 1);
  assert.match(
    problems[0]!,
    /^settings\.json `tui`: the TUI left out what it cannot use: sort "shuffle" \(the sorts are title, recent, rating, plays, year, length\); filters\.moods "sleepy" \(not one of cozy,/,
  );
  assert.match(
    problems[0]!,
    /filters\.genres 7; filters "colour" \(there is no such filter\)\. Its next change of sort or filters rewrites them\.$/,
  );
  // Nothing remembered, nothing said; a control character in the file is shown escaped.
  assert.deepEqual(tuiPreferencesFromSettings(undefined), { preferences: { sort: null, filter: null }, problems: [] });
  assert.match(tuiPreferencesFromSettings({ sort: '\u001b[2J' }).problems[0]!, /sort "\\u001b\[2J"/);
  // A genre this library does not have (another export's) is dropped, compared without case.
  assert.deepEqual(
    withGenresIn({ genres: ['drama', 'Mecha'], excludeGenres: ['Horror'], moods: ['cozy'] }, ['Drama', 'Comedy']),
    { genres: ['drama'], excludeGenres: [], moods: ['cozy'] },
  );
});

test('two processes saving at once: the file always parses, and no save of either is lost', async () => {
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  const header = '// two writers\n{\n  "keys": {"quit": "Q"}, // mine\n}\n';
  writeFileSync(settingsPath(dir), header);
  const COUNT = 40;
  // Both start saving at one moment, well after both have started (a loaded machine starts a process slowly).
  const startAt = String(Date.now() + 3000);
  const children = ['a', 'b'].map((tag) =>
    waitForExit(spawnTs('test/helpers/settings-saver.ts', [dir, tag, String(COUNT), startAt])),
  );
  let done = false;
  let reads = 0;
  // A reader all along: a half-written file (one writer renaming the other's temporary file) would fail to parse.
  const reader = (async () => {
    while (!done) {
      const parsed = parseSettingsText(readFileSync(settingsPath(dir), 'utf8'));
      assert.ok(parsed.ok, `a read saw a broken file: ${JSON.stringify(parsed)}`);
      reads++;
      await sleep(2);
    }
  })();
  const results = await Promise.all(children);
  done = true;
  await reader;
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  const s = await loadSettings(dir);
  const tui = (
    parseSettingsText(readFileSync(settingsPath(dir), 'utf8')) as { value: { tui: Record<string, unknown> } }
  ).value.tui;
  for (const tag of ['a', 'b'])
    for (let i = 0; i < COUNT; i++) assert.equal(tui[`${tag}-${i}`], i, `${tag}-${i} was lost`);
  assert.deepEqual(s.bindings.quit.keys, ['Q']);
  const text = readFileSync(settingsPath(dir), 'utf8');
  assert.ok(
    text.startsWith('// two writers\n{\n  "keys": {"quit": "Q"}, // mine\n  "tui": {\n') && text.endsWith('\n  }\n}\n'),
    text,
  );
  assert.ok(reads > 0);
  assert.equal(existsSync(`${settingsPath(dir)}.lock`), false, 'the lock is released');
});

test('the saver: a burst of changes is one write of the last values; the end of the session writes what waits', async () => {
  const dir = tempDir();
  const saver = new PreferencesSaver(dir, { sort: 'title' }, { delayMs: 60 });
  const answers = [
    saver.remember({ sort: 'recent' }),
    saver.remember({ sort: 'rating', filter: { moods: ['cozy'] } }),
    saver.remember({ titleLanguage: 'english' }),
  ];
  assert.equal(existsSync(settingsPath(dir)), false, 'nothing is written before the delay');
  assert.deepEqual(await Promise.all(answers), [null, null, null]);
  const s = await loadSettings(dir);
  assert.deepEqual([s.tui.sort, s.tui.filter, s.titleLanguage], ['rating', { moods: ['cozy'] }, 'english']);

  // A long delay: flush (the session's end) writes at once.
  const slow = new PreferencesSaver(dir, {}, { delayMs: 600_000 });
  void slow.remember({ sort: 'year' });
  assert.equal(await slow.flush(), null);
  assert.equal((await loadSettings(dir)).tui.sort, 'year');
});

test('the saver: a broken file is said once (not at every change), and what waits is saved once it is fixed', async () => {
  const dir = tempDir();
  const broken = '{"keys": {"quit": "Q"},, }';
  writeFileSync(settingsPath(dir), broken);
  const saver = new PreferencesSaver(dir, {}, { delayMs: 10 });
  const first = await saver.remember({ sort: 'rating' });
  assert.match(first ?? '', /^Preferences not saved: .* is not valid JSON/);
  assert.equal(await saver.remember({ sort: 'plays' }), null, 'said once');
  assert.equal(readFileSync(settingsPath(dir), 'utf8'), broken);
  // Told at start (the banner said so): not said again.
  assert.equal(
    await new PreferencesSaver(dir, {}, { delayMs: 10, brokenAtStart: true }).remember({ sort: 'year' }),
    null,
  );

  writeFileSync(settingsPath(dir), '{"keys": {"quit": "Q"}}');
  assert.equal(await saver.flush(), null);
  const s = await loadSettings(dir);
  assert.equal(s.tui.sort, 'plays');
  assert.deepEqual(s.bindings.quit.keys, ['Q']);
});

test('the CLI on a broken settings.json: doctor marks it BAD (exit 1) with the file, the place and what to do; commands run on the defaults and say so on stderr', () => {
  const root = tempDir();
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(root, 'config'),
    XDG_DATA_HOME: join(root, 'data'),
    XDG_CACHE_HOME: join(root, 'cache'),
    XDG_STATE_HOME: join(root, 'state'),
  };
  const dir = join(root, 'config', 'anidex');
  mkdirSync(dir, { recursive: true });
  const broken = '// mine\n{\n  "keys": {"quit": "Q"}\n  "titleLanguage": "english"\n}\n';
  writeFileSync(settingsPath(dir), broken);
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/anidex.js', ...args], {
      timeout: CHILD_LIMIT_MS,
      cwd: ROOT,
      encoding: 'utf8',
      env,
    });
  const said =
    /is not valid JSON \(line 4, column 3: unexpected '"', a comma is missing before it\)\. Fix it or delete it to use the default settings; nothing is saved into it until then\./;
  const doctor = run('doctor');
  assert.equal(doctor.status, 1, doctor.stdout + doctor.stderr);
  assert.match(
    doctor.stdout,
    new RegExp(`BAD\\s+settings\\s+${settingsPath(dir).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} ${said.source}`),
  );
  const library = run('--demo', 'library');
  assert.equal(library.status, 0, library.stderr);
  assert.match(library.stderr, new RegExp(`^anidex: .*settings\\.json ${said.source}$`, 'm'));
  assert.equal(readFileSync(settingsPath(dir), 'utf8'), broken);

  // Fixed (comments and all): doctor is content.
  writeFileSync(settingsPath(dir), broken.replace('}\n  "title', '},\n  "title'));
  const fixed = run('doctor');
  assert.match(fixed.stdout, /ok\s+settings\s+\S+settings\.json\n/);
});
