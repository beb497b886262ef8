import { createInterface } from 'node:readline';

export interface PromptStreams {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Ask a yes/no question, No by default. Only a person at a terminal is asked: when either stream is not a TTY (a
 * pipe, a script, CI) this answers No at once without writing anything. Enter, Ctrl-D and Ctrl-C all answer No.
 */
export function confirm(
  question: string,
  io: PromptStreams = { input: process.stdin, output: process.stdout },
): Promise<boolean> {
  if (!io.input.isTTY || !io.output.isTTY) return Promise.resolve(false);
  return new Promise((resolve) => {
    const rl = createInterface({ input: io.input, output: io.output, terminal: true });
    let answered = false;
    const finish = (yes: boolean): void => {
      if (answered) return;
      answered = true;
      rl.close();
      resolve(yes);
    };
    rl.on('SIGINT', () => {
      io.output.write('\n');
      finish(false);
    });
    rl.on('close', () => finish(false));
    rl.question(`${question} [y/N] `, (answer) => finish(/^\s*y(es)?\s*$/i.test(answer)));
  });
}
