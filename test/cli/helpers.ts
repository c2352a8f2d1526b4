import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/cli.ts';

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** A scratch directory with its own state file; `run('get pods')` runs the CLI in it. */
export class Workspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'kubeactors-cli-'));
  readonly state = join(this.dir, '.kubeactors', 'cluster.json');

  async run(cmd: string | string[], opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<Result> {
    const argv = typeof cmd === 'string' ? cmd.split(/\s+/).filter(Boolean) : cmd;
    const r: Result = { code: 0, stdout: '', stderr: '' };
    r.code = await runCli(argv, {
      stdout: (s) => (r.stdout += s),
      stderr: (s) => (r.stderr += s),
      cwd: this.dir,
      env: opts.env ?? {},
      stdin: opts.stdin === undefined ? undefined : () => opts.stdin!,
    });
    return r;
  }

  /** Runs and fails the test when the command fails. */
  async ok(cmd: string | string[], opts: { stdin?: string } = {}): Promise<Result> {
    const r = await this.run(cmd, opts);
    if (r.code !== 0) throw new Error(`"${cmd}" exited ${r.code}:\n${r.stderr}`);
    return r;
  }

  write(name: string, text: string): string {
    writeFileSync(join(this.dir, name), text);
    return name;
  }

  read(name: string): string {
    return readFileSync(join(this.dir, name), 'utf8');
  }

  stateBytes(): Buffer | undefined {
    try {
      return readFileSync(this.state);
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const NGINX = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
`;

/** A pod with an init container and two containers, whose app crashes 3s after each start. */
export const MULTI = `apiVersion: v1
kind: Pod
metadata:
  name: multi
  annotations:
    kubeactors.dev/run-seconds.app: "3"
    kubeactors.dev/exit-code.app: "1"
    kubeactors.dev/logs.app: "hello from app"
    kubeactors.dev/run-seconds.setup: "1"
spec:
  initContainers:
  - name: setup
    image: busybox:1.36
  containers:
  - name: app
    image: busybox:1.36
  - name: side
    image: busybox:1.36
`;

export function lines(s: string): string[] {
  return s.replace(/\n$/, '').split('\n');
}
