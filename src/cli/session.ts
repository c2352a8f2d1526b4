/**
 * One CLI invocation: where output goes, and the cluster it works on — either loaded from the
 * state file (and written back, atomically, only when the command succeeds) or an in-memory
 * cluster owned by a scenario run.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createCluster, type Cluster, type ClusterSnapshot } from '../cluster/cluster.ts';
import { CliError } from './errors.ts';

export interface CliIO {
  stdout(s: string): void;
  stderr(s: string): void;
  /** Directory relative paths (manifests, the default state file) resolve against. Default process.cwd(). */
  cwd?: string;
  /** Environment (KUBEACTORS_STATE). Default process.env. */
  env?: Record<string, string | undefined>;
  /** Standard input, for `apply -f -`. */
  stdin?: () => Promise<string> | string;
}

export const DEFAULT_STATE = '.kubeactors/cluster.json';
export const DEFAULT_NODES = 3;
export const DEFAULT_SEED = 1;

export interface ClusterSettings {
  nodes?: number;
  seed?: number;
  strictStorage?: boolean;
}

/** The state file: read it, or replace it atomically (write a temporary file, then rename). */
export class StateFile {
  constructor(readonly path: string) {}

  /** The file's text, or undefined when there is none yet. */
  read(): string | undefined {
    try {
      return readFileSync(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new CliError(`error: cannot read the state file "${this.path}": ${(e as Error).message}`);
    }
  }

  write(text: string): void {
    const tmp = `${this.path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(tmp, text);
      renameSync(tmp, this.path);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw new CliError(`error: cannot write the state file "${this.path}": ${(e as Error).message}`);
    }
  }
}

/** Decodes a state file's text into a cluster, or explains why it cannot. */
export function clusterFromState(text: string, path: string): Cluster {
  let snap: ClusterSnapshot;
  try {
    snap = JSON.parse(text);
  } catch (e) {
    throw new CliError(`error: the state file "${path}" is not valid JSON (${(e as Error).message}); run "kubeactors reset" to start a new cluster`);
  }
  if (!snap || typeof snap !== 'object' || snap.version !== 1 || !Array.isArray(snap.objects)) {
    throw new CliError(`error: "${path}" is not a kubeactors state file (expected a version 1 cluster snapshot); run "kubeactors reset" to start a new cluster`);
  }
  try {
    return createCluster({ snapshot: snap });
  } catch (e) {
    throw new CliError(`error: cannot restore the cluster from "${path}": ${(e as Error).message}; run "kubeactors reset" to start a new cluster`);
  }
}

export class Session {
  /** Set to 1 by commands that printed an error but carried on (kubectl's partial failures). */
  exitCode = 0;
  readonly cwd: string;
  readonly env: Record<string, string | undefined>;
  /** Global flags, filled in by the program before a command runs. */
  globals: ClusterSettings & { state?: string } = {};
  private current?: Cluster;
  /** The state file text as loaded (undefined: no file yet), to skip no-op writes. */
  private loadedText?: string;
  private loadedFrom?: StateFile;

  constructor(
    readonly io: CliIO,
    /** 'state': the cluster lives in the state file. 'memory': a scenario's cluster, given. */
    readonly mode: 'state' | 'memory',
    cluster?: Cluster,
  ) {
    this.cwd = io.cwd ?? process.cwd();
    this.env = io.env ?? process.env;
    this.current = cluster;
  }

  out(s: string): void {
    if (s) this.io.stdout(s);
  }

  err(s: string): void {
    if (s) this.io.stderr(s);
  }

  /** Writes lines (adds the final newline). */
  println(s = ''): void {
    this.out(`${s}\n`);
  }

  eprintln(s: string): void {
    this.err(`${s}\n`);
  }

  async readStdin(): Promise<string> {
    if (!this.io.stdin) throw new CliError('error: no standard input to read from');
    return await this.io.stdin();
  }

  resolvePath(p: string): string {
    return resolve(this.cwd, p);
  }

  statePath(): string {
    return this.resolvePath(this.globals.state ?? this.env.KUBEACTORS_STATE ?? DEFAULT_STATE);
  }

  /** The cluster: loaded from the state file on first use, or created when there is none. */
  cluster(): Cluster {
    if (this.current) return this.current;
    if (this.mode === 'memory') throw new CliError('error: no cluster');
    const file = new StateFile(this.statePath());
    const text = file.read();
    this.loadedFrom = file;
    this.loadedText = text;
    if (text === undefined) {
      this.current = createCluster({ nodes: this.globals.nodes ?? DEFAULT_NODES, seed: this.globals.seed ?? DEFAULT_SEED, strictStorage: this.globals.strictStorage });
    } else {
      this.current = clusterFromState(text, file.path);
      if (this.globals.nodes !== undefined || this.globals.seed !== undefined) {
        this.eprintln(`warning: --nodes and --seed only apply to a new cluster; "${file.path}" already exists (use "kubeactors reset --nodes N --seed S" to start over)`);
      }
    }
    return this.current;
  }

  /** Replaces the cluster (reset). */
  replaceCluster(c: Cluster): void {
    this.current?.stop();
    this.current = c;
    if (this.mode === 'state' && !this.loadedFrom) {
      this.loadedFrom = new StateFile(this.statePath());
      this.loadedText = this.loadedFrom.read();
    }
  }

  /** Writes the cluster back to the state file if it was used and changed. */
  save(): void {
    if (this.mode !== 'state' || !this.current || !this.loadedFrom) return;
    const text = JSON.stringify(this.current.snapshot());
    if (text === this.loadedText) return;
    this.loadedFrom.write(text);
  }

  close(): void {
    if (this.mode === 'state') this.current?.stop();
  }
}
