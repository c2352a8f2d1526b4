/**
 * What a container prints. Real processes are not run; a `sh -c` script made of `echo` and
 * `date` statements (the shape of the Kubernetes docs' examples, e.g. the CronJob "hello") is
 * evaluated so its output shows in `logs`, on the simulated clock. Anything else prints nothing.
 */
import type { Container } from '../../src/types.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** busybox/coreutils `date` default format in UTC (`%a %b %e %H:%M:%S %Z %Y`, the day padded with a space): `Thu Jan  1 00:00:02 UTC 2026`. */
export function unixDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function unquote(s: string): string {
  const t = s.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) return t.slice(1, -1);
  return t.replace(/\s+/g, ' ');
}

/** Output lines of the container's command at time `now`; [] when it is not a simple script. */
export function scriptOutput(spec: Container, now: number): string[] {
  const argv = [...(spec.command ?? []), ...(spec.args ?? [])];
  let script: string | undefined;
  const c = argv.indexOf('-c');
  if (c >= 1 && /(^|\/)(ba|da|)sh$/.test(argv[c - 1]!) && argv[c + 1] !== undefined) script = argv[c + 1];
  else if (argv[0] === 'echo' || argv[0] === '/bin/echo') script = argv.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ');
  if (script === undefined) return [];
  const out: string[] = [];
  for (const raw of script.split(/;|&&|\n/)) {
    const stmt = raw.trim();
    if (!stmt) continue;
    if (stmt === 'date') out.push(unixDate(now));
    else if (/^(\/bin\/)?echo(\s|$)/.test(stmt)) out.push(unquote(stmt.replace(/^(\/bin\/)?echo\s*/, '')));
  }
  return out;
}
