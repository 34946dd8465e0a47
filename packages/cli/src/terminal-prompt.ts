import { createInterface } from 'node:readline/promises';

/**
 * Asks a question on the terminal (on stderr, so stdout stays clean for scripts). A secret answer is not
 * echoed.
 */
export async function promptOnTerminal(question: string, options: { isSecret: boolean }): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  let isMuted = false;
  // readline has no option to hide input; its echo goes through this (undocumented but stable) method.
  const echo = rl as unknown as { _writeToOutput(text: string): void };
  const original = echo._writeToOutput.bind(rl);
  echo._writeToOutput = (text) => {
    if (!isMuted) original(text);
  };
  try {
    const answer = rl.question(question);
    isMuted = options.isSecret;
    return await answer;
  } finally {
    rl.close();
    if (options.isSecret) process.stderr.write('\n');
  }
}
