#!/usr/bin/env node
// Thin launcher: the real entry point is the bundle in dist/ (scripts/build.mjs; `npm pack` builds it, and in a
// checkout the launcher builds it when it is missing or older than the source).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// On an interactive terminal a person is watching: Ink would withhold every frame until exit if CI=true (a
// variable CI machines and some shells set), so the TUI would look frozen. Ink reads it when loaded, hence here.
if (process.stdin.isTTY && process.stdout.isTTY) {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
}
const checkoutBuild = new URL('../scripts/ensure-bundle.mjs', import.meta.url);
if (existsSync(checkoutBuild)) {
  const { ensureBundle } = await import(checkoutBuild.href);
  const failure = ensureBundle(fileURLToPath(new URL('..', import.meta.url)));
  if (failure) {
    process.stderr.write(failure + '\n');
    process.exit(1);
  }
}
const { main } = await import('../dist/cli.js');
const code = await main(process.argv.slice(2));
// Exit as soon as the output is out rather than let Node tear down at its own pace: Node 20's teardown can
// deadlock with a V8 compile thread still at work (seen as an anidex that printed everything and never exited).
for (const s of [process.stdout, process.stderr]) {
  if (s.writableNeedDrain) await new Promise((resolve) => s.once('drain', resolve));
}
process.exit(code);
