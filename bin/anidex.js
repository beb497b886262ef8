#!/usr/bin/env node
// Thin launcher: the real entry point is bundled to dist/ by `npm run build` (run on install).
// On an interactive terminal a person is watching: Ink would withhold every frame until exit if CI=true (a
// variable CI machines and some shells set), so the TUI would look frozen. Ink reads it when loaded, hence here.
if (process.stdin.isTTY && process.stdout.isTTY) {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
}
const { main } = await import('../dist/cli.js');
process.exitCode = await main(process.argv.slice(2));
