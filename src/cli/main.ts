/**
 * Entry point of the `kubeactors` command (bin/kubeactors.js imports this file; `npm start` runs
 * `tsx src/cli/main.ts demo`).
 */
import { runCli } from './cli.ts';

export { runCli } from './cli.ts';
export type { CliIO } from './cli.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdin: readStdin,
});
