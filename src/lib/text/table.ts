import { displayWidth, fit, truncate } from './cells.ts';

/**
 * One column of a table, as the CLI's tables and the TUI's lists both declare it: a header, how to get a row's
 * value, and how the column behaves when the table must fit a width.
 */
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

/** Cells between two columns. */
const GAP = 2;

/** Which columns are shown, in order, and how wide each is. */
export interface TableLayout<T> {
  columns: ReadonlyArray<Column<T>>;
  widths: readonly number[];
  /** The width the layout was fitted to; null: none (every value whole). */
  width: number | null;
}

/**
 * Columns fitted to `width` from each column's widest value (`natural`, header included): columns with a `drop` go
 * while the rest do not fit, flexible columns share what is left by weight, a cell at a time, never past their
 * widest value. With `null` (a pipe) every column takes its widest value.
 */
export function layoutTable<T>(
  columns: ReadonlyArray<Column<T>>,
  natural: readonly number[],
  width: number | null,
): TableLayout<T> {
  const shown = columns.map((_, i) => i);
  const weight = (i: number): number => (columns[i]!.flex === true ? 1 : Number(columns[i]!.flex ?? 0));
  const least = (i: number): number => (weight(i) > 0 ? Math.min(natural[i]!, columns[i]!.min ?? 8) : natural[i]!);
  const needed = (): number => shown.reduce((n, i) => n + least(i), 0) + GAP * (shown.length - 1);
  if (width !== null) {
    const droppable = shown
      .filter((i) => columns[i]!.drop !== undefined)
      .sort((a, b) => columns[a]!.drop! - columns[b]!.drop!);
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
  return { columns: shown.map((i) => columns[i]!), widths: shown.map((i) => widths.get(i)!), width };
}

/**
 * Each column's widest value over `cells` (one array of values per row, in column order), its header included.
 * With `cap`, a column is measured only until it reaches `cap` cells (a table fitted to a width needs no more than
 * width + 1 to lay out as it would with every value measured).
 */
export function naturalWidths<T>(
  columns: ReadonlyArray<Column<T>>,
  cells: ReadonlyArray<readonly string[]>,
  cap = Infinity,
): number[] {
  return columns.map((c, i) =>
    widest(
      cells.map((row) => row[i]!),
      displayWidth(c.header),
      cap,
    ),
  );
}

/**
 * The widest of `values` after `clean` (at least `least`, measured at most to `cap`). A value no wider at most
 * than the widest so far is not measured: measuring text beyond plain characters costs tens of microseconds a
 * value, which over a 10 000-title library was a visible wait before the first frame.
 */
export function widest(
  values: Iterable<string>,
  least = 0,
  cap = Infinity,
  clean: (v: string) => string = (v) => v,
): number {
  let max = least;
  for (const v of values) {
    if (max >= cap) return max;
    // `clean` only removes characters (sanitising), so the raw text bounds the clean width too.
    if (mostCells(v) > max) max = Math.max(max, displayWidth(clean(v)));
  }
  return max;
}

/** The most cells `text` can take: one per UTF-16 unit, two for units where wide characters live (U+1100 up). */
function mostCells(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x1100) n++;
  return n;
}

/**
 * One row of the table: the values of the shown columns (`valueOf` gives a column's value), each padded or cut to its
 * width, GAP cells apart; fitted to the layout's width, the whole row is cut to it.
 */
export function tableRow<T>(layout: TableLayout<T>, valueOf: (column: Column<T>) => string): string {
  const text = layout.columns
    .map((c, k) => fit(valueOf(c), layout.widths[k]!, c.align))
    .join(' '.repeat(GAP))
    .trimEnd();
  return layout.width === null ? text : truncate(text, layout.width);
}

/** The header row of a layout. */
export function headerRow<T>(layout: TableLayout<T>): string {
  return tableRow(layout, (c) => c.header);
}
