import wrapAnsi from 'wrap-ansi';
import { chop, displayWidth, truncate } from './cells.ts';

export interface WrapOptions {
  /** Starts the first line of each paragraph. */
  indent?: string;
  /** Starts every later line of a paragraph (a hanging indent); defaults to `indent`. */
  hang?: string;
}

/**
 * `text` as lines of at most `width` cells: broken at spaces by wrap-ansi (as Ink wraps), keeping the text's own
 * line breaks. A word longer than a line is split between grapheme clusters. Lines that end up empty are ''.
 */
export function wrapLines(text: string, width: number, opts: WrapOptions = {}): string[] {
  const indent = opts.indent ?? '';
  const hang = opts.hang ?? indent;
  const firstRoom = Math.max(1, width - displayWidth(indent));
  const restRoom = Math.max(1, width - displayWidth(hang));
  const out: string[] = [];
  for (const para of text.split('\n')) {
    const [head = '', ...tail] = para.length > LONGEST_PROSE ? [para] : breakAtSpaces(para, firstRoom);
    const [first = '', ...over] = chop(head, firstRoom);
    out.push(first ? indent + first : '');
    // Loops, not spreads: a hostile 10 MiB title makes 100 000 lines, more arguments than a call takes.
    const later = (l: string): void => void out.push(l ? hang + l : '');
    for (const p of over) for (const l of chop(p, restRoom)) later(l);
    if (tail.length)
      for (const t of breakAtSpaces(tail.join(' '), restRoom)) for (const l of chop(t, restRoom)) later(l);
  }
  return out;
}

/**
 * A paragraph longer than this (code units) is never prose a person wrote: it is cut by width alone, since
 * wrap-ansi's measuring takes time quadratic in a word's length (see cells.ts).
 */
const LONGEST_PROSE = 4096;

// wrap-ansi measures with its own string-width (7), which differs from Ink's (8) on a few characters; chop()
// above re-measures every line with Ink's.
function breakAtSpaces(text: string, width: number): string[] {
  return wrapAnsi(text, width, { hard: false, trim: true, wordWrap: true }).split('\n');
}

/**
 * At most `rows` lines: when the wrapped text needs more, the last line holds the rest cut to the width, ending
 * in "…", so a reader sees that text goes on.
 */
export function clampLines(lines: readonly string[], rows: number, width: number): string[] {
  if (lines.length <= rows) return [...lines];
  const last = [lines[rows - 1]!, ...lines.slice(rows).map((l) => l.trim())].join(' ');
  return [...lines.slice(0, rows - 1), truncate(last, width)];
}
