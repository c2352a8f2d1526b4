/**
 * `--inspect <file.jsonl>`: appends an inspection trace of the command's run to the file (format:
 * docs/inspect.md). It traces the cluster the command works on, from the moment the command
 * first uses it: the trace of each command starts with one actor line per live actor (its state
 * as loaded from the state file), then everything the command makes happen. A command that
 * fails is traced too, although its changes are not saved.
 *
 * The inspection code is loaded only when the flag is given.
 */
import type { Command } from 'commander';
import type { Cluster } from '../../cluster/cluster.ts';
import { CliError, usageError } from '../errors.ts';
import type { Session } from '../session.ts';

/** Commands that run on a cluster of their own rather than the session's. */
const OWN_CLUSTER = new Set(['run', 'demo']);

export function registerInspect(program: Command, s: Session): void {
  program.option('--inspect <file>', 'append an inspection trace of this command (JSON lines, see docs/inspect.md) to <file>');
  program.hook('preAction', async (_program, action) => {
    const file = program.opts().inspect as string | undefined;
    if (file === undefined) return;
    if (OWN_CLUSTER.has(action.name())) {
      throw usageError(`--inspect traces the state file's cluster; "${action.name()}" runs a fresh in-memory cluster, which it cannot trace`);
    }
    const { createJsonlInspector } = await import('../../inspect/jsonl.ts');
    let trace: ReturnType<typeof createJsonlInspector>;
    try {
      trace = createJsonlInspector({ path: s.resolvePath(file) });
    } catch (e) {
      throw new CliError(`error: cannot open the trace file "${file}": ${(e as Error).message}`);
    }
    // The session makes its cluster lazily (and `reset` replaces it): trace whichever it hands out.
    let traced: Cluster | undefined;
    let detach: (() => void) | undefined;
    const follow = (c: Cluster) => {
      if (c === traced) return;
      detach?.();
      traced = c;
      trace.now = () => c.now();
      detach = trace.attach(c.root);
    };
    const cluster = s.cluster.bind(s);
    s.cluster = () => {
      const c = cluster();
      follow(c);
      return c;
    };
    const replace = s.replaceCluster.bind(s);
    s.replaceCluster = (c) => {
      replace(c);
      follow(c);
    };
    const close = s.close.bind(s);
    s.close = () => {
      // Before the session stops the cluster: stopping it is not part of the run.
      try {
        trace.close();
      } catch (e) {
        s.eprintln(`warning: the trace in "${file}" is incomplete: ${(e as Error).message}`);
      }
      close();
    };
  });
}
