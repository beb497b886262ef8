// Bundles src/ and its packages into dist/ with esbuild (fast enough to run before every start and test).
// Packages are bundled because loading them as hundreds of separate modules was most of the TUI's start-up
// (Ink alone took ~450 ms); sql.js stays outside because it loads its WebAssembly file from its own folder.
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Ink imports react-devtools-core (not installed) only when DEV=true; a bundle needs something to point at. */
const devtoolsStub = {
  name: 'react-devtools-core-stub',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };', loader: 'js' }));
  },
};
// Written beside and renamed over: tests build while other tests run bin/anidex.js, which must never load a
// half-written bundle.
const result = await build({
  write: false,
  entryPoints: ['src/cli.tsx'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['sql.js'],
  plugins: [devtoolsStub],
  // React and others pick their production build from this; dead development code is dropped.
  define: { 'process.env.NODE_ENV': '"production"' },
  // Bundled CommonJS packages call require(); an ES module has none, so give it one.
  banner: { js: "import { createRequire as __anidexCreateRequire } from 'node:module'; const require = __anidexCreateRequire(import.meta.url);" },
  jsx: 'automatic',
  minifySyntax: true,
  sourcemap: true,
  logLevel: 'warning',
});
mkdirSync('dist', { recursive: true });
for (const f of result.outputFiles) {
  const tmp = join(dirname(f.path), `.${basename(f.path)}.${process.pid}.tmp`);
  writeFileSync(tmp, f.contents);
  renameSync(tmp, f.path);
}
