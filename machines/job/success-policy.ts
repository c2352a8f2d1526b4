/**
 * `spec.successPolicy` (Indexed Jobs, gate JobSuccessPolicy — beta, on in 1.32): whether the
 * succeeded indexes satisfy a rule, and the SuccessCriteriaMet condition helpers.
 *
 * Upstream (kubernetes/kubernetes), pkg/controller/job/success_policy.go: matchSuccessPolicy,
 * matchSucceededIndexesRule, hasSuccessCriteriaMetCondition, isSuccessCriteriaMetCondition.
 *
 * Rules in order, the first match wins:
 *  - with `succeededIndexes` (parsed like completedIndexes, clipped to completions; an
 *    unparsable / empty list skips the rule): matches when every listed index succeeded, or when
 *    `succeededCount` is set and at least that many of the listed indexes succeeded;
 *  - with only `succeededCount`: matches when |succeeded indexes| ≥ succeededCount.
 * Nothing matches without the gate, without a policy, or with no succeeded index at all.
 * Message: `Matched rules at index <i>`.
 */
import type { Job, JobCondition, SuccessPolicy } from 'kubernetes-types/batch/v1.d.ts';
import { intervalsTotal, parseIndexesFromString, type OrderedIntervals } from './indexes.ts';
import { delayTerminalCondition, findConditionByType, jobGates, JOB_SUCCESS_CRITERIA_MET, type JobGates } from './spec.ts';

/**
 * `matchSucceededIndexesRule(ruleIndexes, succeededIndexes, succeededCount)`: counts the overlap
 * of the two interval lists; all rule indexes covered, or the overlap ≥ succeededCount.
 */
export function matchSucceededIndexesRule(ruleIndexes: OrderedIntervals, succeededIndexes: OrderedIntervals, succeededCount: number | null | undefined): boolean {
  let contains = 0;
  let s = 0;
  let r = 0;
  while (r < ruleIndexes.length && s < succeededIndexes.length) {
    const overlap = Math.min(ruleIndexes[r].last, succeededIndexes[s].last) - Math.max(ruleIndexes[r].first, succeededIndexes[s].first) + 1;
    if (overlap > 0) contains += overlap;
    if (succeededIndexes[s].last < ruleIndexes[r].last) s++;
    else if (succeededIndexes[s].last > ruleIndexes[r].last) r++;
    else {
      s++;
      r++;
    }
  }
  return contains === intervalsTotal(ruleIndexes) || (succeededCount != null && contains >= succeededCount);
}

export interface SuccessPolicyMatch {
  /** `Matched rules at index <i>`. */
  message: string;
  ruleIndex: number;
}

/**
 * success_policy.go `matchSuccessPolicy(logger, successPolicy, completions, succeededIndexes)`
 * (arguments reordered here: policy, succeeded indexes, completions): the first matching rule,
 * or null.
 */
export function matchSuccessPolicy(
  policy: SuccessPolicy | null | undefined,
  succeededIndexes: OrderedIntervals,
  completions: number,
  gates?: JobGates,
): SuccessPolicyMatch | null {
  if (!jobGates(gates).jobSuccessPolicy || policy == null || succeededIndexes.length === 0) return null;
  const rules = policy.rules ?? [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (rule.succeededIndexes != null) {
      const required = parseIndexesFromString(rule.succeededIndexes, completions);
      if (required.length === 0) continue;
      if (matchSucceededIndexesRule(required, succeededIndexes, rule.succeededCount)) return { message: `Matched rules at index ${i}`, ruleIndex: i };
    } else if (rule.succeededCount != null && intervalsTotal(succeededIndexes) >= rule.succeededCount) {
      return { message: `Matched rules at index ${i}`, ruleIndex: i };
    }
  }
  return null;
}

/**
 * success_policy.go `hasSuccessCriteriaMetCondition(job)`: with gate JobSuccessPolicy or
 * `delayTerminalCondition()`, the first SuccessCriteriaMet condition when its status is True.
 */
export function hasSuccessCriteriaMetCondition(job: Job, gates?: JobGates): JobCondition | undefined {
  if (!(jobGates(gates).jobSuccessPolicy || delayTerminalCondition(gates))) return undefined;
  const c = findConditionByType(job.status?.conditions, JOB_SUCCESS_CRITERIA_MET);
  return c && c.status === 'True' ? c : undefined;
}

/** success_policy.go `isSuccessCriteriaMetCondition(cond)`. */
export function isSuccessCriteriaMetCondition(cond: JobCondition | null | undefined, gates?: JobGates): boolean {
  return (jobGates(gates).jobSuccessPolicy || delayTerminalCondition(gates)) && cond != null && cond.type === JOB_SUCCESS_CRITERIA_MET && cond.status === 'True';
}
