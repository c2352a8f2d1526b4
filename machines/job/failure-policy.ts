/**
 * `spec.podFailurePolicy`: which rule a failed pod matches and what that does.
 *
 * Upstream (kubernetes/kubernetes), pkg/controller/job/pod_failure_policy.go (the 1.29+ version
 * with FailIndex): matchPodFailurePolicy, matchOnExitCodes, matchOnPodConditions,
 * getMatchingContainerFromList, isOnExitCodesOperatorMatching; job_controller.go getFailJobMessage.
 *
 * Rules are tried in order and the first match wins:
 *  - `onExitCodes`: the first container in `status.containerStatuses`, then in
 *    `status.initContainerStatuses`, that is terminated with a NON-ZERO exit code, passes the
 *    optional `containerName` filter and satisfies the operator (`In`: code in values; `NotIn`:
 *    not in values; any other operator never matches);
 *  - `onPodConditions`: the first pod condition (in the pod's order) equal in type and status to
 *    any pattern (status defaults to "True" in the API; an empty status here is taken as "True");
 *  - a rule with both or neither requirement: `onExitCodes` wins; neither never matches.
 * Actions: `FailJob` → the Job fails (FailureTarget, reason PodFailurePolicy, counted);
 * `Ignore` → not counted; `Count` → counted; `FailIndex` (gate JobBackoffLimitPerIndex) → the
 * index fails, counted; an unknown action — or FailIndex with the gate off — falls through to the
 * NEXT rule (Go's switch without a matching case).
 */
import type { Job, PodFailurePolicy, PodFailurePolicyOnExitCodesRequirement, PodFailurePolicyOnPodConditionsPattern } from 'kubernetes-types/batch/v1.d.ts';
import type { ContainerStatus, Pod, PodCondition } from '../../src/types.ts';
import { jobGates, type JobGates } from './spec.ts';

export const ACTION_FAIL_JOB = 'FailJob';
export const ACTION_FAIL_INDEX = 'FailIndex';
export const ACTION_IGNORE = 'Ignore';
export const ACTION_COUNT = 'Count';

export interface PodFailurePolicyMatch {
  /** The matched rule's action, or null when no rule matched. */
  action: string | null;
  /** The Job failure message, present for a FailJob match. */
  message: string | null;
  /** Whether the failure counts towards backoffLimit / backoffLimitPerIndex (false only for Ignore). */
  countFailed: boolean;
  /** The index of the matched rule in `rules`, or null. */
  ruleIndex: number | null;
}

const NO_MATCH: PodFailurePolicyMatch = Object.freeze({ action: null, message: null, countFailed: true, ruleIndex: null });

/** `isOnExitCodesOperatorMatching`. */
export function isOnExitCodesOperatorMatching(exitCode: number, requirement: PodFailurePolicyOnExitCodesRequirement): boolean {
  switch (requirement.operator) {
    case 'In': return requirement.values.includes(exitCode);
    case 'NotIn': return !requirement.values.includes(exitCode);
    default: return false;
  }
}

/** `getMatchingContainerFromList`: the first terminated, non-zero, name-matching, operator-matching status. */
export function getMatchingContainerFromList(
  statuses: readonly ContainerStatus[] | undefined,
  requirement: PodFailurePolicyOnExitCodesRequirement,
): ContainerStatus | undefined {
  for (const cs of statuses ?? []) {
    const t = cs.state?.terminated;
    if (!t) continue;
    if (requirement.containerName != null && requirement.containerName !== cs.name) continue;
    if (t.exitCode !== 0 && isOnExitCodesOperatorMatching(t.exitCode, requirement)) return cs;
  }
  return undefined;
}

/** `matchOnExitCodes`: containerStatuses first, then initContainerStatuses. */
export function matchOnExitCodes(pod: Pod, requirement: PodFailurePolicyOnExitCodesRequirement): ContainerStatus | undefined {
  return getMatchingContainerFromList(pod.status?.containerStatuses, requirement)
    ?? getMatchingContainerFromList(pod.status?.initContainerStatuses, requirement);
}

/** `matchOnPodConditions`: pod conditions outer, patterns inner; the first equal pair. */
export function matchOnPodConditions(pod: Pod, patterns: readonly PodFailurePolicyOnPodConditionsPattern[]): PodCondition | undefined {
  for (const c of pod.status?.conditions ?? []) {
    for (const p of patterns) {
      if (c.type === p.type && c.status === (p.status || 'True')) return c;
    }
  }
  return undefined;
}

/**
 * `matchPodFailurePolicy(podFailurePolicy, failedPod)` → (message, countFailed, action), here with
 * the rule index. FailJob messages (exact):
 *  - `Container <name> for pod <ns>/<pod> failed with exit code <code> matching FailJob rule at index <i>`
 *  - `Pod <ns>/<pod> has condition <type> matching FailJob rule at index <i>`
 * A nil policy or no match → counted, no action.
 */
export function matchPodFailurePolicy(policy: PodFailurePolicy | null | undefined, pod: Pod, gates?: JobGates): PodFailurePolicyMatch {
  if (policy == null) return NO_MATCH;
  const g = jobGates(gates);
  const ns = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  const rules = policy.rules ?? [];
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index];
    let failJobMessage: (() => string) | null = null;
    if (rule.onExitCodes != null) {
      const cs = matchOnExitCodes(pod, rule.onExitCodes);
      if (!cs) continue;
      failJobMessage = () => `Container ${cs.name} for pod ${ns}/${name} failed with exit code ${cs.state!.terminated!.exitCode} matching ${rule.action} rule at index ${index}`;
    } else if (rule.onPodConditions != null) {
      const c = matchOnPodConditions(pod, rule.onPodConditions);
      if (!c) continue;
      failJobMessage = () => `Pod ${ns}/${name} has condition ${c.type} matching ${rule.action} rule at index ${index}`;
    } else {
      continue;
    }
    switch (rule.action) {
      case ACTION_IGNORE: return { action: ACTION_IGNORE, message: null, countFailed: false, ruleIndex: index };
      case ACTION_FAIL_INDEX:
        if (g.jobBackoffLimitPerIndex) return { action: ACTION_FAIL_INDEX, message: null, countFailed: true, ruleIndex: index };
        break;
      case ACTION_COUNT: return { action: ACTION_COUNT, message: null, countFailed: true, ruleIndex: index };
      case ACTION_FAIL_JOB: return { action: ACTION_FAIL_JOB, message: failJobMessage(), countFailed: true, ruleIndex: index };
    }
  }
  return NO_MATCH;
}

/**
 * job_controller.go `getFailJobMessage(job, pods)`: with a podFailurePolicy, the FailJob message
 * of the first pod (in the given order) that is considered failed (`isFailed`, upstream
 * `isPodFailed(p, job)`) and matches a FailJob rule; else null.
 */
export function getFailJobMessage(job: Job, pods: readonly Pod[], isFailed: (p: Pod) => boolean, gates?: JobGates): string | null {
  const policy = job.spec?.podFailurePolicy;
  if (policy == null) return null;
  for (const p of pods) {
    if (!isFailed(p)) continue;
    const m = matchPodFailurePolicy(policy, p, gates);
    if (m.message !== null) return m.message;
  }
  return null;
}
