// Bundles src/ and every package it imports into dist/ with esbuild (fast enough to run before every start and
// test). Packages are bundled because loading them as hundreds of separate modules was most of the TUI's
// start-up (Ink alone took ~450 ms), and because then the published package needs no node_modules at all: an
// installed anidex is bin/, dist/ and data/sample/, and `npm install -g anidex-*.tgz` works without a registry.
// sql.js is bundled too; the WebAssembly file it loads is copied beside dist/cli.js (src/warehouse/db.ts looks
// there first). dist/THIRD-PARTY-NOTICES.txt carries the licence of every package that ends up in the bundle.
//
// The bundle is split (esbuild's code splitting): dist/cli.js holds the command-line reading, the specs, help and
// completion; every dynamic import (a command's handler, the TUI, sql.js) is a chunk of its own beside it, loaded
// when used. So `anidex --help` and `--version` parse a small file instead of 2 MB: measured on this machine,
// 115 ms as one lazily evaluated file against 88 ms split, with `node -e 0` at 55 ms. Chunk names carry a hash
// of their content, so a new build never overwrites a chunk a running anidex may still load; chunks no build
// has written for an hour are removed, and all stale ones with --prune (npm pack's prepack, so that the tarball
// holds only this build).
import { build } from 'esbuild';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Ink imports react-devtools-core (not installed) only when DEV=true; a bundle needs something to point at. */
const devtoolsStub = {
  name: 'react-devtools-core-stub',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: 'export default { initialize() {}, connectToDevTools() {} };',
      loader: 'js',
    }));
  },
};

/**
 * Ink's `string-width` (and widest-line's, which Ink calls on every text node of every frame) is
 * src/lib/text/ink-string-width.ts: the same widths, without segmenting each non-ASCII line again on every key.
 * Everything else, anidex's own code included, gets the package.
 */
const inkStringWidth = {
  name: 'ink-string-width',
  setup(b) {
    const shim = join(process.cwd(), 'src', 'lib', 'text', 'ink-string-width.ts');
    b.onResolve({ filter: /^string-width$/ }, (args) =>
      /node_modules\/(ink|widest-line)\//.test(args.importer) ? { path: shim } : undefined,
    );
  },
};

const result = await build({
  write: false,
  metafile: true,
  entryPoints: ['src/cli.tsx'],
  outdir: 'dist',
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [devtoolsStub, inkStringWidth],
  // jsonc-parser's main file is UMD, whose require() calls esbuild cannot follow; its ES module build bundles.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  define: {
    // React and others pick their production build from this; dead development code is dropped.
    'process.env.NODE_ENV': '"production"',
    // sql.js's Emscripten loader reads the CommonJS __dirname/__filename, which an ES module lacks; the banner
    // provides them under names no bundled module can have declared itself.
    __dirname: '__anidexDirname',
    __filename: '__anidexFilename',
  },
  // Bundled CommonJS packages call require(); an ES module has none, so give it one.
  banner: {
    js: [
      "import { createRequire as __anidexCreateRequire } from 'node:module';",
      "import { fileURLToPath as __anidexFileURLToPath } from 'node:url';",
      'const require = __anidexCreateRequire(import.meta.url);',
      'const __anidexFilename = __anidexFileURLToPath(import.meta.url);',
      "const __anidexDirname = __anidexFileURLToPath(new URL('.', import.meta.url));",
    ].join(' '),
  },
  jsx: 'automatic',
  minifySyntax: true,
  // For debugging a checkout (node --enable-source-maps); package.json's `files` leaves it out of the tarball.
  sourcemap: true,
  logLevel: 'warning',
});

/** Every package whose code is in the bundle, with its licence text (MIT and the like ask that it travel along). */
function thirdPartyNotices(metafile) {
  const roots = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
    if (m) roots.set(m[1], m[2]);
  }
  const seen = new Set();
  const entries = [];
  for (const [dir, fallbackName] of roots) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const id = `${pkg.name ?? fallbackName}@${pkg.version}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const licenceFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = licenceFile
      ? readFileSync(join(dir, licenceFile), 'utf8').trim()
      : `(no licence file in the package; package.json says: ${pkg.license ?? 'nothing'})`;
    entries.push({
      id,
      license: typeof pkg.license === 'string' ? pkg.license : JSON.stringify(pkg.license ?? null),
      text,
    });
  }
  entries.sort((a, b) => a.id.localeCompare(b.id));
  const header = [
    'dist/cli.js bundles the following packages, each under its own licence (reproduced below).',
    "dist/sql-wasm.wasm is sql.js's build of SQLite (SQLite is in the public domain; sql.js is MIT).",
    '',
    ...entries.map((e) => `  ${e.id}  (${e.license})`),
  ];
  return (
    [...header, ...entries.map((e) => `\n${'='.repeat(78)}\n${e.id}\n${'='.repeat(78)}\n\n${e.text}`)].join('\n') + '\n'
  );
}

// Written beside and renamed over: tests build while other tests run bin/anidex.js, which must never load a
// half-written bundle.
function writeAtomically(path, contents) {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

mkdirSync('dist', { recursive: true });
// The wasm first: a new cli.js must never meet an old wasm (the JS glue and the wasm are built together).
const wasm = require.resolve('sql.js/dist/sql-wasm.wasm');
const wasmOut = join('dist', 'sql-wasm.wasm');
const wasmBytes = readFileSync(wasm);
if (!existsSync(wasmOut) || !readFileSync(wasmOut).equals(wasmBytes)) writeAtomically(wasmOut, wasmBytes);
writeAtomically(join('dist', 'THIRD-PARTY-NOTICES.txt'), thirdPartyNotices(result.metafile));
// Chunks first, the entry last: a cli.js on disk only ever imports chunks that are already there.
const entry = join(process.cwd(), 'dist', 'cli.js');
const outputs = [...result.outputFiles].sort(
  (a, b) =>
    Number(a.path === entry || a.path === `${entry}.map`) - Number(b.path === entry || b.path === `${entry}.map`),
);
for (const f of outputs) writeAtomically(f.path, f.contents);

const written = new Set(outputs.map((f) => basename(f.path)));
const prune = process.argv.includes('--prune');
for (const name of readdirSync('dist')) {
  if (!/\.js(\.map)?$/.test(name) || written.has(name)) continue;
  const path = join('dist', name);
  if (prune || Date.now() - statSync(path).mtimeMs > 60 * 60 * 1000) unlinkSync(path);
}
