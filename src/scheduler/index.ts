/** The default kube-scheduler's decisions as pure functions (see schedule.ts for the sources). */
export * from './resources.ts';
export * from './taints.ts';
export * from './nodeaffinity.ts';
export * from './fit-error.ts';
export * from './schedule.ts';
