// Used by bin/anidex.js in a checkout only (the published package has no scripts/ folder): builds dist/ when it
// is missing or older than the source, so `npx anidex` and `node bin/anidex.js` after `npm install`, a pull or an
// edit run the code that is there. An installed package is built once, when it is packed (`prepack`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Build `<root>/dist` if it is missing or stale; returns an error sentence when the build failed. */
export function ensureBundle(root) {
  // The bundle is written last (scripts/build.mjs), so its time is the build's; the wasm is rewritten only when it
  // changes, so its own time says nothing, but it must be there.
  const bundle = join(root, 'dist', 'cli.js');
  const builtAt = existsSync(bundle) && existsSync(join(root, 'dist', 'sql-wasm.wasm')) ? statSync(bundle).mtimeMs : 0;
  const inputs = ['src', 'scripts/build.mjs', 'package-lock.json'].map((f) => newestMtime(join(root, f)));
  if (builtAt > 0 && Math.max(...inputs) <= builtAt) return undefined;
  // Build messages go to stderr: stdout may be piped into another program.
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status === 0) return undefined;
  return `anidex: building dist/ from the source in ${root} failed (see above). Run \`npm install\` there, then \`npm run build\`.`;
}
