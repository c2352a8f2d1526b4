/** `kubeactors describe` (kubectl describe), printed by the views' describers. */
import { Command } from 'commander';
import type { Cluster } from '../../cluster/cluster.ts';
import type { KindInfo } from '../../kinds.ts';
import type { KObject } from '../../types.ts';
import { noResourcesMessage } from '../../views/table.ts';
import { boolFlag, parseResourceArgs } from '../args.ts';
import { CliError } from '../errors.ts';
import type { Session } from '../session.ts';

interface DescribeFlags {
  namespace: string;
  allNamespaces?: boolean;
  selector?: string;
  showEvents: boolean;
}

type Describers = typeof import('../../views/describe.ts');

/** The describers, loaded on first use so that the other commands never depend on them. */
async function describers(): Promise<Describers> {
  return await import('../../views/describe.ts');
}

/** kubectl describe's text for one object. */
export function describeOne(d: Describers, c: Cluster, obj: KObject, showEvents = true): string {
  const { describeNode, describeObject, describePod } = d;
  const now = c.now();
  const md = obj.metadata;
  const events = showEvents ? c.events({ involved: { kind: obj.kind, name: md.name, namespace: md.namespace } }) : null;
  switch (obj.kind) {
    case 'Pod':
      return describePod(obj, events as any, now);
    case 'Node':
      return describeNode(obj, c.list('Pod', { allNamespaces: true }), events as any, now);
    case 'ReplicaSet':
    case 'ReplicationController': {
      // getPodStatusForController: the pods whose controller owner reference is this object
      const pods = c.list('Pod', { namespace: md.namespace })
        .filter((p) => p.metadata.ownerReferences?.some((r) => r.controller === true && r.uid === md.uid));
      return describeObject(obj, events as any, now, { pods });
    }
    case 'DaemonSet':
    case 'StatefulSet':
      // getPodStatusForController lists the namespace's pods; the describer keeps those selected and controlled by it
      return describeObject(obj, events as any, now, { pods: c.list('Pod', { namespace: md.namespace }) });
    case 'Deployment':
      // GetAllReplicaSetsInChunks lists the namespace's sets; the describer keeps those selected and controlled by it
      return describeObject(obj, events as any, now, { replicaSets: c.list('ReplicaSet', { namespace: md.namespace }) });
    case 'Service':
      // The Endpoints object the endpoints controller keeps for it.
      return describeObject(obj, events as any, now, { endpoints: c.get('Endpoints', md.name, md.namespace) });
    case 'PersistentVolumeClaim':
      return describeObject(obj, events as any, now, { pods: c.list('Pod', { namespace: md.namespace }) });
    default:
      // PersistentVolume and StorageClass (cluster-scoped: no namespace), Endpoints, Job, CronJob and the rest need
      // nothing beyond the object and its events.
      return describeObject(obj, events as any, now, {});
  }
}

/** kubectl describe TYPE NAME: the exact object, else every object whose name starts with NAME. */
function findByPrefix(c: Cluster, info: KindInfo, name: string, ns: string): KObject[] {
  const exact = c.get(info.kind, name, ns);
  if (exact) return [exact];
  return c.list(info.kind, { namespace: ns }).filter((o) => o.metadata.name.startsWith(name));
}

export function registerDescribe(program: Command, s: Session): void {
  program
    .command('describe')
    .summary('Show details of a specific resource or group of resources')
    .description('Show details of objects with their events (kubectl describe). TYPE NAME matches names by prefix, as kubectl does.')
    .argument('[resources...]', 'TYPE [NAME_PREFIX...] or TYPE/NAME...')
    .option('-n, --namespace <namespace>', 'the namespace scope for this request', 'default')
    .option('-A, --all-namespaces', 'describe the objects across all namespaces')
    .option('-l, --selector <selector>', 'label selector to filter on')
    .option('--show-events <bool>', 'show the events related to the object', boolFlag('--show-events'), true)
    .action(async (resources: string[], o: DescribeFlags) => {
      if (!resources.length) {
        throw new CliError('You must specify the type of resource to describe. Use "kubeactors get --help" for the supported kinds.\n\nerror: Required resource not specified.');
      }
      const { refs } = parseResourceArgs(resources);
      const c = s.cluster();
      const found: KObject[] = [];
      const errors: string[] = [];
      for (const ref of refs) {
        if (ref.name !== undefined) {
          const objs = findByPrefix(c, ref.info, ref.name, o.namespace);
          if (!objs.length) errors.push(`Error from server (NotFound): ${ref.info.plural} "${ref.name}" not found`);
          found.push(...objs);
        } else {
          found.push(...c.list(ref.info.kind, { namespace: o.namespace, allNamespaces: o.allNamespaces, labelSelector: o.selector }));
        }
      }
      if (found.length) {
        const d = await describers();
        s.out(d.joinDescriptions(found.map((obj) => describeOne(d, c, obj, o.showEvents))));
      }
      else if (!errors.length) {
        s.err(noResourcesMessage({ namespaced: refs.some((r) => r.info.namespaced), allNamespaces: o.allNamespaces, namespace: o.namespace }));
      }
      if (errors.length) {
        s.eprintln(errors.join('\n'));
        s.exitCode = 1;
      }
    });
}
