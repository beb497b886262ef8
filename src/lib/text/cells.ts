import stringWidth from 'string-width';
import cliTruncate from 'cli-truncate';

// Widths come from string-width, truncation from cli-truncate and wrapping (wrap.ts) from wrap-ansi: the packages
// Ink itself uses, so a row anidex pads to the width is the row Ink draws, and never wraps. What is written here
// only keeps them fast. string-width segments text with Intl.Segmenter, about 2 µs a character, and in Node 20 in
// time quadratic in the text's length (160 000 "é" took 36 s). So: text made only of plain characters (below),
// whose widths string-width gives as 1 or 2 one by one and which never join into clusters (test/text.test.ts
// checks every one against string-width), is counted directly; long text is measured in pieces cut between two
// plain characters; other short text is remembered.

/** Printable ASCII, Latin-1 and Latin Extended-A/B but the soft hyphen, "…" (1 cell); kana, CJK ideographs (2). */
const PLAIN_TEXT = /^[\x20-\x7e\xa0-\xac\xae-\u024f\u2026\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff]*$/;
const WIDE_PLAIN = /[\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff]/g;

/** Text up to this many code units is measured whole (and remembered); longer text in pieces about this long. */
const PIECE = 1024;
const MEMO_SIZE = 5000;
const memo = new Map<string, number>();
/** Cut results, by width, side and text: a screen redraws the same rows on every key. */
const cuts = new Map<string, string>();

/**
 * How many terminal cells `text` takes, as Ink measures it (string-width): emoji and ZWJ sequences two cells, CJK
 * two, combining marks none.
 */
export function displayWidth(text: string): number {
  if (text.length <= PIECE) return measure(text);
  let total = 0;
  for (const piece of pieces(text)) total += measure(piece);
  return total;
}

function measure(text: string): number {
  if (PLAIN_TEXT.test(text)) return text.length + (text.match(WIDE_PLAIN)?.length ?? 0);
  let w = memo.get(text);
  if (w === undefined) {
    w = stringWidth(text);
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(text, w);
  }
  return w;
}

/** Cut `text` to at most `width` cells, ending in "…" when cut (cli-truncate, as Ink's own truncation). */
export function truncate(text: string, width: number, position: 'start' | 'end' = 'end'): string {
  if (width < 1) return '';
  if (displayWidth(text) <= width) return text;
  // Plain characters take a cell or two each: the `width + 1` kept at the cut's side cut the same as the whole.
  if (PLAIN_TEXT.test(text))
    return cut(position === 'end' ? text.slice(0, width + 1) : text.slice(-(width + 1)), width, position);
  if (text.length <= PIECE) return cut(text, width, position);
  return cutLong(text, width, position);
}

function cutLong(text: string, width: number, position: 'start' | 'end'): string {
  // Long text: only the end that is kept needs measuring. A piece wider than `width` cuts the same as the whole.
  const parts = [...pieces(text)];
  if (position === 'start') parts.reverse();
  let kept = '';
  let used = 0;
  for (const part of parts) {
    kept = position === 'end' ? kept + part : part + kept;
    used += displayWidth(part);
    if (used <= width) continue;
    if (kept.length <= 4 * PIECE) return cut(kept, width, position);
    // Thousands of zero-width characters before the cut: cut between clusters, without cli-truncate's measuring.
    const rows = chop(kept, width - 1);
    return position === 'end' ? `${rows[0]}…` : `…${rows.at(-1)}`;
  }
  return text;
}

function cut(text: string, width: number, position: 'start' | 'end'): string {
  const key = `${width}${position}${text}`;
  let t = cuts.get(key);
  if (t === undefined) {
    t = '';
    // cli-truncate 5 can end one cell over when the cut falls inside a wide character (sindresorhus/cli-truncate#28,
    // fixed only in 6, which needs Node 22): ask for a cell less until the result fits.
    for (let w = width; w >= 1; w--) {
      const c = cliTruncate(text, w, { position });
      if (displayWidth(c) <= width) {
        t = c;
        break;
      }
    }
    if (cuts.size >= MEMO_SIZE) cuts.clear();
    cuts.set(key, t);
  }
  return t;
}

/** Pad (or cut) `text` to exactly `width` cells. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const w = displayWidth(text);
  const t = w <= width ? text : truncate(text, width);
  const pad = ' '.repeat(Math.max(0, width - (t === text ? w : displayWidth(t))));
  return align === 'left' ? t + pad : pad + t;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Split `text` into pieces of at most `width` cells between grapheme clusters, so a ZWJ family or a letter with
 * its accent is never torn apart (a cluster wider than `width` is a piece of its own).
 */
export function chop(text: string, width: number): string[] {
  if (displayWidth(text) <= width) return [text];
  const out: string[] = [];
  let line = '';
  let used = 0;
  for (const piece of pieces(text)) {
    // A plain piece's characters are its clusters (no segmenting needed: see PLAIN_TEXT).
    const clusters = PLAIN_TEXT.test(piece) ? piece : Array.from(graphemes.segment(piece), (g) => g.segment);
    for (const segment of clusters) {
      const w = measure(segment);
      if (line && used + w > width) {
        out.push(line);
        line = '';
        used = 0;
      }
      line += segment;
      used += w;
    }
  }
  if (line) out.push(line);
  return out;
}

/**
 * A plain character: no grapheme rule joins it to its neighbour (it is never Prepend, Extend, SpacingMark, ZWJ, a
 * regional indicator, Hangul jamo or an Indic linker).
 */
function plain(c: number): boolean {
  return PLAIN_TEXT.test(String.fromCharCode(c));
}

/**
 * `text` in pieces of at most PIECE code units, each cut between two plain characters (always a grapheme
 * boundary, so the pieces' widths add up to the whole's) in its second half. Text with no such place in that
 * half (hundreds of emoji or combining marks in a row: never a real title) is cut anyway, between code points.
 */
function* pieces(text: string): Generator<string> {
  let start = 0;
  while (text.length - start > PIECE) {
    let end = start + PIECE;
    while (end > start + PIECE / 2 && !(plain(text.charCodeAt(end - 1)) && plain(text.charCodeAt(end)))) end--;
    if (end === start + PIECE / 2) {
      end = start + PIECE;
      const c = text.charCodeAt(end);
      if (c >= 0xdc00 && c <= 0xdfff) end--; // never split a surrogate pair
    }
    yield text.slice(start, end);
    start = end;
  }
  if (start < text.length) yield text.slice(start);
}
