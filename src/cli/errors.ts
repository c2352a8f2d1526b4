/**
 * How failures reach the user: kubectl's wording. Client-side problems print `error: …`; problems
 * the API server would report print `Error from server (<Reason>): …`
 * (k8s.io/kubectl/pkg/cmd/util/helpers.go `StandardErrorMessage`).
 */
import { ClusterError } from '../cluster/cluster.ts';
import { formatManifestError, ManifestLoadError } from '../manifest/index.ts';

/** A failure with its complete, already formatted text (one or more lines, no trailing newline). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** `error: <msg>` as kubectl prints client-side errors. */
export function usageError(msg: string): CliError {
  return new CliError(`error: ${msg}`);
}

/** `Error from server (NotFound): pods "x" not found`. */
export function notFound(plural: string, name: string): CliError {
  return new CliError(`Error from server (NotFound): ${plural} "${name}" not found`);
}

/** Messages the engine raises that kubectl produces on the client side (printed `error: …`). */
const CLIENT_SIDE = [
  /^the server doesn't have a resource type/,
  /^unable to find container named/,
  /^container \S+ is not valid for pod/,
  /^invalid taint spec/,
  /^taint ".*" not found$/,
  /^--/,
  /^timed out waiting/,
  /has no running \w+ probe$/,
  /^container \S+ is not running$/,
  /^pod \S+ is not scheduled yet$/,
];

/**
 * Turns anything thrown while running a command into the text to print. `context` names the
 * object involved, for the API server's `The Pod "x" is invalid: …` form.
 */
export function describeError(err: unknown, context?: { kind: string; name: string }): string {
  if (err instanceof CliError) return err.message;
  if (err instanceof ManifestLoadError) return err.errors.map((e) => `error: ${formatManifestError(e)}`).join('\n');
  if (err instanceof ClusterError) {
    const msg = err.message;
    if (err.code === 'Unsupported' || err.code === 'Timeout' || CLIENT_SIDE.some((re) => re.test(msg))) return `error: ${msg}`;
    if (/ is forbidden: /.test(msg)) return `Error from server (Forbidden): ${msg}`;
    if (err.code === 'Invalid' && context) return `The ${context.kind} "${context.name}" is invalid: ${msg}`;
    return `Error from server (${err.code}): ${msg}`;
  }
  if (isInternalError(err)) return `error: internal error: ${err instanceof Error ? err.message : String(err)} (a kubeactors bug; set KUBEACTORS_DEBUG=1 for details)`;
  return `error: ${(err as Error).message}`;
}

/**
 * Whether an error is a bug rather than an answer to bad input: the engine, manifests, selectors,
 * JSONPath and durations throw Error subclasses (or plain Errors) with messages for users; the
 * language's own TypeError & co. mean something is broken.
 */
export function isInternalError(err: unknown): boolean {
  return !(err instanceof Error) || err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError;
}
