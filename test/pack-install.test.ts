// The package as a person installs it: `npm pack` (whose prepack builds dist/), `npm install -g --prefix <tmp>` of
// the tarball with an empty npm cache and --offline (so anything it needed from the registry would fail), then
// the installed `anidex` run from an unrelated folder with HOME, XDG_* and the data dir in temporary folders.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { ROOT } from './helpers/proc.ts';

const STEP_TIMEOUT_MS = 90_000;
const TMP = mkdtempSync(join(tmpdir(), 'anidex-pack-'));
const HOME = join(TMP, 'home');
const PREFIX = join(TMP, 'prefix');
const ELSEWHERE = join(TMP, 'elsewhere');
const DATA = join(TMP, 'data');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies?: Record<string, string>;
  scripts?: Record<string, string>;
};

/** The environment of a person's shell, minus what `npm test` adds (npm_* would steer the inner npm). */
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) || k === 'GEMINI_API_KEY' || k.startsWith('ANIDEX_') || k.startsWith('XDG_')) continue;
    e[k] = v;
  }
  return {
    ...e,
    // This node first, so the installed bin's `#!/usr/bin/env node` runs the node the suite runs on.
    PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
    HOME,
    XDG_DATA_HOME: join(HOME, 'xdg-data'),
    XDG_CONFIG_HOME: join(HOME, 'xdg-config'),
    XDG_CACHE_HOME: join(HOME, 'xdg-cache'),
    XDG_STATE_HOME: join(HOME, 'xdg-state'),
    // An empty cache of our own, and no network: a dependency to fetch would fail the install with ENOTCACHED.
    npm_config_cache: join(TMP, 'npm-cache'),
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    ANIDEX_ANILIST_URL: 'http://127.0.0.1:9/',
    ...extra,
  };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command without blocking the event loop (other test files run beside this one). */
function run(cmd: string, args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: env(extraEnv), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), STEP_TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const show = (r: Run): string => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

let tarball = '';
let packed: string[] = [];

before(async () => {
  for (const d of [HOME, PREFIX, ELSEWHERE, DATA]) mkdirSync(d, { recursive: true });
  const r = await run('npm', ['pack', '--pack-destination', TMP, '--json'], ROOT);
  assert.equal(r.code, 0, `npm pack failed: ${show(r)}`);
  // prepack's banner may share stdout with the JSON; the JSON is the last thing printed.
  const json = JSON.parse(r.stdout.slice(r.stdout.indexOf('[\n'))) as { filename: string; files: { path: string }[] }[];
  tarball = join(TMP, json[0]!.filename);
  packed = json[0]!.files.map((f) => f.path).sort();
});

after(() => rmSync(TMP, { recursive: true, force: true }));

test('the tarball holds what runs and nothing else', () => {
  assert.ok(existsSync(tarball), `no tarball at ${tarball}`);
  for (const needed of [
    'bin/anidex.js',
    'dist/cli.js',
    'dist/sql-wasm.wasm',
    'dist/THIRD-PARTY-NOTICES.txt',
    'data/sample/anilist-cache.json',
    'data/sample/trakt-2026-08-15.zip',
    'README.md',
    'LICENSE',
    'package.json',
  ]) {
    assert.ok(packed.includes(needed), `${needed} is missing from the tarball; it has:\n${packed.join('\n')}`);
  }
  const allowed = /^(bin\/|dist\/|data\/sample\/|README\.md$|LICENSE$|package\.json$)/;
  const stray = packed.filter((p) => !allowed.test(p) || p.endsWith('.map'));
  assert.deepEqual(stray, [], 'files that do not run anidex are in the tarball');
  assert.ok(!packed.some((p) => /^(test|scripts|snapshots|src|node_modules)\//.test(p)));
});

test('the package needs nothing from the registry and runs nothing at install', () => {
  // Every package is bundled into dist/cli.js: a runtime dependency would make a global install ask the registry.
  assert.deepEqual(PKG.dependencies ?? {}, {});
  for (const s of ['preinstall', 'install', 'postinstall', 'prepare'])
    assert.equal(PKG.scripts?.[s], undefined, `package.json has a "${s}" script`);
});

test('installed globally from the tarball, offline with an empty npm cache, anidex runs from any folder', async () => {
  const install = await run('npm', ['install', '-g', '--prefix', PREFIX, tarball], ELSEWHERE);
  assert.equal(install.code, 0, `npm install -g failed: ${show(install)}`);
  const installed = join(PREFIX, 'lib', 'node_modules', 'anidex');
  assert.ok(
    !existsSync(join(installed, 'node_modules')),
    `the install pulled packages: ${existsSync(join(installed, 'node_modules')) ? readdirSync(join(installed, 'node_modules')).join(', ') : ''}`,
  );
  const bin = join(PREFIX, 'bin', 'anidex');

  const version = await run(bin, ['--version'], ELSEWHERE);
  assert.equal(version.code, 0, show(version));
  assert.equal(version.stdout.trim(), PKG.version);

  const withData = { ANIDEX_DATA_DIR: DATA };
  const doctor = await run(bin, ['doctor'], ELSEWHERE, withData);
  assert.equal(doctor.code, 0, show(doctor));
  assert.match(doctor.stdout, /^ok +warehouse /m);

  // Off a terminal, `start` prints the library of the demo, built from the package's own data/sample.
  const start = await run(bin, ['start'], ELSEWHERE, withData);
  assert.equal(start.code, 0, show(start));
  assert.match(start.stdout, /Frieren/);
  assert.ok(!existsSync(join(DATA, 'warehouse.sqlite')), "the demo wrote the person's data dir");

  const sample = join(installed, 'data', 'sample', 'trakt-2026-05-01');
  const imported = await run(
    bin,
    ['import', sample, '--offline', '--as-of', '2026-05-01T12:00:00Z'],
    ELSEWHERE,
    withData,
  );
  assert.equal(imported.code, 0, show(imported));
  assert.match(imported.stdout, /titles: 109 new/);
  // A person's own import asks their provider: offline, its titles wait (the bundled answers serve the demo alone).
  assert.match(imported.stdout, /Enrichment: 0 matched, .* [1-9]\d* pending/);
  assert.ok(existsSync(join(DATA, 'warehouse.sqlite')));
  // The bundled provider answers travel in the package: the demo is enriched without a network.
  const demo = await run(bin, ['--demo', 'library', '--search', 'frieren', '--json'], ELSEWHERE, withData);
  assert.equal(demo.code, 0, show(demo));
  assert.ok((JSON.parse(demo.stdout) as Array<{ genres: string[] }>)[0]!.genres.includes('Fantasy'), demo.stdout);

  const library = await run(bin, ['library', '--search', 'frieren', '--json'], ELSEWHERE, withData);
  assert.equal(library.code, 0, show(library));
  assert.match(library.stdout, /Frieren/);

  // Nothing went to the (temporary) home: the data dir was the one given.
  assert.ok(!existsSync(join(HOME, 'xdg-data', 'anidex', 'warehouse.sqlite')));
  assert.ok(!existsSync(join(HOME, '.local', 'share', 'anidex', 'warehouse.sqlite')));
});

test('npx runs the tarball, offline', async () => {
  const r = await run('npm', ['exec', '--yes', '--package', tarball, '--', 'anidex', '--version'], ELSEWHERE);
  assert.equal(r.code, 0, show(r));
  assert.equal(r.stdout.trim(), PKG.version);
});
