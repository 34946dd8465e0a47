#!/usr/bin/env node
import { runCli } from './run-cli.js';
import { promptOnTerminal } from './terminal-prompt.js';

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => controller.abort());
}

const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  cwd: process.cwd(),
  stop: controller.signal,
  readStdin: async () => {
    if (process.stdin.isTTY) process.stderr.write('(reading standard input; end with Ctrl-D)\n');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  ...(process.stdin.isTTY ? { prompt: promptOnTerminal } : {}),
});
process.exitCode = code;
