/**
 * kubectl's human-readable table output: column decoration (NAMESPACE for `-A`, LABELS for
 * `--show-labels`), priority-1 columns for `-o wide`, header upper-casing, `--no-headers`, cell
 * truncation at line breaks, and tabwriter alignment.
 *
 * Ports of k8s.io/cli-runtime/pkg/printers/tableprinter.go (`printTable`, `decorateTable`) and
 * kubernetes/kubectl pkg/cmd/get/get.go (the "No resources found" messages).
 */
import { GET_TABWRITER, tabwrite } from './tabwriter.ts';
import { formatLabels } from './util.ts';

export interface ColumnDefinition {
  /** As in the server's TableColumnDefinition, e.g. "Nominated Node"; printed upper-cased. */
  name: string;
  /** 0 = always shown; 1 = only with `-o wide`. */
  priority?: number;
}

export interface TableRow {
  /** One cell per column definition (servers always generate the wide cells too). */
  cells: Array<string | number | boolean | null | undefined>;
  namespace?: string;
  labels?: Record<string, string>;
}

export interface Table {
  columns: ColumnDefinition[];
  rows: TableRow[];
}

export interface TableOptions {
  wide?: boolean;
  /** Prepend a NAMESPACE column (kubectl `-A` on a namespaced resource). */
  withNamespace?: boolean;
  /** Append a LABELS column (`--show-labels`). */
  showLabels?: boolean;
  /** Append one column per label key (`-L key1,key2`). */
  columnLabels?: string[];
  noHeaders?: boolean;
}

/** cellBreakChars: characters that cause cell value truncation (tableprinter.go). */
const CELL_BREAK = /[\f\n\r]/;

function cellText(cell: TableRow['cells'][number]): string {
  if (cell === null || cell === undefined) return '';
  let s = typeof cell === 'string' ? cell : String(cell);
  const m = CELL_BREAK.exec(s);
  if (m) s = s.slice(0, m.index) + '...';
  // WriteEscaped (cli-runtime printers/terminal.go): terminal escape sequences are neutralised
  return s.replace(/\x1b/g, '^[');
}

/** `formatLabelHeaders`: last path segment of the label key, upper-cased. */
function labelHeader(key: string): string {
  const parts = key.split('/');
  return parts[parts.length - 1].toUpperCase();
}

/**
 * Renders a table exactly as `kubectl get` prints it (stdout only). Returns "" when there are no
 * rows and headers are on — kubectl prints nothing then and reports "No resources found" on stderr
 * (see {@link noResourcesMessage}).
 */
export function renderTable(table: Table, opts: TableOptions = {}): string {
  const visible: number[] = [];
  table.columns.forEach((c, i) => {
    if (opts.wide || !c.priority) visible.push(i);
  });
  const lines: string[] = [];
  if (!opts.noHeaders) {
    // avoid printing headers if we have no rows to display
    if (table.rows.length === 0) return '';
    const headers = visible.map((i) => table.columns[i].name.toUpperCase());
    for (const l of opts.columnLabels ?? []) headers.push(labelHeader(l));
    if (opts.showLabels) headers.push('LABELS');
    if (opts.withNamespace) headers.unshift('NAMESPACE');
    lines.push(headers.join('\t'));
  }
  for (const row of table.rows) {
    const cells = visible.map((i) => cellText(row.cells[i]));
    for (const l of opts.columnLabels ?? []) cells.push(row.labels?.[l] ?? '');
    if (opts.showLabels) cells.push(formatLabels(row.labels));
    if (opts.withNamespace) cells.unshift(row.namespace ?? '');
    lines.push(cells.join('\t'));
  }
  if (lines.length === 0) return '';
  return tabwrite(lines.join('\n') + '\n', GET_TABWRITER);
}

/**
 * What kubectl get writes to stderr when it printed nothing (kubectl pkg/cmd/get/get.go):
 * `No resources found in <ns> namespace.` for namespaced resources without `-A`, otherwise
 * `No resources found`. Both end with a newline.
 */
export function noResourcesMessage(opts: { namespaced: boolean; allNamespaces?: boolean; namespace?: string }): string {
  if (opts.namespaced && !opts.allNamespaces) {
    return `No resources found in ${opts.namespace ?? 'default'} namespace.\n`;
  }
  return 'No resources found\n';
}
