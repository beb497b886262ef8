import { sanitizeText } from '../../lib/sanitize.ts';
import { clampLines, wrapLines } from '../../lib/text/wrap.ts';
import type { FrameLine } from './screen.tsx';

/**
 * Untrusted text as frame rows of at most `width` cells, sanitised, keeping its line breaks; `indent` starts each
 * row, and a paragraph's own leading spaces (the summaries indent their detail lines) start each of its rows. With
 * `maxRows`, the last row holds the rest, cut with "…".
 */
export function wrapText(
  text: string,
  width: number,
  indent = '',
  tone?: FrameLine['tone'],
  maxRows = Infinity,
): FrameLine[] {
  const rows = text.split('\n').flatMap((para) => {
    const lead = indent + /^ */.exec(para)![0];
    return wrapLines(sanitizeText(para.trimStart()), width, { indent: lead }).map((line) => line || lead);
  });
  return clampLines(rows, maxRows, width).map((line) => ({ text: line, tone }));
}
