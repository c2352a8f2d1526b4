/** `kubeactors scale`: kubectl scale for Deployments, ReplicaSets and ReplicationControllers. */
import { Command } from 'commander';
import { changeCause, intFlag, kindLabel, kindOf, RECORD_DEPRECATED } from '../args.ts';
import { usageError } from '../errors.ts';
import type { Session } from '../session.ts';

export function registerScale(program: Command, s: Session): void {
  program
    .command('scale')
    .summary('Set a new size for a deployment, replica set or replication controller')
    .description('Set a new size (kubectl scale): scale deployment/NAME --replicas=COUNT, or scale TYPE NAME --replicas=COUNT.')
    .argument('<args...>', 'TYPE NAME or TYPE/NAME')
    .option('--replicas <count>', 'the new desired number of replicas', intFlag('--replicas', { min: 0 }))
    .option('-n, --namespace <namespace>', 'the namespace scope for this request', 'default')
    .option('--record', 'record the command in the kubernetes.io/change-cause annotation (deprecated, as in kubectl)')
    .action(async (args: string[], o: { replicas?: number; namespace: string; record?: boolean }, cmd: Command) => {
      if (o.replicas === undefined) throw usageError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
      if (o.record) s.eprintln(RECORD_DEPRECATED);
      const ns = cmd.getOptionValueSource('namespace') === 'cli' ? o.namespace : undefined;
      const cause = o.record ? changeCause('scale', args, [['namespace', ns], ['replicas', o.replicas], ['record', true]]) : undefined;
      const targets: [string, string][] = [];
      if (args.length === 1 && args[0]!.includes('/')) {
        const i = args[0]!.indexOf('/');
        targets.push([args[0]!.slice(0, i), args[0]!.slice(i + 1)]);
      } else if (args.length >= 2 && !args[0]!.includes('/')) {
        for (const name of args.slice(1)) targets.push([args[0]!, name]);
      } else {
        throw usageError('expected TYPE NAME or TYPE/NAME');
      }
      const c = s.cluster();
      for (const [kind, name] of targets) {
        const info = kindOf(kind);
        c.scale(info.kind, name, o.replicas, o.namespace, { changeCause: cause });
        s.println(`${kindLabel(info)}/${name} scaled`);
      }
    });
}
