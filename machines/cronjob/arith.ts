/**
 * The CronJob controller's arithmetic, as pure functions (no machines, no cluster): one import
 * point for the modules below. Each function names the upstream function it mirrors.
 *
 * - tz.ts — Go time.Location arithmetic over the IANA database: wall clocks, time.Date, AddDate, LoadLocation, RFC 3339
 * - schedule.ts — robfig/cron v3 ParseStandard / SpecSchedule.Next / @every, formatSchedule, parse(schedule, timeZone), validateScheduleFormat / validateTimeZone
 * - times.ts — mostRecentScheduleTime, nextScheduleTime, nextScheduleTimeDuration, getTimeHashInMinutes, getJobName
 * - jobs.ts — active list helpers, FinishedCondition / IsJobFinished / IsJobSucceeded, byJobStartTime, getJobsToBeReconciled, getRef, getJobFromTemplate2
 * - sync.ts — one sync as a plan: cleanupFinishedJobs + syncCronJob (concurrency, deadlines, status), the updateCronJob requeue
 * - events.ts — the controller's event reasons and exact messages
 * - spec.ts — constants, annotations, SetDefaults_CronJob
 * - kubectl.ts — kubectl create job --from=cronjob, kubectl get cronjobs row
 *
 * Upstream: kubernetes/kubernetes pkg/controller/cronjob (cronjob_controllerv2.go, utils.go,
 * injection.go), pkg/controller/job/util, pkg/apis/batch/v1/defaults.go,
 * pkg/apis/batch/validation/validation.go, pkg/printers/internalversion/printers.go,
 * staging/src/k8s.io/kubectl/pkg/cmd/create/create_job.go; github.com/robfig/cron/v3.
 */
export * from './tz.ts';
export * from './schedule.ts';
export * from './times.ts';
export * from './jobs.ts';
export * from './sync.ts';
export * from './events.ts';
export * from './spec.ts';
export * from './kubectl.ts';
