import { COMPLETION_SCRIPTS } from './completion-scripts.ts';
import type { Parsed } from './spec.ts';

/** `anidex completion bash|zsh|fish`: the script, on stdout (the spec has checked the shell). */
export async function run({ args }: Parsed): Promise<number> {
  process.stdout.write(COMPLETION_SCRIPTS[args.shell as keyof typeof COMPLETION_SCRIPTS]);
  return 0;
}
