import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { KINDS, type KindInfo } from '../../src/kinds.ts';
import { defaultObject, formatManifestError, validateUpdate } from '../../src/manifest/index.ts';
import { toManifestErrors } from '../../src/manifest/locate.ts';
import { STATUS_RESET_KINDS } from '../../src/manifest/parse.ts';
import { decodeObject } from '../../src/manifest/schema.ts';
import {
  CRONJOB_NAME_MAX_LENGTH, validateObject,
} from '../../src/manifest/validate.ts';
import { DNS1123_SUBDOMAIN_MSG } from './helpers.ts';
import { parseGoDuration, parseStandard } from '../../machines/cronjob/schedule.ts';
import { loadLocation } from '../../machines/cronjob/tz.ts';

// The schedule parser, Go's ParseDuration and LoadLocation the validation quotes (machines/cronjob).
const errorOf = (r: object): string | undefined => ('error' in r ? (r as { error: string }).error : undefined);
const cronParseStandardError = (spec: string) => errorOf(parseStandard(spec));
const goParseDurationError = (d: string) => errorOf(parseGoDuration(d));
const loadLocationError = (name: string) => errorOf(loadLocation(name));

// The CronJob kind is not `supported` in the kind registry yet, so parseManifests refuses it;
// these tests call the decoding, defaulting and validation layers directly, as parseManifests will.
const CJ: KindInfo = KINDS.find((k) => k.kind === 'CronJob')!;

type Obj = Record<string, any>;

const HELLO_PATH = path.resolve(__dirname, '../../../shared/reference/manifests/cronjob-hello.yaml');
const referenceHello = (): Obj => parseYaml(readFileSync(HELLO_PATH, 'utf8'));

/** Decoded and defaulted as the API server stores it (namespace `default`). */
const prepare = (o: Obj): Obj => defaultObject(decodeObject(o, 'CronJob').object, { namespaced: CJ.namespaced });

/** `path: message` of every validation error of the defaulted CronJob, on create. */
const errorsOf = (o: Obj): string[] => toManifestErrors(validateObject(prepare(o), CJ)).map(formatManifestError);

/** A minimal valid CronJob (before defaulting). */
const base = (): Obj => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'tick' },
  spec: {
    schedule: '*/5 * * * *',
    jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'OnFailure' } } } },
  },
});

/** {@link base} with spec fields set (or, with `undefined`, removed). */
const withSpec = (patch: Obj): Obj => {
  const c = base();
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete c.spec[k];
    else c.spec[k] = v;
  }
  return c;
};

/** {@link base} with job-template spec fields set. */
const withJobSpec = (patch: Obj): Obj => {
  const c = base();
  Object.assign(c.spec.jobTemplate.spec, patch);
  return c;
};

const schedule = (s: string) => withSpec({ schedule: s });

const NONNEG = 'must be greater than or equal to 0';

describe('CronJob (batch/v1) defaults: SetDefaults_CronJob', () => {
  it('a minimal CronJob gets concurrencyPolicy Allow, suspend false, history limits 3 and 1; its job template only the pod-spec defaults', () => {
    expect(prepare(base())).toEqual({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tick', namespace: 'default' },
      spec: {
        schedule: '*/5 * * * *',
        concurrencyPolicy: 'Allow',
        suspend: false,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
        jobTemplate: {
          spec: {
            template: {
              spec: {
                containers: [{
                  name: 'c', image: 'busybox', imagePullPolicy: 'Always',
                  terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
                }],
                restartPolicy: 'OnFailure', dnsPolicy: 'ClusterFirst', securityContext: {},
                terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler',
              },
            },
          },
        },
      },
    });
  });

  it.each<[string, Obj, Obj]>([
    ['a given concurrencyPolicy is kept', { concurrencyPolicy: 'Forbid' }, { concurrencyPolicy: 'Forbid' }],
    ['an empty concurrencyPolicy becomes Allow', { concurrencyPolicy: '' }, { concurrencyPolicy: 'Allow' }],
    ['suspend true is kept', { suspend: true }, { suspend: true }],
    ['zero history limits are kept', { successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 0 }, { successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 0 }],
    ['timeZone and startingDeadlineSeconds have no default', {}, { timeZone: undefined, startingDeadlineSeconds: undefined }],
  ])('%s', (_name, patch, expected) => {
    const spec = prepare(withSpec(patch)).spec;
    for (const [k, v] of Object.entries(expected)) expect(spec[k]).toEqual(v);
  });

  it('the job template gets no Job defaults (SetDefaults_Job is the Jobs\'), but its pod failure policy and pod spec do', () => {
    const c = withJobSpec({ podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } });
    c.spec.jobTemplate.spec.template.spec.restartPolicy = 'Never';
    const js = prepare(c).spec.jobTemplate.spec;
    for (const f of ['completions', 'parallelism', 'backoffLimit', 'completionMode', 'suspend', 'podReplacementPolicy', 'manualSelector', 'selector'])
      expect(js).not.toHaveProperty(f);
    expect(js.podFailurePolicy.rules[0].onPodConditions).toEqual([{ type: 'DisruptionTarget', status: 'True' }]);
  });

  it('an absent job template is still defaulted (values in batch/v1)', () => {
    expect(prepare(withSpec({ jobTemplate: undefined })).spec.jobTemplate).toEqual({
      spec: { template: { spec: { dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' } } },
    });
  });

  it('defaultObject is pure; the status a client sends is dropped on create', () => {
    const input = base();
    const copy = structuredClone(input);
    prepare(input);
    expect(input).toEqual(copy);
    expect(STATUS_RESET_KINDS.has('CronJob')).toBe(true);
  });

  it('the reference hello CronJob', () => {
    expect(prepare(referenceHello()).spec).toMatchObject({
      schedule: '* * * * *', concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1,
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox', imagePullPolicy: 'Always' }] } } } },
    });
  });
});

describe('CronJob decoding: the schema', () => {
  it.each<[string, Obj, string[]]>([
    ['a schedule as a number', { schedule: 5 },
      ['spec.schedule: json: cannot unmarshal number into Go struct field CronJobSpec.spec.schedule of type string']],
    ['an unknown spec field', { jobs: 3 }, ['spec.jobs: strict decoding error: unknown field "spec.jobs"']],
    ['an unknown job template spec field', { jobTemplate: { spec: { retries: 1 } } },
      ['spec.jobTemplate.spec.retries: strict decoding error: unknown field "spec.jobTemplate.spec.retries"']],
    ['job template parallelism as a string', { jobTemplate: { spec: { parallelism: '1' } } },
      ['spec.jobTemplate.spec.parallelism: json: cannot unmarshal string into Go struct field JobSpec.spec.jobTemplate.spec.parallelism of type int32']],
  ])('%s', (_name, patch, expected) => {
    const { errors } = decodeObject(withSpec(patch), 'CronJob');
    expect(toManifestErrors(errors).map(formatManifestError)).toEqual(expected);
  });

  it('every field of the reference manifest is known', () => {
    expect(decodeObject(referenceHello(), 'CronJob').errors).toEqual([]);
  });
});

describe('CronJob validation: valid manifests pass', () => {
  it('the reference hello CronJob (shared/reference/manifests/cronjob-hello.yaml)', () => {
    expect(errorsOf(referenceHello())).toEqual([]);
  });

  it.each<[string, Obj]>([
    ['a minimal CronJob', base()],
    ['every concurrency policy', withSpec({ concurrencyPolicy: 'Replace' })],
    ['a time zone', withSpec({ timeZone: 'Europe/Berlin' })],
    ['a time zone alias', withSpec({ timeZone: 'US/Eastern' })],
    ['UTC', withSpec({ timeZone: 'UTC' })],
    ['Etc/GMT+5', withSpec({ timeZone: 'Etc/GMT+5' })],
    ['zero deadlines and history limits', withSpec({ startingDeadlineSeconds: 0, successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 0 })],
    ['a suspended CronJob', withSpec({ suspend: true })],
    ['a job template with counts and a deadline', withJobSpec({ parallelism: 2, completions: 4, backoffLimit: 1, activeDeadlineSeconds: 60 })],
    ['an Indexed job template', withJobSpec({ completionMode: 'Indexed', completions: 3 })],
    ['a name of 52 characters', { ...base(), metadata: { name: 'a'.repeat(52) } }],
    ['job template metadata (not validated)', withSpec({ jobTemplate: { ...base().spec.jobTemplate, metadata: { labels: { app: 'tick' } } } })],
  ])('%s', (_name, c) => {
    expect(errorsOf(c)).toEqual([]);
  });

  it.each([
    '* * * * *', '0 0 * * *', '*/15 9-17 * * MON-FRI', '0 0 1 jan,jul *', '5,10,15 * * * sun', '0 12 ? * *', '1-59/2 * * * *',
    '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly', '@every 1h30m', '@every 90s', '  0  0  *  *  *  ',
  ])('the schedule %j parses', (s) => {
    expect(cronParseStandardError(s)).toBeUndefined();
    expect(errorsOf(schedule(s))).toEqual([]);
  });
});

describe('CronJob validation in the API server words: ValidateCronJobCreate (1.32)', () => {
  it.each<[string, Obj, string[]]>([
    // metadata
    ['the name must be a DNS subdomain', { ...base(), metadata: { name: 'Tick_1' } }, [`metadata.name: Invalid value: "Tick_1": ${DNS1123_SUBDOMAIN_MSG}`]],
    ['a name over 52 characters', { ...base(), metadata: { name: 'a'.repeat(53) } }, [`metadata.name: Invalid value: "${'a'.repeat(53)}": must be no more than 52 characters`]],
    // schedule
    ['no schedule', withSpec({ schedule: undefined }), ['spec.schedule: Required value']],
    ['four fields', schedule('* * * *'), ['spec.schedule: Invalid value: "* * * *": expected exactly 5 fields, found 4: [* * * *]']],
    ['six fields (no seconds in a standard schedule)', schedule('0 * * * * *'), ['spec.schedule: Invalid value: "0 * * * * *": expected exactly 5 fields, found 6: [0 * * * * *]']],
    ['a minute out of range', schedule('60 * * * *'), ['spec.schedule: Invalid value: "60 * * * *": end of range (60) above maximum (59): 60']],
    ['day of month 0', schedule('0 0 0 * *'), ['spec.schedule: Invalid value: "0 0 0 * *": beginning of range (0) below minimum (1): 0']],
    ['day of week 7', schedule('0 0 * * 7'), ['spec.schedule: Invalid value: "0 0 * * 7": end of range (7) above maximum (6): 7']],
    ['a reversed range', schedule('0 5-1 * * *'), ['spec.schedule: Invalid value: "0 5-1 * * *": beginning of range (5) beyond end of range (1): 5-1']],
    ['a zero step', schedule('*/0 * * * *'), ['spec.schedule: Invalid value: "*/0 * * * *": step of range should be a positive number: */0']],
    ['too many hyphens', schedule('1-2-3 * * * *'), ['spec.schedule: Invalid value: "1-2-3 * * * *": too many hyphens: 1-2-3']],
    ['too many slashes', schedule('*/2/3 * * * *'), ['spec.schedule: Invalid value: "*/2/3 * * * *": too many slashes: */2/3']],
    ['a word', schedule('every minute * * *'), ['spec.schedule: Invalid value: "every minute * * *": failed to parse int from every: strconv.Atoi: parsing "every": invalid syntax']],
    ['an unknown month name', schedule('0 0 1 foo *'), ['spec.schedule: Invalid value: "0 0 1 foo *": failed to parse int from foo: strconv.Atoi: parsing "foo": invalid syntax']],
    ['an unknown descriptor', schedule('@reboot'), ['spec.schedule: Invalid value: "@reboot": unrecognized descriptor: @reboot']],
    ['a bad @every duration', schedule('@every 5 minutes'), ['spec.schedule: Invalid value: "@every 5 minutes": failed to parse duration @every 5 minutes: time: unknown unit " minutes" in duration "5 minutes"']],
    ['a unitless @every duration', schedule('@every 5'), ['spec.schedule: Invalid value: "@every 5": failed to parse duration @every 5: time: missing unit in duration "5"']],
    ['TZ in the schedule', schedule('TZ=UTC 0 * * * *'), ['spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead']],
    ['CRON_TZ with an unknown zone', schedule('CRON_TZ=Mars/Olympus 0 * * * *'), [
      'spec.schedule: Invalid value: "CRON_TZ=Mars/Olympus 0 * * * *": provided bad location Mars/Olympus: unknown time zone Mars/Olympus',
      'spec.schedule: Invalid value: "CRON_TZ=Mars/Olympus 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ]],
    // timeZone
    ['an empty time zone', withSpec({ timeZone: '' }), ['spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string']],
    ['an unknown time zone', withSpec({ timeZone: 'Mars/Olympus' }), ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus']],
    ['a time zone with a space', withSpec({ timeZone: 'America/New York' }), ['spec.timeZone: Invalid value: "America/New York": unknown time zone America/New York']],
    ['a time zone with dot-dot', withSpec({ timeZone: '../etc/passwd' }), ['spec.timeZone: Invalid value: "../etc/passwd": unknown time zone ../etc/passwd']],
    ['a lower-case time zone (Go\'s lookup is case-sensitive)', withSpec({ timeZone: 'europe/berlin' }), ['spec.timeZone: Invalid value: "europe/berlin": unknown time zone europe/berlin']],
    ['Local', withSpec({ timeZone: 'Local' }), ['spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones']],
    ['local', withSpec({ timeZone: 'local' }), [
      'spec.timeZone: Invalid value: "local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
      'spec.timeZone: Invalid value: "local": unknown time zone local',
    ]],
    // other fields
    ['a negative startingDeadlineSeconds', withSpec({ startingDeadlineSeconds: -1 }), [`spec.startingDeadlineSeconds: Invalid value: -1: ${NONNEG}`]],
    ['an unknown concurrency policy', withSpec({ concurrencyPolicy: 'Queue' }), ['spec.concurrencyPolicy: Unsupported value: "Queue": supported values: "Allow", "Forbid", "Replace"']],
    ['negative history limits', withSpec({ successfulJobsHistoryLimit: -1, failedJobsHistoryLimit: -2 }), [
      `spec.successfulJobsHistoryLimit: Invalid value: -1: ${NONNEG}`,
      `spec.failedJobsHistoryLimit: Invalid value: -2: ${NONNEG}`,
    ]],
    // the job template: a JobSpec without a selector
    ['a job template with a selector', (() => {
      const c = withJobSpec({ selector: { matchLabels: { app: 'tick' } } });
      c.spec.jobTemplate.spec.template.metadata = { labels: { app: 'tick' } };
      return c;
    })(), ['spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"tick"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated']],
    ['a job template with manualSelector', withJobSpec({ manualSelector: true }), ['spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"']],
    ['a job template restarting Always', (() => {
      const c = base();
      delete c.spec.jobTemplate.spec.template.spec.restartPolicy;
      return c;
    })(), ['spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']],
    ['a job template with negative counts', withJobSpec({ parallelism: -1, backoffLimit: -1 }), [
      `spec.jobTemplate.spec.parallelism: Invalid value: -1: ${NONNEG}`,
      `spec.jobTemplate.spec.backoffLimit: Invalid value: -1: ${NONNEG}`,
    ]],
    ['an Indexed job template without completions', withJobSpec({ completionMode: 'Indexed' }), ['spec.jobTemplate.spec.completions: Required value: when completion mode is Indexed']],
    ['a job template without containers', (() => {
      const c = base();
      c.spec.jobTemplate.spec.template.spec.containers = [];
      return c;
    })(), ['spec.jobTemplate.spec.template.spec.containers: Required value']],
    ['a job template pod failure policy with OnFailure', withJobSpec({ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [1] } }] } }),
      ['spec.jobTemplate.spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified']],
  ])('%s', (_name, c, expected) => {
    expect(errorsOf(c)).toEqual(expected);
  });

  it('the name limit is 52: a CronJob\'s Jobs are named <name>-<11 characters>', () => {
    expect(CRONJOB_NAME_MAX_LENGTH).toBe(52);
  });
});

describe('the schedule parser (robfig/cron v3 ParseStandard) and its helpers', () => {
  it.each<[string, string]>([
    ['', 'empty spec string'],
    ['   ', 'expected exactly 5 fields, found 0: []'],
    ['-1 * * * *', 'failed to parse int from : strconv.Atoi: parsing "": invalid syntax'],
    ['99999999999999999999 * * * *', 'failed to parse int from 99999999999999999999: strconv.Atoi: parsing "99999999999999999999": value out of range'],
    ['0 0 32 * *', 'end of range (32) above maximum (31): 32'],
    ['0 0 * 13 *', 'end of range (13) above maximum (12): 13'],
    ['0 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['0 0 * * mon-sun', 'beginning of range (1) beyond end of range (0): mon-sun'],
    ['TZ=UTC', 'runtime error: slice bounds out of range [:-1]'],
    ['@every 1x', 'failed to parse duration @every 1x: time: unknown unit "x" in duration "1x"'],
    ['@daily 0', 'unrecognized descriptor: @daily 0'],
  ])('%j: %s', (s, err) => {
    expect(cronParseStandardError(s)).toBe(err);
  });

  it('a CRON_TZ prefix with a known zone parses', () => {
    expect(cronParseStandardError('CRON_TZ=Asia/Tokyo 0 9 * * *')).toBeUndefined();
    expect(cronParseStandardError('TZ=UTC @daily')).toBeUndefined();
  });

  it.each<[string, string | undefined]>([
    ['1h30m', undefined], ['0', undefined], ['-5m', undefined], ['1.5h', undefined], ['300ms', undefined], ['2µs', undefined],
    ['', 'time: invalid duration ""'], ['h', 'time: invalid duration "h"'], ['.s', 'time: invalid duration ".s"'],
    ['10', 'time: missing unit in duration "10"'], ['3d', 'time: unknown unit "d" in duration "3d"'],
    ['9999999999999999999h', 'time: invalid duration "9999999999999999999h"'],
  ])('time.ParseDuration(%j)', (s, err) => {
    expect(goParseDurationError(s)).toBe(err);
  });

  it.each<[string, string | undefined]>([
    ['', undefined], ['UTC', undefined], ['Local', undefined], ['America/New_York', undefined], ['Asia/Kolkata', undefined],
    ['Europe/Kyiv', undefined], ['GB', undefined], ['EST5EDT', undefined],
    ['Nowhere/Special', 'unknown time zone Nowhere/Special'], ['utc', 'unknown time zone utc'],
    ['a/../b', 'time: invalid location name'], ['/etc/localtime', 'time: invalid location name'],
  ])('time.LoadLocation(%j)', (name, err) => {
    expect(loadLocationError(name)).toBe(err);
  });
});

describe('CronJob updates: ValidateCronJobUpdate (1.32)', () => {
  const stored = (patch: Obj = {}, name = 'tick'): Obj => prepare({ ...withSpec(patch), metadata: { name, uid: '1111' } });
  const update = (mutate: (o: Obj) => void, old: Obj = stored()): string[] => {
    const next = structuredClone(old);
    mutate(next);
    return validateUpdate(old, next).map(formatManifestError);
  };

  it.each<[string, (o: Obj) => void]>([
    ['nothing', () => {}],
    ['its schedule', (o) => (o.spec.schedule = '@hourly')],
    ['its time zone', (o) => (o.spec.timeZone = 'Asia/Tokyo')],
    ['suspend', (o) => (o.spec.suspend = true)],
    ['its concurrency policy', (o) => (o.spec.concurrencyPolicy = 'Forbid')],
    ['its job template', (o) => (o.spec.jobTemplate.spec.template.spec.containers[0].image = 'busybox:1.36')],
    ['its history limits', (o) => { o.spec.successfulJobsHistoryLimit = 10; o.spec.failedJobsHistoryLimit = 0; }],
    ['its labels', (o) => (o.metadata.labels = { team: 'a' })],
  ])('a CronJob may change %s', (_name, mutate) => {
    expect(update(mutate)).toEqual([]);
  });

  it('the new spec is validated as on create', () => {
    expect(update((o) => {
      o.spec.schedule = '* * *';
      o.spec.concurrencyPolicy = 'Queue';
      o.metadata.labels = { 'bad key': 'x' };
    })).toEqual([
      expect.stringMatching(/^metadata\.labels: Invalid value: "bad key": name part must consist of/),
      'spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]',
      'spec.concurrencyPolicy: Unsupported value: "Queue": supported values: "Allow", "Forbid", "Replace"',
    ]);
  });

  it('its name and namespace are fixed; a stored name over 52 characters stays allowed', () => {
    expect(update((o) => (o.metadata.name = 'tock'))).toEqual(['metadata.name: Invalid value: "tock": field is immutable']);
    expect(update((o) => (o.spec.suspend = true), stored({}, 'a'.repeat(60)))).toEqual([]);
  });

  it('a TZ already in the schedule may stay (without a timeZone); a new one may not', () => {
    const legacy = stored({ schedule: 'CRON_TZ=UTC 0 * * * *' });
    expect(update((o) => (o.spec.suspend = true), legacy)).toEqual([]);
    expect(update((o) => (o.spec.timeZone = 'UTC'), legacy)).toEqual([
      'spec.schedule: Invalid value: "CRON_TZ=UTC 0 * * * *": cannot use both timeZone field and TZ or CRON_TZ in schedule',
    ]);
    expect(update((o) => (o.spec.schedule = 'TZ=UTC 0 * * * *'))).toEqual([
      'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ]);
  });

  it('the time zone is checked only when it changes', () => {
    const old = { ...stored(), spec: { ...stored().spec, timeZone: 'Mars/Olympus' } };
    expect(update((o) => (o.spec.suspend = true), old)).toEqual([]);
    expect(update((o) => (o.spec.timeZone = 'Mars/Phobos'), old)).toEqual(['spec.timeZone: Invalid value: "Mars/Phobos": unknown time zone Mars/Phobos']);
  });
});
