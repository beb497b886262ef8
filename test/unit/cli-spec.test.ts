// The command specs and what is read from them: the parser, help, completion's candidates and the README's
// table. In-process and fast; test/completion-shell.test.ts runs the real program in real shells.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/proc.ts';
import { UsageError } from '../../src/lib/errors.ts';
import { displayWidth } from '../../src/lib/text/cells.ts';
import { EXPORT_FORMATS } from '../../src/app/export.ts';
import { FORMAT_CHOICES } from '../../src/commands/choices.ts';
import { GLOBAL_FLAGS } from '../../src/commands/globals.ts';
import { parseCommand, parseGlobals } from '../../src/commands/parse.ts';
import { commandHelp, topHelp } from '../../src/commands/help.ts';
import { completeWords, type GenreLookup } from '../../src/commands/complete.ts';
import { readmeCliTable, TABLE_END, TABLE_START } from '../../src/commands/readme-table.ts';
import { splitLine } from '../../src/commands/shell-words.ts';
import { allFlagsOf, type CommandSpec, type Flags } from '../../src/commands/spec.ts';
import { COMMANDS, findCommand } from '../../src/commands/specs/index.ts';

/** Parse a command line the way main() does, without running anything. */
function parseLine(line: string) {
  const words = splitLine(line);
  const argv = [...words.words, ...(words.current ? [words.current] : [])];
  assert.equal(argv[0], 'anidex', line);
  const g = parseGlobals(argv.slice(1));
  const [name, ...args] = g.rest;
  if (g.values.help || g.values.version || name === undefined) return { globals: g.values, parsed: null };
  const spec = findCommand(name);
  if (!spec) throw new UsageError(`Unknown command "${name}".`);
  return { globals: g.values, parsed: parseCommand(spec, args, { json: Boolean(g.values.json) }) };
}

function usageError(line: string, message: RegExp, hint?: RegExp): void {
  assert.throws(
    () => parseLine(line),
    (e: unknown) => {
      assert.ok(e instanceof UsageError, `${line}: ${String(e)}`);
      assert.equal(e.exitCode, 2);
      assert.match(e.message, message, line);
      if (hint) assert.match(e.hint ?? '', hint, line);
      return true;
    },
  );
}

/** `COLUMNS=80 anidex stats | less` → `anidex stats`: what anidex itself is given. */
function anidexPart(example: string): string {
  const from = example.indexOf('anidex ');
  return example.slice(from).split(/ [|>] /)[0]!;
}

test('every example in every spec parses with that spec', () => {
  for (const spec of COMMANDS) {
    assert.ok(spec.examples?.length, `${spec.name} has examples`);
    for (const e of spec.examples!) {
      assert.ok(e.includes(`anidex ${spec.name}`), e);
      assert.doesNotThrow(() => parseLine(anidexPart(e)), e);
    }
  }
});

test('specs are complete and consistent: names, summaries, descriptions, short flags, formats', () => {
  const names = COMMANDS.map((c) => c.name);
  assert.equal(new Set(names).size, names.length);
  const shorts = Object.values(GLOBAL_FLAGS as Flags).flatMap((f) => (f.short ? [f.short] : []));
  for (const spec of COMMANDS) {
    assert.ok(spec.summary && !spec.summary.endsWith('.'), spec.name);
    const flags = allFlagsOf(spec);
    for (const [name, f] of Object.entries(flags)) {
      assert.ok(f.description, `${spec.name} --${name}`);
      assert.ok(!(name in GLOBAL_FLAGS), `${spec.name} --${name} is a global flag`);
      if (f.short) assert.ok(!shorts.includes(f.short), `${spec.name} -${f.short} is a global short flag`);
    }
    const own = Object.values(flags).flatMap((f) => (f.short ? [f.short] : []));
    assert.equal(new Set(own).size, own.length, `${spec.name}: short flags are unique`);
  }
  assert.deepEqual(FORMAT_CHOICES.values, EXPORT_FORMATS, 'export --format offers what the exporter writes');
});

test('every text in the specs is one terminal cell per character (help wraps it by length)', () => {
  const texts: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') texts.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  collect(COMMANDS.map(({ load: _load, ...data }) => data));
  collect(GLOBAL_FLAGS);
  assert.ok(texts.length > 200);
  for (const t of texts) assert.equal(displayWidth(t), t.length, t);
});

test('global flags anywhere, --json passed on, command flags typed', () => {
  const a = parseLine('anidex library --json --genre drama --genre "slice of life" -s frieren --length short');
  assert.equal(a.globals.json, true);
  assert.deepEqual(a.parsed!.values, { genre: ['drama', 'slice of life'], search: 'frieren', length: ['short'] });
  const b = parseLine('anidex --json --data-dir=/tmp/x --title-language romaji stats --months=12');
  assert.equal(b.globals['data-dir'], '/tmp/x');
  assert.equal(b.globals['title-language'], 'romaji');
  assert.deepEqual(b.parsed!.values, { months: 12 });
  assert.deepEqual(
    parseLine('anidex library --status On-Hold --not-status plan-to-watch').parsed!.values,
    { status: ['on_hold'], 'not-status': ['plan_to_watch'] },
    'statuses as MyAnimeList spells them',
  );
  assert.deepEqual(parseLine('anidex recommend --count 5 --engine local --dry-run').parsed!.values, {
    count: 5,
    engine: 'local',
    'dry-run': true,
  });
});

test('arguments: words joined, subcommands, the default subcommand, -- ends flags', () => {
  assert.deepEqual(parseLine('anidex history shingeki no kyojin').parsed!.args, { title: 'shingeki no kyojin' });
  assert.deepEqual(parseLine('anidex match Mushishi Zoku Shou 24701').parsed!.args, {
    title: 'Mushishi Zoku Shou',
    malId: '24701',
  });
  const add = parseLine('anidex plan add whisper of the heart --notes rainy --force').parsed!;
  assert.equal(add.sub, 'add');
  assert.equal(add.command, 'plan add');
  assert.deepEqual(add.args, { query: 'whisper of the heart' });
  assert.deepEqual(add.values, { notes: 'rainy', force: true });
  assert.equal(parseLine('anidex plan --json').parsed!.sub, 'list');
  assert.deepEqual(parseLine('anidex history -- --weird-title').parsed!.args, { title: '--weird-title' });
  assert.equal(parseLine('anidex import ./export.zip').parsed!.args.path, './export.zip');
});

test('usage errors name the command and say what would be right', () => {
  usageError(
    'anidex library --colour',
    /^library: "--colour" is not a flag of library\.$/,
    /Its flags: --search, .*--json; `anidex library --help`/,
  );
  usageError(
    'anidex library --mood sad',
    /^library: --mood "sad" is not a mood anidex knows\.$/,
    /^Moods: cozy, dark, /,
  );
  usageError(
    'anidex recommend --engine x',
    /^recommend: --engine "x" is not an engine anidex knows\.$/,
    /^Engines: local \(.*\), gemini \(.*\)\.$/,
  );
  usageError('anidex recommend --count 51', /^recommend: --count "51" is not a whole number from 1 to 50\.$/);
  usageError('anidex stats --months two', /^stats: --months "two" is not a whole number of 1 or more\.$/);
  usageError('anidex stats --months 2 --months 3', /--months is given twice/);
  usageError('anidex recommend --not-status dropped', /recommend has no --not-status/, /--genre, --mood or --length/);
  usageError('anidex library --search', /^library: --search <text> needs a value\.$/);
  usageError('anidex library --search --deleted', /needs a value/, /write --search=--deleted/);
  usageError('anidex library --unmatched=1', /--unmatched takes no value/);
  usageError('anidex export', /^export needs --format: one of mal-xml, csv, json\.$/);
  usageError(
    'anidex plan remove 3 --force',
    /^plan remove: "--force" is not a flag of plan remove\.$/,
    /^--force belongs to plan add\.$/,
  );
  usageError(
    'anidex plan frobnicate',
    /^plan: "frobnicate" is not a subcommand of plan; it has list, add <mal id \| title>, remove <id> or move <id> <priority>\.$/,
  );
  usageError('anidex snapshot', /^snapshot needs a subcommand: list or restore <id>\.$/);
  usageError('anidex snapshot restore', /^snapshot restore needs <id>\.$/);
  usageError('anidex stats extra', /^stats takes no positional arguments \(got "extra"\)\.$/);
  usageError('anidex import a b', /^import: unexpected argument "b"\.$/);
  usageError('anidex import', /^import needs exactly one path/);
  usageError(
    'anidex completion tcsh',
    /^completion: "tcsh" is not a shell anidex knows\.$/,
    /^Shells: bash, zsh, fish\.$/,
  );
  usageError('anidex completion bash --json', /^completion has no --json output\.$/);
  usageError(
    'anidex --title-language kanji library',
    /^--title-language "kanji" is not a title language anidex knows\.$/,
    /^Title languages: exported \(/,
  );
  usageError('anidex --data-dir', /^--data-dir <dir> needs a value\.$/);
});

test('--help of every command lists every flag, argument, subcommand and example', () => {
  for (const spec of COMMANDS) {
    const help = commandHelp(spec, 80);
    for (const line of help.split('\n')) assert.ok(line.length <= 80, `${spec.name}: ${line}`);
    for (const name of Object.keys(allFlagsOf(spec)))
      assert.match(help, new RegExp(`--${name}\\b`), `${spec.name} --${name}`);
    for (const p of [...(spec.positionals ?? []), ...(spec.subcommands ?? []).flatMap((s) => s.positionals ?? [])])
      assert.ok(help.includes(p.arg), `${spec.name} ${p.arg}`);
    for (const s of spec.subcommands ?? [])
      assert.ok(help.includes(`${spec.name} ${s.name}`), `${spec.name} ${s.name}`);
    for (const e of spec.examples ?? []) assert.ok(help.includes(`  ${e}`), e);
    if (spec.json || spec.subcommands?.some((s) => s.json)) assert.match(help, /--json/);
  }
  const top = topHelp(COMMANDS, '9.9.9', 80);
  for (const spec of COMMANDS) assert.match(top, new RegExp(`^  ${spec.name} +\\S`, 'm'));
  for (const name of Object.keys(GLOBAL_FLAGS)) assert.match(top, new RegExp(`--${name}\\b`));
});

const GENRES: GenreLookup = async (source, where) =>
  (source === 'library-genre' ? ['Drama', 'Slice of Life'] : ['Drama', 'Mecha', 'Slice of Life']).map((g) =>
    where.demo ? `${g} (demo)` : g,
  );

async function values(line: string): Promise<string[]> {
  const s = splitLine(line);
  const c = await completeWords(s.words.slice(1), s.current, GENRES);
  return c.candidates.map((x) => x.value);
}

test('completion candidates: commands, subcommands, flags not yet given, fixed values, genres, files', async () => {
  assert.deepEqual(await values('anidex li'), ['library']);
  assert.ok((await values('anidex ')).includes('completion'));
  assert.deepEqual(await values('anidex plan '), ['list', 'add', 'remove', 'move']);
  assert.deepEqual(await values('anidex snapshot r'), ['restore']);
  assert.deepEqual(await values('anidex library --mo'), ['--mood']);
  assert.deepEqual(
    await values('anidex library --deleted --de'),
    ['--demo', '--debug'],
    'a flag given once is not offered again',
  );
  assert.ok((await values('anidex library --genre x --')).includes('--genre'), 'a repeatable flag is');
  assert.deepEqual(await values('anidex plan add 5114 --'), [
    '--notes',
    '--force',
    '--data-dir',
    '--demo',
    '--json',
    '--title-language',
    '--debug',
    '--help',
    '--version',
  ]);
  assert.ok(!(await values('anidex completion bash --')).includes('--json'), 'no --json where there is none');
  assert.deepEqual(await values('anidex library --length '), ['movie', 'short', 'medium', 'long']);
  assert.deepEqual(await values('anidex library --status on'), ['on_hold']);
  assert.deepEqual(await values('anidex recommend --engine '), ['local', 'gemini']);
  assert.deepEqual(await values('anidex export -f '), ['mal-xml', 'csv', 'json']);
  assert.deepEqual(await values('anidex --title-language r'), ['romaji']);
  assert.deepEqual(await values('anidex completion '), ['bash', 'zsh', 'fish']);
  assert.deepEqual(
    await values('anidex library --genre sl'),
    ['Slice of Life'],
    'genres from the library, case ignored',
  );
  assert.deepEqual(await values('anidex recommend --not-genre m'), ['Mecha'], "recommend's genres: all the metadata's");
  assert.deepEqual(
    await values('anidex --demo library --genre d'),
    ['Drama (demo)'],
    'from the warehouse the line names',
  );
  const eq = await completeWords(['library'], '--length=s', GENRES);
  assert.deepEqual(eq, { candidates: [{ value: 'short', description: 'under 5 h in all' }], prefix: '--length=' });
  assert.deepEqual(await completeWords(['import'], 'dat', GENRES), { candidates: [], fallback: 'file' });
  assert.deepEqual(await completeWords([], '--data-dir=', GENRES), {
    candidates: [],
    fallback: 'dir',
    prefix: '--data-dir=',
  });
  assert.deepEqual(await values('anidex frobnicate --'), [], 'nothing after an unknown command');
  assert.deepEqual(await values('anidex history frieren '), [], 'titles are not completed');
});

test("the README's CLI table is the specs' (npm run docs:cli writes it)", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  assert.ok(start !== -1 && end > start, 'the README has the table markers');
  const inReadme = readme.slice(start, end + TABLE_END.length);
  const table = readmeCliTable(COMMANDS);
  // Said flag by flag first, so a failure names what is missing or extra.
  const flagsIn = (text: string): Set<string> => new Set(text.match(/--[a-z][a-z-]*/g) ?? []);
  const want = flagsIn(table);
  const have = flagsIn(inReadme);
  assert.deepEqual(
    [...want].filter((f) => !have.has(f)),
    [],
    'flags of the specs missing from the README table',
  );
  assert.deepEqual(
    [...have].filter((f) => !want.has(f)),
    [],
    'flags in the README table that no spec has',
  );
  for (const spec of COMMANDS.filter((c) => !c.hidden))
    assert.match(inReadme, new RegExp(`\`anidex ${spec.name}\\b`), spec.name);
  assert.equal(inReadme, table, 'the README table is not the one the specs give: run `npm run docs:cli`');
});

test('every anidex command line in the README and docs/ parses: no flag the specs do not have', () => {
  const whole = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => readFileSync(join(ROOT, 'docs', f), 'utf8'));
  // The table names commands without their required flags; the test above holds it to the specs.
  const readme = [whole.slice(0, whole.indexOf(TABLE_START)) + whole.slice(whole.indexOf(TABLE_END)), ...docs].join(
    '\n',
  );
  const lines = new Set<string>();
  // Inline code, and lines of fenced blocks; a comment after # is not part of the command.
  for (const m of readme.matchAll(/`((?:npx )?anidex [^`]+)`/g)) lines.add(m[1]!.replace(/\s+/g, ' '));
  for (const block of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const l of block[1]!.split('\n')) if (/(^|\s)anidex\s/.test(l)) lines.add(l.replace(/\s+#.*$/, ''));
  }
  let checked = 0;
  for (const raw of lines) {
    const line = anidexPart(raw.replace(/^npx /, '').replace(/^.*?(anidex )/, '$1')).trim();
    // Placeholders and alternatives are not commands: `anidex history <title>`, `anidex plan [add|remove …]`.
    if (/[<>[\]…]|\|/.test(line) || line.includes('$(') || line.includes('__complete')) continue;
    // Prose naming a command (`anidex match` fixes it): the command must exist; its arguments are not given.
    const named = /^anidex ([a-z][a-z-]*)(?: ([a-z]+))?$/.exec(line);
    const spec = named && findCommand(named[1]);
    if (named && !spec) assert.fail(`The docs name a command that does not exist: ${raw}`);
    // …or a subcommand (`anidex snapshot restore` undoes it): it must be one of the command's.
    if (spec && (named![2] === undefined || spec.subcommands?.length)) {
      if (named![2] !== undefined)
        assert.ok(
          spec.subcommands!.some((x) => x.name === named![2]),
          `The docs name a subcommand that does not exist: ${raw}`,
        );
      continue;
    }
    assert.doesNotThrow(() => parseLine(line), `docs: ${raw}`);
    checked++;
  }
  assert.ok(checked >= 15, `only ${checked} command lines checked`);
});

// Keeps the type import used for readers of this file: every spec is a CommandSpec.
const _typed: readonly CommandSpec[] = COMMANDS;
void _typed;
