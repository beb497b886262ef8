import { sanitizeText } from '../domain/sanitize.ts';
import { displayWidth, fit, truncate } from '../lib/text/cells.ts';
import { wrapLines } from '../lib/text/wrap.ts';

export interface Column<T> {
  header: string;
  value: (row: T) => string;
  align?: 'left' | 'right';
  /**
   * On a terminal, flexible columns share what the others leave (a weight: `true` is 1), each at least `min`
   * cells and at most its widest value; values cut with "…". Other columns keep their widest value.
   */
  flex?: boolean | number;
  min?: number;
  /** On a terminal too narrow for every column, columns with a `drop` are left out, lowest first. */
  drop?: number;
}

const GAP = 2;

/**
 * Plain-text table, columns two spaces apart; every cell is sanitised (titles come from exports). With a width (a
 * terminal), the table fits it: columns with a `drop` go while the rest do not fit, flexible columns share what
 * is left, and a row that still does not fit is cut rather than folded. With `null` (a pipe), every value is
 * printed whole and columns take their widest value, so `anidex library | grep` finds any title and `less -S`
 * shows aligned columns.
 */
export function renderTable<T>(rows: readonly T[], columns: ReadonlyArray<Column<T>>, width: number | null): string {
  const cells = rows.map((r) => columns.map((c) => sanitizeText(c.value(r))));
  const natural = columns.map((c, i) => cells.reduce((w, row) => Math.max(w, displayWidth(row[i]!)), displayWidth(c.header)));
  const shown = columns.map((_, i) => i);
  const weight = (i: number): number => (columns[i]!.flex === true ? 1 : Number(columns[i]!.flex ?? 0));
  const least = (i: number): number => (weight(i) > 0 ? Math.min(natural[i]!, columns[i]!.min ?? 8) : natural[i]!);
  const needed = (): number => shown.reduce((n, i) => n + least(i), 0) + GAP * (shown.length - 1);
  if (width !== null) {
    const droppable = shown.filter((i) => columns[i]!.drop !== undefined).sort((a, b) => columns[a]!.drop! - columns[b]!.drop!);
    while (needed() > width && droppable.length) shown.splice(shown.indexOf(droppable.shift()!), 1);
  }
  const widths = new Map(shown.map((i) => [i, width === null ? natural[i]! : least(i)]));
  if (width !== null) {
    // Share the room left by weight, a cell at a time, never past a column's widest value.
    let room = width - needed();
    const growing = shown.filter((i) => weight(i) > 0);
    const given = new Map(growing.map((i) => [i, 0]));
    while (room > 0) {
      const open = growing.filter((i) => widths.get(i)! < natural[i]!);
      if (!open.length) break;
      const next = open.reduce((a, b) => (given.get(a)! / weight(a) <= given.get(b)! / weight(b) ? a : b));
      widths.set(next, widths.get(next)! + 1);
      given.set(next, given.get(next)! + 1);
      room--;
    }
  }
  const line = (vals: string[]): string => {
    const text = shown.map((i) => fit(vals[i]!, widths.get(i)!, columns[i]!.align)).join(' '.repeat(GAP)).trimEnd();
    return width === null ? text : truncate(text, width);
  };
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n');
}

/**
 * The width output is laid out to: the terminal's when `stream` is one, null when it is piped or redirected
 * (tables then print every value whole, and text is not wrapped: the reader is a program, or a pager).
 */
export function outputWidth(stream: NodeJS.WriteStream = process.stdout): number | null {
  return stream.isTTY && stream.columns ? stream.columns : null;
}

/**
 * `text` for `stream`: on a terminal, each line longer than the terminal wraps at spaces, its continuation indented
 * `hang` cells (default 2) past the line's own indent; piped, unchanged.
 */
export function wrapForStream(text: string, stream: NodeJS.WriteStream = process.stdout, hang = 2): string {
  const width = outputWidth(stream);
  if (width === null) return text;
  return text
    .split('\n')
    .flatMap((line) => {
      if (displayWidth(line) <= width) return [line];
      const lead = /^ */.exec(line)![0];
      return wrapLines(line.slice(lead.length), width, { indent: lead, hang: lead + ' '.repeat(hang) });
    })
    .join('\n');
}

/**
 * JSON on stdout. JSON.stringify escapes C0 controls but leaves DEL, the C1 controls (U+009B is CSI to many
 * terminals) and bidi overrides raw; escaping them too keeps every value the same and the terminal safe.
 */
export function printJson(value: unknown): void {
  const text = JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  process.stdout.write(text + '\n');
}

/** A line (or lines) on stdout; wrapped to the terminal when stdout is one. */
export function print(text = ''): void {
  process.stdout.write(wrapForStream(text) + '\n');
}

/** `2026-05-01T12:00:00.000Z` → `2026-05-01 12:00`. */
export function shortTime(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : '—';
}

export function shortDate(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '—';
}

/**
 * Progress on stderr: a redrawn bar on a terminal, one plain line per step otherwise (logs, CI, pipes).
 */
export class Progress {
  private readonly tty: boolean;
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly quiet = false,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  bar(label: string, done: number, total: number, detail = ''): void {
    if (this.quiet) return;
    if (!this.tty) {
      this.stream.write(`${label} ${done}/${total}${detail ? ` ${sanitizeText(detail)}` : ''}\n`);
      return;
    }
    const now = Date.now();
    if (done < total && now - this.lastDraw < 50) return; // redraw at most 20 times a second
    this.lastDraw = now;
    const cols = this.stream.columns || 80;
    const pct = total > 0 ? done / total : 1;
    const barWidth = Math.max(10, Math.min(30, cols - 40));
    const filled = Math.round(pct * barWidth);
    const text = `${label} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${Math.round(pct * 100)}% ${sanitizeText(detail)}`;
    this.stream.write(`\r${fit(text, cols - 1)}`);
    this.drawn = true;
  }

  /** A short state ("silver…"): redrawn in place on a terminal, a plain line otherwise. */
  status(text: string): void {
    if (this.quiet) return;
    if (!this.tty) {
      this.stream.write(text + '\n');
      return;
    }
    this.stream.write(`\r${fit(sanitizeText(text), (this.stream.columns || 80) - 1)}`);
    this.drawn = true;
  }

  line(text: string): void {
    if (this.quiet) return;
    this.clear();
    this.stream.write(text + '\n');
  }

  clear(): void {
    if (this.tty && this.drawn) {
      this.stream.write(`\r${' '.repeat((this.stream.columns || 80) - 1)}\r`);
      this.drawn = false;
    }
  }
}
