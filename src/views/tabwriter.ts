/**
 * A faithful port of Go's `text/tabwriter` (elastic tabstops), as used by kubectl:
 *
 * - `kubectl get` tables: `printers.GetNewTabWriter` (k8s.io/cli-runtime/pkg/printers/tabwriter.go):
 *   minwidth 6, tabwidth 4, padding 3, padchar ' ', flags RememberWidths (irrelevant for a single
 *   flush) — see {@link GET_TABWRITER}.
 * - `kubectl describe`: `tabbedString` in kubernetes/kubectl pkg/describe/describe.go:
 *   `out.Init(buf, 0, 8, 2, ' ', 0)` — see {@link DESCRIBE_TABWRITER}.
 *
 * Semantics reproduced from Go's implementation:
 * - text is split into cells by '\t' / '\v' (cell terminators); '\n' / '\f' end a line;
 * - the last cell of a line is not tab-terminated and is not part of any column;
 * - a *column block* is a run of consecutive lines that have a cell in that column; each block gets
 *   width = max(minwidth, max(cell width + padding)); blocks are formatted recursively left to right;
 * - a line consisting of a single cell (or a '\f') flushes, which is equivalent to breaking all blocks;
 * - cell width is measured in runes (Unicode code points).
 */

export interface TabwriterOptions {
  minwidth: number;
  tabwidth: number;
  padding: number;
  padchar: string;
  /** Go `tabwriter.AlignRight`. */
  alignRight?: boolean;
  /** Go `tabwriter.DiscardEmptyColumns`. */
  discardEmptyColumns?: boolean;
  /** Go `tabwriter.TabIndent`. */
  tabIndent?: boolean;
  /** Go `tabwriter.Debug`: print '|' between columns. */
  debug?: boolean;
}

/** `kubectl get` table writer parameters (cli-runtime printers.GetNewTabWriter). */
export const GET_TABWRITER: TabwriterOptions = { minwidth: 6, tabwidth: 4, padding: 3, padchar: ' ' };

/** `kubectl describe` writer parameters (describe.go tabbedString: Init(buf, 0, 8, 2, ' ', 0)). */
export const DESCRIBE_TABWRITER: TabwriterOptions = { minwidth: 0, tabwidth: 8, padding: 2, padchar: ' ' };

interface Cell {
  text: string;
  width: number; // in runes
  htab: boolean; // true if terminated by '\t'
}

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

class Formatter {
  private out: string[] = [];
  private widths: number[] = [];

  constructor(private readonly opts: TabwriterOptions, private readonly lines: Cell[][]) {}

  run(): string {
    this.format(0, this.lines.length);
    return this.out.join('');
  }

  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    const { padchar, tabwidth } = this.opts;
    if (padchar === '\t' || useTabs) {
      // padding is done with tabs
      if (tabwidth === 0) return; // tabs have no width - can't do any padding
      // make cellw the smallest multiple of tabwidth
      cellw = Math.trunc((cellw + tabwidth - 1) / tabwidth) * tabwidth;
      const n = cellw - textw; // amount of padding
      if (n < 0) throw new Error('internal error');
      this.out.push('\t'.repeat(Math.trunc((n + tabwidth - 1) / tabwidth)));
      return;
    }
    // padding is done with non-tab characters
    if (cellw - textw > 0) this.out.push(padchar.repeat(cellw - textw));
  }

  private writeLines(line0: number, line1: number): void {
    const alignLeft = !this.opts.alignRight || this.opts.padchar === '\t';
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      // if TabIndent is set, use tabs to pad leading empty cells
      let useTabs = !!this.opts.tabIndent;
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        if (j > 0 && this.opts.debug) this.out.push('|');
        if (c.text.length === 0) {
          // empty cell
          if (j < this.widths.length) this.writePadding(c.width, this.widths[j], useTabs);
        } else {
          // non-empty cell
          useTabs = false;
          if (alignLeft) {
            this.out.push(c.text);
            if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
          } else {
            if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
            this.out.push(c.text);
          }
        }
      }
      if (i + 1 === this.lines.length) {
        // last buffered line - we don't have a newline, so just write any outstanding buffered data
      } else {
        this.out.push('\n');
      }
    }
  }

  /** Go `(*Writer).format`: formats lines [line0, line1) recursively by column block. */
  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let thisLine = line0; thisLine < line1; thisLine++) {
      let line = this.lines[thisLine];
      if (column >= line.length - 1) continue;
      // cell exists in this column => this line has more cells than the previous line
      // print unprinted lines until beginning of block
      this.writeLines(line0, thisLine);
      line0 = thisLine;

      // column block begin
      let width = this.opts.minwidth; // minimal column width
      let discardable = true; // true if all cells in this column are empty and "soft"
      for (; thisLine < line1; thisLine++) {
        line = this.lines[thisLine];
        if (column >= line.length - 1) break;
        // cell exists in this column
        const c = line[column];
        const w = c.width + this.opts.padding;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }
      // column block end

      // discard empty columns if necessary
      if (discardable && this.opts.discardEmptyColumns) width = 0;

      // format and print all columns to the right of this column
      // (we know the widths of this column and all columns to the left)
      this.widths.push(width);
      this.format(line0, thisLine);
      this.widths.pop();
      line0 = thisLine;
      // (Go's loop increment then skips the line that ended the block; it has no cell in this column.)
    }
    // print unprinted lines until end
    this.writeLines(line0, line1);
  }
}

/**
 * Writes `text` through a tabwriter configured with `opts` and flushes it, returning the output.
 * Equivalent to `w := tabwriter.NewWriter(buf, ...); fmt.Fprint(w, text); w.Flush()`.
 */
export function tabwrite(text: string, opts: TabwriterOptions): string {
  const chunks: string[] = [];
  let lines: Cell[][] = [[]];
  let cell = '';

  const terminateCell = (htab: boolean): number => {
    const line = lines[lines.length - 1];
    line.push({ text: cell, width: runeCount(cell), htab });
    cell = '';
    return line.length;
  };
  const flush = (): void => {
    if (cell.length > 0) terminateCell(false);
    chunks.push(new Formatter(opts, lines).run());
    lines = [[]];
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\t' || ch === '\v' || ch === '\n' || ch === '\f') {
      const ncells = terminateCell(ch === '\t');
      if (ch === '\n' || ch === '\f') {
        lines.push([]);
        if (ch === '\f' || ncells === 1) {
          // A '\f' always forces a flush. Otherwise, if the previous line has only one cell, which
          // does not have an impact on the formatting of the following lines (the last cell per line
          // is ignored by format()), we can flush the Writer contents.
          flush();
          if (ch === '\f' && opts.debug) chunks.push('---\n');
        }
      }
    } else {
      cell += ch;
    }
  }
  flush();
  return chunks.join('');
}

/**
 * A buffered tabwriter that supports explicit flushes (as describe's `DescribeEvents` does with
 * `w.Flush()`), mirroring the Go `io.Writer` + `Flush()` usage.
 */
export class TabWriter {
  private pending = '';
  private done: string[] = [];

  constructor(private readonly opts: TabwriterOptions) {}

  write(s: string): void {
    this.pending += s;
  }

  flush(): void {
    this.done.push(tabwrite(this.pending, this.opts));
    this.pending = '';
  }

  /** Flushes and returns everything written so far. */
  toString(): string {
    this.flush();
    return this.done.join('');
  }
}
