/** A bash command line as bash splits it into words (quotes and backslashes), for completion. */

export interface SplitLine {
  /** The finished words, unquoted. */
  words: string[];
  /** The word being typed (unquoted), '' after a space. */
  current: string;
  /** The quote left open in the current word, if any: what is inserted then goes inside it. */
  openQuote: '' | '"' | "'";
}

export function splitLine(line: string): SplitLine {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '' | '"' | "'" = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = '';
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = '';
      else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) word += line[++i];
      else word += c;
    } else if (c === '\\') {
      if (i + 1 < line.length) word += line[++i];
      inWord = true;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  return { words, current: inWord ? word : '', openQuote: quote };
}

/** Quotes and backslashes taken out of a word as typed (zsh and fish hand some words over as typed). */
export function unquote(word: string): string {
  const s = splitLine(word);
  return [...s.words, s.current].join(' ');
}

/** `value` as it must be typed in bash: special characters escaped, or, inside an open quote, only what ends it. */
export function bashEscape(value: string, openQuote: SplitLine['openQuote']): string {
  if (openQuote === "'") return value.replace(/'/g, `'\\''`);
  if (openQuote === '"') return value.replace(/(["\\$`])/g, '\\$1');
  return value.replace(/([^\w\-.,:+/@%=^])/g, '\\$1');
}
