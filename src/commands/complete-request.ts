/**
 * `anidex __complete <shell> …`: the hidden command the completion scripts call at each Tab. bash hands over the
 * line up to the cursor (its own words split at `=` and `:`); zsh and fish hand over the words, the current last.
 * Candidates go to stdout one a line in the shell's form, then a last line saying whether file or folder names
 * should be offered too (`:file`, `:dir`, or `:`). Nothing is ever printed on stderr, and the exit code is 0.
 */
import { completeWords, type Completion, type GenreLookup } from './complete.ts';
import { bashEscape, splitLine, unquote, type SplitLine } from './shell-words.ts';

const noGenres: GenreLookup = async () => [];

/** Genres need the warehouse (sql.js): loaded only when a genre is being completed; a failure offers none. */
const lazyGenres: GenreLookup = async (source, where) => {
  try {
    const { warehouseGenres } = await import('./completion-genres.ts');
    return await warehouseGenres(source, where);
  } catch {
    return noGenres(source, where);
  }
};

function lines(shell: string, c: Completion, openQuote: SplitLine['openQuote']): string[] {
  // zsh's _describe reads `value:description`; fish reads `value<Tab>description`; bash takes the word alone,
  // and after `--flag=` it completes only what follows the `=` (a word break to bash).
  const oneLine = (s: string): string => s.replace(/\s+/g, ' ');
  if (shell === 'bash') return c.candidates.map((x) => bashEscape(x.value, openQuote));
  const full = (v: string): string => (c.prefix ?? '') + v;
  if (shell === 'zsh')
    return c.candidates.map(
      (x) => full(x.value).replace(/:/g, '\\:') + (x.description ? `:${oneLine(x.description)}` : ''),
    );
  return c.candidates.map((x) => full(x.value) + (x.description ? `\t${oneLine(x.description)}` : ''));
}

export async function runCompleteRequest(argv: readonly string[], genres: GenreLookup = lazyGenres): Promise<number> {
  const [shell = '', ...rest] = argv;
  let before: string[];
  let current: string;
  let openQuote: SplitLine['openQuote'] = '';
  if (shell === 'bash') {
    const split = splitLine(rest[0] ?? '');
    before = split.words.slice(1);
    current = split.current;
    openQuote = split.openQuote;
  } else {
    before = rest.slice(0, -1).map(unquote);
    current = unquote(rest.at(-1) ?? '');
  }
  try {
    const c = await completeWords(before, current, genres);
    process.stdout.write([...lines(shell, c, openQuote), `:${c.fallback ?? ''}`].join('\n') + '\n');
  } catch {
    process.stdout.write(':\n');
  }
  return 0;
}
