import { createInterface } from 'node:readline';
import type { PromptStreams } from './confirm.ts';

/**
 * Ask for a secret at a terminal without echoing it. Null when either stream is not a terminal: anidex never
 * prompts a script, a pipe or cron.
 */
export function promptSecret(
  question: string,
  io: PromptStreams = { input: process.stdin, output: process.stdout },
): Promise<string | null> {
  if (!io.input.isTTY || !io.output.isTTY) return Promise.resolve(null);
  return new Promise((resolve) => {
    let muted = false;
    const output = new Proxy(io.output, {
      get(target, prop, receiver) {
        // What the person types is not echoed once the question is out.
        if (prop === 'write')
          return (chunk: string | Uint8Array, ...rest: unknown[]) =>
            muted ? true : (target.write as (...a: unknown[]) => boolean)(chunk, ...rest);
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const rl = createInterface({ input: io.input, output, terminal: true });
    rl.on('SIGINT', () => {
      io.output.write('\n');
      rl.close();
      resolve(null);
    });
    rl.question(question, (answer) => {
      io.output.write('\n');
      rl.close();
      resolve(answer.trim() || null);
    });
    muted = true;
  });
}
