// Key overrides from settings.json: the pure merge (applyKeyOverrides) and the lowdb file adapter (loadSettings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandFor, DEFAULT_BINDINGS, helpLines, UI_COMMANDS, type Bindings } from '../../src/ui/keys/bindings.ts';
import { applyKeyOverrides } from '../../src/settings/key-overrides.ts';
import { loadSettings, settingsPath } from '../../src/settings/settings-file.ts';
import { SettingsError } from '../../src/lib/errors.ts';

const tempDir = () => mkdtempSync(join(tmpdir(), 'anidex-keys-'));

/** Every command keeps a key and no key triggers two commands. */
function assertSound(b: Bindings): void {
  const seen = new Map<string, string>();
  for (const cmd of UI_COMMANDS) {
    assert.ok(b[cmd].keys.length > 0, `${cmd} has no key`);
    for (const k of b[cmd].keys) {
      assert.ok(!seen.has(k), `${k} is bound to ${seen.get(k)} and ${cmd}`);
      seen.set(k, cmd);
    }
  }
}

function problemsMatch(problems: string[], patterns: RegExp[]): void {
  assert.equal(problems.length, patterns.length, problems.join('\n'));
  patterns.forEach((p, i) => assert.match(problems[i]!, p));
}

test('the defaults are sound and no overrides means the defaults', () => {
  assertSound(DEFAULT_BINDINGS);
  assert.deepEqual(applyKeyOverrides(undefined), { bindings: DEFAULT_BINDINGS, problems: [] });
  assert.deepEqual(applyKeyOverrides({}), { bindings: DEFAULT_BINDINGS, problems: [] });
});

test('overrides: several keys per command, a single string, named and ctrl keys; commandFor and help see them', () => {
  const { bindings, problems } = applyKeyOverrides({
    down: ['j', 'n', 'ctrl+n'],
    quit: 'Q',
    nextScreen: ['tab', 'L'],
    toggle: 'space',
    search: ['/', 'é'],
  });
  assert.deepEqual(problems, []);
  assert.deepEqual(bindings.down.keys, ['j', 'n', 'ctrl+n']);
  assert.deepEqual(bindings.quit.keys, ['Q']);
  assert.equal(bindings.down.description, DEFAULT_BINDINGS.down.description);
  for (const k of ['j', 'n', 'ctrl+n']) assert.equal(commandFor(k, bindings), 'down');
  assert.equal(commandFor('down', bindings), null, 'an override replaces the default keys of its command');
  assert.equal(commandFor('q', bindings), null);
  assert.equal(commandFor('Q', bindings), 'quit');
  assert.equal(commandFor('L', bindings), 'nextScreen');
  assert.equal(commandFor('é', bindings), 'search');
  assert.deepEqual(bindings.up, DEFAULT_BINDINGS.up, 'commands not named keep their defaults');
  const help = helpLines(bindings);
  assert.ok(
    help.some((l) => /^j, n, \^n\s+move down$/.test(l)),
    help.join('\n'),
  );
  assert.ok(
    help.some((l) => /^Q\s+quit/.test(l)),
    help.join('\n'),
  );
  assertSound(bindings);
});

test('every invalid entry is one problem naming the command and key; the rest still applies', () => {
  const { bindings, problems } = applyKeyOverrides({
    down: ['n', 'ctrl+', 'Enter', 'ctrl+D', 'jj', '', ' ', '\u0007', 1, null, 'n'],
    dwon: 'w',
    warp: 'w',
    up: [],
    top: { key: 't' },
    bottom: 5,
    quit: 'Q',
  });
  problemsMatch(problems, [
    /^settings\.json `keys\.down`: "ctrl\+" is not a key name; use a single character, up, down, .*shift\+tab, space or ctrl\+<letter>\.$/,
    /`keys\.down`: "Enter" is not a key name; write "return"\.$/,
    /`keys\.down`: "ctrl\+D" is not a key name; write "ctrl\+d"\.$/,
    /`keys\.down`: "jj" is not a key name; use a single character/,
    /`keys\.down`: "" is not a key name; use a single character/,
    /`keys\.down`: " " is not a key name; write "space"\.$/,
    /`keys\.down`: "\\u0007" is not a key name; use a single character/,
    /`keys\.down`: 1 is not a key name; write each key as a string in quotes, like "j" or "1"\.$/,
    /`keys\.down`: null is not a key name; write each key as a string/,
    /`keys\.dwon`: there is no command "dwon" \(did you mean "down"\?\); use one of up, down, .*, quit\.$/,
    /`keys\.warp`: there is no command "warp"; use one of up, down/,
    /`keys\.up` is an empty list, but every command needs a key; give up a key or remove the entry to keep its default keys \(↑, k\)\.$/,
    /`keys\.top` must be a key or a list of keys, like \["j", "down"\], not an object; top keeps its default keys \(g\)\.$/,
    /`keys\.bottom` must be a key or a list of keys, .*not 5; bottom keeps its default keys \(G\)\.$/,
  ]);
  assert.deepEqual(bindings.down.keys, ['n'], 'the valid key is applied once, the invalid ones skipped');
  assert.deepEqual(bindings.quit.keys, ['Q']);
  assert.deepEqual(bindings.up.keys, DEFAULT_BINDINGS.up.keys);
  assert.deepEqual(bindings.top.keys, ['g']);
  assert.equal(commandFor('w', bindings), null);
  assertSound(bindings);
});

test('ctrl+c always exits and cannot be bound, in any spelling; ctrl+letters the terminal sends as other keys are refused', () => {
  const { bindings, problems } = applyKeyOverrides({
    quit: ['ctrl+c', 'Ctrl+C', '^c', 'Q'],
    open: ['ctrl+m', 'ctrl+o'],
    back: ['ctrl+h', 'escape'],
    nextScreen: ['ctrl+i', 'tab'],
    down: ['ctrl+j', 'j'],
  });
  problemsMatch(problems, [
    /^settings\.json `keys\.quit`: "ctrl\+c" always exits anidex, so it cannot be bound; choose another key\.$/,
    /`keys\.quit`: "Ctrl\+C" always exits anidex/,
    /`keys\.quit`: "\^c" always exits anidex/,
    /`keys\.open`: terminals send "ctrl\+m" as return; bind "return" instead\.$/,
    /`keys\.back`: terminals send "ctrl\+h" as backspace, which cannot be bound; choose another key\.$/,
    /`keys\.nextScreen`: terminals send "ctrl\+i" as tab; bind "tab" instead\.$/,
    /`keys\.down`: terminals send "ctrl\+j" as a newline/,
  ]);
  assert.deepEqual(bindings.quit.keys, ['Q']);
  assert.deepEqual(bindings.open.keys, ['ctrl+o']);
  assert.equal(commandFor('ctrl+c', bindings), null);
  const onlyCtrlC = applyKeyOverrides({ quit: 'ctrl+c' });
  problemsMatch(onlyCtrlC.problems, [
    /ctrl\+c" always exits/,
    /`keys\.quit` has no usable key left, so quit keeps its default keys \(q\)\.$/,
  ]);
  assert.deepEqual(onlyCtrlC.bindings.quit.keys, ['q']);
});

test('conflicts: a reused default key moves to the override, unless it is the last key of a command not overridden', () => {
  // Taking one of two keys: silently moved, the other command keeps the rest.
  const moved = applyKeyOverrides({ open: ['k', 'return'] });
  assert.deepEqual(moved.problems, []);
  assert.deepEqual(moved.bindings.up.keys, ['up']);
  assert.equal(commandFor('k', moved.bindings), 'open');

  // Swapping the keys of two commands works because both are overridden.
  const swapped = applyKeyOverrides({ help: 'q', quit: '?' });
  assert.deepEqual(swapped.problems, []);
  assert.equal(commandFor('q', swapped.bindings), 'help');
  assert.equal(commandFor('?', swapped.bindings), 'quit');

  // Taking the only key of a command not overridden: the key stays, the rest of the override applies.
  const kept = applyKeyOverrides({ search: ['f', 'F'] });
  problemsMatch(kept.problems, [
    /^settings\.json `keys\.search`: taking "f" would leave filter with no key, so it stays with filter; bind filter to another key in `keys\.filter` or choose another key for search\.$/,
  ]);
  assert.deepEqual(kept.bindings.search.keys, ['F']);
  assert.deepEqual(kept.bindings.filter.keys, ['f']);

  // …and when that was the override's only key, the override is ignored.
  const ignored = applyKeyOverrides({ search: 'f' });
  problemsMatch(ignored.problems, [
    /taking "f" would leave filter with no key/,
    /`keys\.search` has no usable key left, so search keeps its default keys \(\/\)\.$/,
  ]);
  assert.deepEqual(ignored.bindings, DEFAULT_BINDINGS);

  // Naming the other command too frees its key.
  const both = applyKeyOverrides({ search: 'f', filter: 'F' });
  assert.deepEqual(both.problems, []);
  assert.equal(commandFor('f', both.bindings), 'search');
  assert.equal(commandFor('/', both.bindings), null);
});

test('conflicts: two overrides naming one key, the first in the file keeps it; fallbacks cascade until every command has a key', () => {
  const twice = applyKeyOverrides({ down: ['n'], up: ['n', 'N'], top: 'n' });
  problemsMatch(twice.problems, [
    /^settings\.json `keys\.up`: "n" is already bound to down earlier in the file; choose another key for up\.$/,
    /`keys\.top`: "n" is already bound to down/,
    /`keys\.top` has no usable key left, so top keeps its default keys \(g\)\.$/,
  ]);
  assert.deepEqual(twice.bindings.down.keys, ['n']);
  assert.deepEqual(twice.bindings.up.keys, ['N']);
  assert.deepEqual(twice.bindings.top.keys, ['g']);

  // search's override is dropped (f is filter's only key), so search falls back to "/", which help had taken.
  const cascade = applyKeyOverrides({ help: '/', search: 'f' });
  problemsMatch(cascade.problems, [
    /`keys\.search`: taking "f" would leave filter with no key/,
    /`keys\.search` has no usable key left/,
    /`keys\.help`: taking "\/" would leave search with no key/,
    /`keys\.help` has no usable key left, so help keeps its default keys \(\?\)\.$/,
  ]);
  assert.deepEqual(cascade.bindings, DEFAULT_BINDINGS);
});

test('whatever the overrides, nothing throws, every command keeps a key and no key means two commands', () => {
  let seed = 42;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const pool = [
    ...new Set(UI_COMMANDS.flatMap((c) => DEFAULT_BINDINGS[c].keys)),
    'n',
    'N',
    'ctrl+c',
    'bad key',
    '',
    'z',
  ];
  for (let round = 0; round < 500; round++) {
    const raw: Record<string, unknown> = {};
    for (let i = rand(6); i >= 0; i--) {
      const cmd = UI_COMMANDS[rand(UI_COMMANDS.length)]!;
      raw[cmd] = Array.from({ length: rand(4) }, () => pool[rand(pool.length)]);
    }
    const { bindings } = applyKeyOverrides(raw);
    assertSound(bindings);
  }
});

test('keys that is not an object is one problem and the defaults', () => {
  for (const [raw, kind] of [
    [null, 'null'],
    [['j'], 'a list'],
    ['j', 'j'],
    [3, '3'],
  ] as const) {
    const { bindings, problems } = applyKeyOverrides(raw);
    problemsMatch(problems, [
      new RegExp(
        `^settings\\.json \`keys\` must be an object from command to keys, like \\{"down": \\["j", "n"\\]\\}, not ${kind.replace(/[[\]]/g, '\\$&')}; the default keys are used\\.$`,
      ),
    ]);
    assert.equal(bindings, DEFAULT_BINDINGS);
  }
});

test('settings file: overrides are read with lowdb and the file is left byte for byte as it was', async () => {
  const dir = tempDir();
  const text = '{\n  "theme": "dark",\n  "keys": { "down": ["j", "n"], "quit": "Q", "dwon": "x" }\n}\n';
  writeFileSync(settingsPath(dir), text);
  const s = await loadSettings(dir);
  assert.equal(s.path, join(dir, 'settings.json'));
  assert.deepEqual(s.bindings.down.keys, ['j', 'n']);
  assert.deepEqual(s.bindings.quit.keys, ['Q']);
  problemsMatch(s.problems, [/`keys\.dwon`: there is no command "dwon"/]);
  assert.equal(readFileSync(settingsPath(dir), 'utf8'), text);
});

test('settings file: missing (or no data dir yet) means the defaults, no problems, and nothing is created', async () => {
  const dir = tempDir();
  assert.deepEqual(await loadSettings(dir), {
    bindings: DEFAULT_BINDINGS,
    titleLanguage: 'exported',
    tui: { sort: null, filter: null },
    problems: [],
    titleLanguageProblems: [],
    error: null,
    path: settingsPath(dir),
  });
  assert.equal(existsSync(settingsPath(dir)), false);
  const absent = join(dir, 'not-yet');
  assert.deepEqual((await loadSettings(absent)).problems, []);
  assert.equal(existsSync(absent), false);
});

test('settings file: broken JSON is one problem naming the file and the line and column, and the file is kept', async () => {
  const dir = tempDir();
  const text = '{\n  "keys": {\n    "down": ["j", "n"]\n    "up": "k"\n  }\n}\n';
  writeFileSync(settingsPath(dir), text);
  const s = await loadSettings(dir);
  assert.equal(s.bindings, DEFAULT_BINDINGS);
  // A typed error for whoever needs more than the text: which file, and what to do.
  assert.ok(s.error instanceof SettingsError);
  assert.equal(s.error.file, settingsPath(dir));
  assert.match(s.error.message, /is not valid JSON \(line 4, column 5/);
  assert.equal(s.error.hint, 'Fix it or delete it to use the default settings; nothing is saved into it until then.');
  problemsMatch(s.problems, [
    new RegExp(
      `^${settingsPath(dir).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not valid JSON \\(line 4, column 5: unexpected '"', a comma is missing before it\\)\\. Fix it or delete it to use the default settings; nothing is saved into it until then\\.$`,
    ),
  ]);
  assert.equal(readFileSync(settingsPath(dir), 'utf8'), text);

  for (const [broken, where] of [
    ['{"keys": {"down": "n"}', /line 1, column 23: the file ends before the JSON does/],
    ['{\n  /* my keys\n}', /line 2, column 3: a \/\* comment is never closed with \*\//],
    ['{"keys": {"quit": \'Q\'}}', /line 1, column 19: unexpected "'", JSON takes names and strings in double quotes/],
    ['{"keys": {}} x', /line 1, column 14: unexpected "x"/],
    ['{\n\t"keys": {"quit": "Q}\n}', /line 2, column 19: a string is never closed with "/],
    ['{"keys" {}}', /line 1, column 9: unexpected "\{", a colon was expected after the name/],
    ['{keys: {}}', /line 1, column 2: unexpected "k"/],
    ['{"keys": {"quit": "\u0007"}}', /line 1, column 19: .*control character/],
  ] as const) {
    writeFileSync(settingsPath(dir), broken);
    problemsMatch((await loadSettings(dir)).problems, [where]);
  }
});

test('settings file: JSON with comments and trailing commas is read (// and /* */, anywhere a space may be)', async () => {
  const dir = tempDir();
  const text = [
    '// my anidex settings',
    '{',
    '  /* vim-ish, with n as well */',
    '  "keys": { "down": ["j", "n",], "quit": "Q", }, // trailing commas are fine',
    '  "titleLanguage": /* inline */ "romaji",',
    '}',
    '',
  ].join('\n');
  writeFileSync(settingsPath(dir), text);
  const s = await loadSettings(dir);
  assert.deepEqual(s.problems, []);
  assert.deepEqual(s.bindings.down.keys, ['j', 'n']);
  assert.deepEqual(s.bindings.quit.keys, ['Q']);
  assert.equal(s.titleLanguage, 'romaji');
  assert.equal(readFileSync(settingsPath(dir), 'utf8'), text, 'reading never rewrites the file');
  writeFileSync(settingsPath(dir), '// nothing set yet\n/* still nothing */\n');
  assert.deepEqual((await loadSettings(dir)).problems, [], 'a file of comments only is no settings');
});

test('settings file: a top level that is not an object, or keys that is not an object, is a problem', async () => {
  const dir = tempDir();
  for (const [text, kind] of [
    ['null', 'null'],
    ['[1]', 'a list'],
    ['"keys"', 'a string'],
    ['7', 'a number'],
    ['false', 'false'],
  ] as const) {
    writeFileSync(settingsPath(dir), text);
    const s = await loadSettings(dir);
    assert.equal(s.bindings, DEFAULT_BINDINGS);
    problemsMatch(s.problems, [
      new RegExp(
        `settings\\.json must hold a JSON object, like \\{"keys": \\{"down": \\["j", "n"\\]\\}\\}, not ${kind}\\. Fix it or delete it`,
      ),
    ]);
  }
  writeFileSync(settingsPath(dir), '{"keys": ["j"]}');
  problemsMatch((await loadSettings(dir)).problems, [/`keys` must be an object from command to keys/]);
});

test('settings file: empty, byte-order mark, unreadable', async () => {
  const dir = tempDir();
  writeFileSync(settingsPath(dir), '  \n');
  assert.deepEqual((await loadSettings(dir)).problems, [], 'an empty file is no settings');
  writeFileSync(settingsPath(dir), '\uFEFF{"keys": {"down": "n"}}');
  const bom = await loadSettings(dir);
  assert.deepEqual(bom.problems, []);
  assert.deepEqual(bom.bindings.down.keys, ['n']);

  const dirAsFile = tempDir();
  mkdirSync(settingsPath(dirAsFile));
  const s = await loadSettings(dirAsFile);
  assert.equal(s.bindings, DEFAULT_BINDINGS);
  problemsMatch(s.problems, [
    /^Could not read .*settings\.json \(EISDIR[^)]*\)\. Fix its permissions or delete it to use the default settings; nothing is saved into it until then\.$/,
  ]);
});
