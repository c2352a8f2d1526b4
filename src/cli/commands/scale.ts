/** `kubeactors scale`: kubectl scale for ReplicaSets and ReplicationControllers. */
import { Command } from 'commander';
import { intFlag, kindLabel, kindOf } from '../args.ts';
import { usageError } from '../errors.ts';
import type { Session } from '../session.ts';

export function registerScale(program: Command, s: Session): void {
  program
    .command('scale')
    .summary('Set a new size for a replica set or replication controller')
    .description('Set a new size (kubectl scale): scale rs/NAME --replicas=COUNT, or scale TYPE NAME --replicas=COUNT.')
    .argument('<args...>', 'TYPE NAME or TYPE/NAME')
    .option('--replicas <count>', 'the new desired number of replicas', intFlag('--replicas', { min: 0 }))
    .option('-n, --namespace <namespace>', 'the namespace scope for this request', 'default')
    .action(async (args: string[], o: { replicas?: number; namespace: string }) => {
      if (o.replicas === undefined) throw usageError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
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
        c.scale(info.kind, name, o.replicas, o.namespace);
        s.println(`${kindLabel(info)}/${name} scaled`);
      }
    });
}
