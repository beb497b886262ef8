// The real program from the specs: `anidex completion bash` sourced in a real bash and driven as bash drives a
// completion function (COMP_WORDS, COMP_LINE, …), zsh's and fish's scripts where those shells are installed, help
// in both spellings, --json before or after the command, and what --help loads.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CHILD_LIMIT_MS } from './helpers/child-limit.ts';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/proc.ts';
import { demoDataDir } from './helpers/demo-warehouse.ts';

const TMP = mkdtempSync(join(tmpdir(), 'anidex-completion-'));
const BIN = join(TMP, 'bin');
const ENV: NodeJS.ProcessEnv = {
  ...process.env,
  PATH: `${BIN}:${process.env.PATH}`,
  NO_COLOR: '1',
  ANIDEX_ANILIST_URL: 'http://127.0.0.1:9/',
  ANIDEX_PROVIDER: 'anilist',
};

function anidex(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/anidex.js', ...args], {
    timeout: CHILD_LIMIT_MS,
    cwd: ROOT,
    encoding: 'utf8',
    env: ENV,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function has(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0'], { stdio: 'ignore' }).status === 0;
}

before(async () => {
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], {
    timeout: CHILD_LIMIT_MS,
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  // `anidex` on the PATH, as the scripts expect it.
  mkdirSync(BIN);
  writeFileSync(join(BIN, 'anidex'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin/anidex.js')}" "$@"\n`);
  chmodSync(join(BIN, 'anidex'), 0o755);
  // A warehouse with genres: the sample's bundled answers enrich it offline, and they serve only the demo, so
  // the warehouse is marked as one.
  ENV.ANIDEX_DATA_DIR = await demoDataDir('anidex-completion-data-');
  const imp = anidex(
    'import',
    join(ROOT, 'data/sample/trakt-2026-05-01'),
    '--offline',
    '--as-of',
    '2026-05-01T12:00:00Z',
  );
  assert.equal(imp.code, 0, imp.err);
});

/**
 * Complete each line in one bash: the script sourced, then for each line COMP_WORDS split as bash splits it
 * (at spaces and at `=`), COMP_CWORD at the last word, COMP_LINE and COMP_POINT, _anidex called, COMPREPLY printed.
 */
function bashComplete(lines: string[]): string[][] {
  const script = [
    'set -u',
    'source <(anidex completion bash)',
    'complete -p anidex >&2',
    'drive() {',
    '  COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}',
    "  local IFS=$' \\t\\n'",
    '  read -ra COMP_WORDS <<< "$COMP_LINE"',
    '  [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")',
    '  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))',
    '  _anidex',
    '  printf "%s\\n" "${COMPREPLY[@]+"${COMPREPLY[@]}"}"; echo "--end--"',
    '}',
    ...lines.map((l) => `drive ${JSON.stringify(l)}`),
  ].join('\n');
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: ENV });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /complete -F _anidex anidex/, 'the function is registered for anidex');
  return r.stdout
    .split('--end--\n')
    .slice(0, lines.length)
    .map((block) => block.split('\n').filter(Boolean));
}

test('anidex completion bash works in bash: commands, subcommands, flags, fixed values, genres, files', () => {
  const [command, all, sub, flag, value, engine, genre, genreSpaced, demoFlag, file] = bashComplete([
    'anidex reco',
    'anidex ',
    'anidex snapshot ',
    'anidex library --mo',
    'anidex library --length ',
    'anidex recommend --engine g',
    'anidex library --genre d',
    'anidex library --genre sli',
    'anidex --de',
    `anidex import ${join(ROOT, 'data/sample/trakt-2026-05')}`,
  ]);
  assert.deepEqual(command, ['recommend']);
  assert.ok(all!.includes('library') && all!.includes('completion') && all!.length >= 15, all!.join(' '));
  assert.deepEqual(sub, ['list', 'restore']);
  assert.deepEqual(flag, ['--mood']);
  assert.deepEqual(value, ['movie', 'short', 'medium', 'long']);
  assert.deepEqual(engine, ['gemini']);
  assert.deepEqual(genre, ['Drama'], "the library's genres, read from the warehouse");
  assert.deepEqual(genreSpaced, ['Slice\\ of\\ Life'], 'escaped for bash');
  assert.deepEqual(demoFlag, ['--demo', '--debug']);
  assert.deepEqual(file, [join(ROOT, 'data/sample/trakt-2026-05-01')], 'file names from bash itself');
});

test('the zsh and fish scripts are valid in those shells (skipped where they are not installed)', (t) => {
  const zsh = anidex('completion', 'zsh');
  assert.equal(zsh.code, 0);
  assert.match(zsh.out, /^#compdef anidex\n/);
  const fish = anidex('completion', 'fish');
  assert.equal(fish.code, 0);
  assert.match(fish.out, /complete -c anidex /);
  if (has('zsh')) {
    const file = join(TMP, '_anidex');
    writeFileSync(file, zsh.out);
    const r = spawnSync('zsh', ['-n', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  } else t.diagnostic('zsh is not installed: its script was not checked');
  if (has('fish')) {
    const file = join(TMP, 'anidex.fish');
    writeFileSync(file, fish.out);
    const syntax = spawnSync('fish', ['--no-execute', file], { encoding: 'utf8' });
    assert.equal(syntax.status, 0, syntax.stderr);
    // fish completes a command line without a terminal: `complete -C`.
    const r = spawnSync(
      'fish',
      ['-c', `source ${file}; complete -C 'anidex library --length m'; complete -C 'anidex plan a'`],
      { encoding: 'utf8', env: ENV },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^movie\ta film$/m);
    assert.match(r.stdout, /^medium\t5–12 h$/m);
    assert.match(r.stdout, /^add\t/m);
  } else t.diagnostic('fish is not installed: its script was not checked');
});

test('`anidex <command> --help` and `anidex help <command>` print the same, with every flag', () => {
  const a = anidex('recommend', '--help');
  const b = anidex('help', 'recommend');
  assert.equal(a.code, 0);
  assert.equal(a.out, b.out);
  for (const f of [
    '--genre',
    '--not-genre',
    '--mood',
    '--not-mood',
    '--length',
    '--engine',
    '--count',
    '--popularity-floor',
    '--dry-run',
    '--add',
    '--offline',
    '--json',
  ])
    assert.ok(a.out.includes(f), f);
  assert.match(a.out, /^Examples:\n {2}anidex recommend /m);
  assert.equal(anidex('plan', 'add', '--help').out, anidex('help', 'plan').out, 'a subcommand shows its command');
  const unknown = anidex('help', 'frobnicate');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /Unknown command "frobnicate"/);
  assert.equal(anidex('help', 'plan', 'add').out, anidex('help', 'plan').out);
  const badSub = anidex('help', 'plan', 'frob');
  assert.equal(badSub.code, 2);
  assert.match(badSub.err, /"frob" is not a subcommand of plan\.\n.*Its subcommands: list, add, remove, move\./);
  assert.equal(anidex('help', 'library', 'x').code, 2, 'library has no subcommands');
});

test('--json is one flag, passed to the command wherever it stands', () => {
  const before = anidex('--json', 'doctor');
  const after = anidex('doctor', '--json');
  const parse = (s: string) => (JSON.parse(s) as Array<{ name: string }>).map((c) => c.name);
  assert.deepEqual(parse(before.out), parse(after.out));
  assert.ok(parse(before.out).includes('warehouse'));
  const plan = anidex('plan', 'remove', '999', '--json');
  assert.equal(plan.code, 1, 'no such item: a failure, not a usage error');
  assert.match(plan.err, /Your plan has no item 999/);
});

test('--help, --version and completion load neither Ink, React nor sql.js', () => {
  // What dist/cli.js imports statically, chunk by chunk (handlers, the TUI and the warehouse are dynamic imports).
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(ROOT, 'dist', file), 'utf8');
    for (const m of text.matchAll(/^import\s[^;]*?from\s*"\.\/([^"]+)"/gm)) visit(m[1]!);
    for (const m of text.matchAll(/^import\s*"\.\/([^"]+)"/gm)) visit(m[1]!);
  };
  visit('cli.js');
  assert.ok(seen.size > 1, 'cli.js imports chunks');
  for (const file of seen) {
    const text = readFileSync(join(ROOT, 'dist', file), 'utf8');
    for (const heavy of [
      'node_modules/ink/',
      'node_modules/react/',
      'node_modules/sql.js/',
      'node_modules/string-width/',
      'src/warehouse/',
    ]) {
      assert.ok(!text.includes(`// ${heavy}`), `${file}, loaded at start-up, holds ${heavy}`);
    }
  }
});
