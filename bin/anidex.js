#!/usr/bin/env node
// Thin launcher: the real entry point is bundled to dist/ by `npm run build` (run on install).
import { main } from '../dist/cli.js';
process.exitCode = await main(process.argv.slice(2));
