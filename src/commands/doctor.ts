import { doctorChecks } from '../app/doctor-checks.ts';
import type { CommandContext } from './context.ts';
import type { Parsed } from './spec.ts';
import { print, printJson } from './output.ts';

/** Check the data dir, the warehouse, the lock and the configuration; never prints the Gemini key. */
export async function run(_parsed: Parsed, ctx: CommandContext): Promise<number> {
  const checks = await doctorChecks(ctx);
  if (ctx.json) printJson(checks);
  else for (const c of checks) print(`${c.ok ? 'ok ' : 'BAD'}  ${c.name.padEnd(10)} ${c.detail}`);
  return checks.every((c) => c.ok) ? 0 : 1;
}
