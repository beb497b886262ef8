// The checkout launcher's build check (scripts/ensure-bundle.mjs): build when dist/ is missing or older than the
// source, and otherwise never (every `node bin/anidex.js` in a checkout goes through it, tests included).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error a plain .mjs script without types
import { ensureBundle } from '../scripts/ensure-bundle.mjs';

const check = ensureBundle as (root: string) => string | undefined;

/** A checkout in miniature whose build script writes dist/ as the real one does (wasm first, bundle last) and counts its runs. */
function fakeCheckout(): { root: string; builds: () => number } {
  const root = mkdtempSync(join(tmpdir(), 'anidex-ensure-'));
  mkdirSync(join(root, 'src'));
  mkdirSync(join(root, 'scripts'));
  writeFileSync(join(root, 'src', 'cli.tsx'), 'export {};\n');
  writeFileSync(join(root, 'package-lock.json'), '{}\n');
  writeFileSync(
    join(root, 'scripts', 'build.mjs'),
    [
      "import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';",
      "mkdirSync('dist', { recursive: true });",
      "if (!existsSync('dist/sql-wasm.wasm')) writeFileSync('dist/sql-wasm.wasm', 'wasm');",
      "writeFileSync('dist/cli.js', 'export {};');",
      "appendFileSync('builds.log', 'x');",
      'if (process.env.ANIDEX_FAKE_BUILD_FAILS) process.exit(1);',
    ].join('\n'),
  );
  const builds = (): number =>
    existsSync(join(root, 'builds.log')) ? readFileSync(join(root, 'builds.log'), 'utf8').length : 0;
  return { root, builds };
}

const ago = (s: number): Date => new Date(Date.now() - s * 1000);

test('a missing bundle is built; a fresh one is left alone, even when the wasm beside it is older', () => {
  const { root, builds } = fakeCheckout();
  try {
    utimesSync(join(root, 'src', 'cli.tsx'), ago(60), ago(60));
    utimesSync(join(root, 'package-lock.json'), ago(60), ago(60));
    utimesSync(join(root, 'scripts', 'build.mjs'), ago(60), ago(60));
    assert.equal(check(root), undefined);
    assert.equal(builds(), 1);
    // The build rewrites the wasm only when it changed, so it is often older than the source: not a reason to build.
    utimesSync(join(root, 'dist', 'sql-wasm.wasm'), ago(3600), ago(3600));
    assert.equal(check(root), undefined);
    assert.equal(builds(), 1);
    rmSync(join(root, 'dist', 'sql-wasm.wasm'));
    assert.equal(check(root), undefined);
    assert.equal(builds(), 2, 'a missing wasm is built');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('source, build script or lock file newer than the bundle: built again; a failed build is one sentence', () => {
  const { root, builds } = fakeCheckout();
  try {
    assert.equal(check(root), undefined);
    let n = builds();
    for (const f of ['src/cli.tsx', 'scripts/build.mjs', 'package-lock.json']) {
      utimesSync(join(root, 'dist', 'cli.js'), ago(60), ago(60));
      utimesSync(join(root, f), ago(1), ago(1));
      assert.equal(check(root), undefined);
      assert.equal(builds(), ++n, f);
    }
    utimesSync(join(root, 'dist', 'cli.js'), ago(60), ago(60));
    process.env.ANIDEX_FAKE_BUILD_FAILS = '1';
    try {
      assert.match(
        check(root) ?? '',
        /^anidex: building dist\/ from the source in .* failed \(see above\)\. Run `npm install` there, then `npm run build`\.$/,
      );
    } finally {
      delete process.env.ANIDEX_FAKE_BUILD_FAILS;
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
