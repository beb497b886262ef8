/**
 * `npm run docs:cli`: writes the CLI table from the command specs into README.md, between its markers
 * (src/commands/readme-table.ts). `--check` only says whether the README's copy is current (exit 1 if not).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { COMMANDS } from '../src/commands/specs/index.ts';
import { readmeCliTable, TABLE_END, TABLE_START } from '../src/commands/readme-table.ts';

const file = new URL('../README.md', import.meta.url);
const readme = readFileSync(file, 'utf8');
const start = readme.indexOf(TABLE_START);
const end = readme.indexOf(TABLE_END);
if (start === -1 || end < start) {
  process.stderr.write(
    `README.md has no CLI table markers: put\n${TABLE_START}\n${TABLE_END}\nwhere the table goes.\n`,
  );
  process.exit(1);
}
const next = readme.slice(0, start) + readmeCliTable(COMMANDS) + readme.slice(end + TABLE_END.length);
if (process.argv.includes('--check')) {
  if (next !== readme) process.stderr.write("README.md: the CLI table is not the specs'; run `npm run docs:cli`.\n");
  process.exit(next === readme ? 0 : 1);
}
if (next !== readme) writeFileSync(file, next);
