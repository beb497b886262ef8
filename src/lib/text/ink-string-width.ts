import stringWidth from 'string-width';
import { displayWidth } from './cells.ts';

/**
 * string-width as Ink imports it in the bundle (scripts/build.mjs points Ink's and widest-line's `string-width` here).
 * Ink measures every line of every frame again (widest-line on each text node, and each character when it builds
 * the output), and string-width segments any line that is not plain ASCII: a library row with a "·" or a "…" took
 * 30–50 µs, about 1.3 ms of each key's frame at 100 columns, and most of its garbage. displayWidth gives the same
 * widths (plain characters counted, the rest asked of string-width once and remembered); with options other than
 * the defaults Ink never passes, string-width itself answers.
 */
export default function inkStringWidth(
  text: string,
  options?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean },
): number {
  if (typeof text !== 'string' || text.length === 0) return 0;
  if (options && (options.ambiguousIsNarrow === false || options.countAnsiEscapeCodes))
    return stringWidth(text, options);
  return displayWidth(text);
}
