/**
 * The kubeactors command line: kubectl-shaped commands against a simulated cluster kept in a
 * state file. `runCli` runs one command in-process and returns its exit code; the state file is
 * written back (atomically) only when the command succeeds.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { createCluster } from '../cluster/cluster.ts';
import { formatTime, intFlag, normaliseArgv, parseDurationArg } from './args.ts';
import { registerApply } from './commands/apply.ts';
import { registerDelete } from './commands/delete.ts';
import { registerDescribe } from './commands/describe.ts';
import { registerGet } from './commands/get.ts';
import { registerInspect } from './commands/inspect.ts';
import { registerNodes } from './commands/nodes.ts';
import { registerPodCommands } from './commands/pods.ts';
import { registerRollout } from './commands/rollout.ts';
import { registerCreate } from './commands/create.ts';
import { registerScale } from './commands/scale.ts';
import { registerWait } from './commands/wait.ts';
import { CliError, describeError, isInternalError, usageError } from './errors.ts';
import { DEFAULT_NODES, DEFAULT_SEED, DEFAULT_STATE, Session, type CliIO } from './session.ts';

export type { CliIO } from './session.ts';

const MAX_NODES = 5000;

/** kubectl's words for commander's parse errors. */
function kubectlWording(msg: string, command: string | undefined): string {
  let out = msg
    .replace(/^error: unknown option '([^']*)'/m, 'error: unknown flag: $1')
    .replace(/^error: unknown command '([^']*)'/m, 'error: unknown command "$1" for "kubeactors"')
    .replace(/^error: (?:option|command-argument value) '[^']*' (?:argument '[^']*' )?is invalid\. (?=invalid argument)/m, 'error: ');
  if (command && /^error: (unknown flag|option|missing|too many|invalid argument)/.test(out)) out = `${out.replace(/\n$/, '')}\nSee 'kubeactors ${command} --help' for usage.\n`;
  return out;
}

function registerClock(program: Command, s: Session): void {
  program
    .command('advance')
    .summary('Run the simulated clock forward and print the new time')
    .description('Run the simulated clock forward (e.g. 30s, 5m, 1h30m; a bare number is seconds) and print the new simulated time.')
    .argument('<duration>', 'how long')
    .action(async (d: string) => {
      let ms: number;
      try {
        ms = parseDurationArg(d, 'advance');
      } catch (e) {
        throw usageError(`invalid duration "${d}": expected e.g. 30s, 5m, 1h30m`);
      }
      const c = s.cluster();
      c.advance(ms);
      s.println(formatTime(c.now()));
    });
  program
    .command('now')
    .summary('Print the simulated time')
    .action(async () => s.println(formatTime(s.cluster().now())));
}

function registerTopLevel(program: Command, s: Session): void {
  program
    .command('reset')
    .summary('Start over with a new cluster (--nodes N, --seed S, --strict-storage)')
    .description('Replace the cluster in the state file with a new one: --nodes N workers (default 3), RNG --seed S (default 1), --strict-storage (claims of StorageClasses that do not exist stay Pending).')
    .action(async () => {
      const nodes = s.globals.nodes ?? DEFAULT_NODES;
      const seed = s.globals.seed ?? DEFAULT_SEED;
      const c = createCluster({ nodes, seed, strictStorage: s.globals.strictStorage });
      s.replaceCluster(c);
      s.println(`cluster reset: ${nodes} node${nodes === 1 ? '' : 's'}, seed ${seed}, simulated time ${formatTime(c.now())}`);
    });
  program
    .command('run')
    .summary('Run a scenario file on a fresh in-memory cluster')
    .description('Run a scenario (see docs/scenarios.md) on a fresh in-memory cluster; the state file is not touched.\nExits 1 naming the first failed step.')
    .argument('<scenario>', 'scenario YAML file')
    .option('-q, --quiet', 'print only failures and the summary')
    .action(async (file: string, o: { quiet?: boolean }) => {
      const { runScenarioFile } = await import('./scenario.ts');
      s.exitCode = await runScenarioFile(s, file, { quiet: o.quiet, nodes: s.globals.nodes, seed: s.globals.seed });
    });
  program
    .command('demo')
    .summary('A guided tour on a built-in scenario (what `npm start` runs)')
    .action(async () => {
      const { runDemo } = await import('./demo.ts');
      s.exitCode = await runDemo(s);
    });
}

/** Builds the command tree. `nested`: commands run by a scenario (no reset/run/demo, no state flags). */
export function buildProgram(s: Session, argv: string[], nested: boolean): Command {
  const program = new Command('kubeactors');
  program
    .description('kubeactors: a simulated Kubernetes cluster (XState actors on a simulated clock), driven like kubectl.')
    .usage('<command> [flags]')
    .exitOverride()
    .configureOutput({
      writeOut: (str) => s.out(str),
      writeErr: (str) => s.err(str),
      outputError: (str, write) => write(kubectlWording(str, argv.find((a) => program.commands.some((c) => c.name() === a)))),
    })
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false });
  if (!nested) {
    program
      .option('--state <file>', `cluster state file (default: $KUBEACTORS_STATE or ${DEFAULT_STATE})`)
      .option('--nodes <n>', `nodes of a new cluster (default ${DEFAULT_NODES})`, (v: string) => {
        const n = intFlag('--nodes', { min: 0 })(v);
        if (n > MAX_NODES) throw new InvalidArgumentError(`invalid argument "${v}" for "--nodes" flag: at most ${MAX_NODES}`);
        return n;
      })
      .option('--seed <s>', `random seed of a new cluster (default ${DEFAULT_SEED})`, intFlag('--seed', { min: 0 }))
      .option('--strict-storage', 'a new cluster binds claims only of StorageClasses that exist (default: any class is provisioned)');
    program.hook('preAction', () => {
      s.globals = program.opts();
    });
    registerInspect(program, s);
  }
  registerApply(program, s);
  registerGet(program, s);
  registerDescribe(program, s);
  registerDelete(program, s);
  registerPodCommands(program, s, argv);
  registerScale(program, s);
  registerRollout(program, s);
  registerCreate(program, s);
  registerWait(program, s);
  registerNodes(program, s);
  registerClock(program, s);
  if (!nested) registerTopLevel(program, s);
  return program;
}

/**
 * Runs one command line on `s`'s cluster. Prints errors kubectl's way and returns the exit code;
 * never throws.
 */
export async function runProgram(argv: string[], s: Session, nested = false): Promise<number> {
  const args = normaliseArgv(argv);
  try {
    const program = buildProgram(s, args, nested);
    if (!args.length) {
      s.out(program.helpInformation());
      return 0;
    }
    await program.parseAsync(args, { from: 'user' });
    return s.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
    s.eprintln(describeError(e));
    if (isInternalError(e) && s.env.KUBEACTORS_DEBUG) s.eprintln(String((e as Error)?.stack ?? e));
    return e instanceof CliError ? e.exitCode : 1;
  }
}

/** Runs `kubeactors <argv…>` in-process: the cluster comes from (and goes back to) the state file. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const s = new Session(io, 'state');
  try {
    let code = await runProgram(argv, s);
    if (code === 0) {
      try {
        s.save();
      } catch (e) {
        s.eprintln(describeError(e));
        code = 1;
      }
    }
    return code;
  } finally {
    s.close();
  }
}
