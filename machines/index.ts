/**
 * The statecharts. Each `create…Machine(env)` builds a machine bound to an Env (clock, events,
 * seeded IDs, image cache); the plain `…Machine` exports are bound to a standalone env for use
 * on their own (`createActor(podMachine, { input })`) and for inspection of their structure.
 */
import { createStandaloneEnv } from './env.ts';
import { createContainerMachine } from './container/container.ts';
import { createNodeMachine } from './node.ts';
import { createPodMachine } from './pod/pod.ts';
import { createProbeMachine } from './probe.ts';
import { clusterMachine, createClusterLogic } from './cluster.ts';
import { createReplicaSetMachine } from './replicaset/replicaset.ts';
import { createDeploymentMachine } from './deployment/deployment.ts';
import { createRolloutMachine } from './deployment/rollout.ts';
import { createDaemonSetMachine } from './daemonset/daemonset.ts';
import { createStatefulSetMachine } from './statefulset/statefulset.ts';
import { createOrdinalMachine } from './statefulset/ordinal.ts';
import { createJobMachine } from './job/job.ts';
import { createCronJobMachine } from './cronjob/cronjob.ts';

export {
  clusterMachine, createClusterLogic, createContainerMachine, createDeploymentMachine, createNodeMachine, createPodMachine, createProbeMachine,
  createReplicaSetMachine, createRolloutMachine, createStandaloneEnv, createDaemonSetMachine, createStatefulSetMachine, createOrdinalMachine,
  createJobMachine, createCronJobMachine,
};
export type { Env, StandaloneEnv, RecordedEvent, ImageCache, PodControl, ReplicaSetControl } from './env.ts';
export type { ReplicaSetInput, ReplicaSetContext, ReplicaSetEvent } from './replicaset/replicaset.ts';
export type { DeploymentInput, DeploymentContext, DeploymentEvent } from './deployment/deployment.ts';
export type { RolloutInput, RolloutContext, RolloutEvent, SteppedEvent } from './deployment/rollout.ts';
export type { DaemonSetInput, DaemonSetContext, DaemonSetEvent } from './daemonset/daemonset.ts';
export type { StatefulSetInput, StatefulSetContext, StatefulSetEvent } from './statefulset/statefulset.ts';
export type { OrdinalInput, OrdinalContext, OrdinalEvent } from './statefulset/ordinal.ts';
export type { RevisionControl, ClaimControl, JobControl } from './env.ts';
export type { JobInput, JobContext, JobMachineEvent } from './job/job.ts';
export type { CronJobInput, CronJobContext, CronJobMachineEvent } from './cronjob/cronjob.ts';
export type { PodInput, PodContext, PodEvent } from './pod/pod.ts';
export type { ContainerInput, ContainerContext, ContainerEvent } from './container/container.ts';
export type { ProbeInput, ProbeContext, ProbeEvent } from './probe.ts';
export type { NodeInput, NodeContext, NodeEvent } from './node.ts';

const standalone = createStandaloneEnv();
export const podMachine = createPodMachine(standalone);
export const containerMachine = createContainerMachine(standalone);
export const probeMachine = createProbeMachine(standalone);
export const nodeMachine = createNodeMachine(standalone);
export const replicaSetMachine = createReplicaSetMachine(standalone);
export const deploymentMachine = createDeploymentMachine(standalone);
export const rolloutMachine = createRolloutMachine(standalone);
export const daemonSetMachine = createDaemonSetMachine(standalone);
export const statefulSetMachine = createStatefulSetMachine(standalone);
export const ordinalMachine = createOrdinalMachine(standalone);
export const jobMachine = createJobMachine(standalone);
export const cronJobMachine = createCronJobMachine(standalone);

/** Every machine by name, for documentation and inspection. */
export const machines = { cluster: clusterMachine, pod: podMachine, container: containerMachine, probe: probeMachine, node: nodeMachine, replicaset: replicaSetMachine,
  deployment: deploymentMachine, rollout: rolloutMachine,
  daemonset: daemonSetMachine, statefulset: statefulSetMachine, ordinal: ordinalMachine,
  job: jobMachine, cronjob: cronJobMachine,
} as const;
