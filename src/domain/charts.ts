const BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A horizontal bar of `value / max` over `width` cells, drawn with eighth blocks. */
export function hbar(value: number, max: number, width: number): string {
  if (max <= 0 || value <= 0) return '';
  const eighths = Math.max(1, Math.round((value / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + BLOCKS[eighths % 8];
}

/** Fill the months between the first and last present one with zero, so a chart shows gaps honestly. */
export function fillMonths(rows: ReadonlyArray<{ month: string; plays: number }>): Array<{ month: string; plays: number }> {
  if (rows.length === 0) return [];
  const have = new Map(rows.map((r) => [r.month, r.plays]));
  const out: Array<{ month: string; plays: number }> = [];
  let [y, m] = rows[0]!.month.split('-').map(Number) as [number, number];
  const last = rows[rows.length - 1]!.month;
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ month: key, plays: have.get(key) ?? 0 });
    if (key >= last) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
