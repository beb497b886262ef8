/**
 * Shell completion, read from the specs: what may come next on a command line. The shell scripts
 * (completion-scripts.ts) ask `anidex __complete` at each Tab, so completion always matches the anidex installed.
 */
import { GLOBAL_FLAGS } from './globals.ts';
import {
  allFlagsOf,
  findSubcommand,
  flagsOf,
  lookupFlag,
  takesValue,
  type CommandSpec,
  type FlagSpec,
  type Flags,
  type PositionalSpec,
  type SubcommandSpec,
  type ValueSource,
} from './spec.ts';
import { COMMANDS, findCommand } from './specs/index.ts';

export interface Candidate {
  value: string;
  description?: string;
}

export interface Completion {
  candidates: Candidate[];
  /** The shell should offer file (or folder) names too. */
  fallback?: 'file' | 'dir';
  /** The current word is `--flag=…`: this is its `--flag=` part, which candidates leave out. */
  prefix?: string;
}

/** Where genres are read: the warehouse the line names (`--data-dir`, `--demo`), else the person's own. */
interface DataChoice {
  dataDir?: string;
  demo?: boolean;
}

/** The genres completion offers; reading the warehouse is the caller's business (it loads sql.js). */
export type GenreLookup = (
  source: Extract<ValueSource, 'library-genre' | 'known-genre'>,
  where: DataChoice,
) => Promise<readonly string[]>;

interface LineState {
  cmd?: CommandSpec;
  sub?: SubcommandSpec;
  /** Arguments given so far (to the subcommand when there is one). */
  argCount: number;
  afterDashes: boolean;
  /** A flag whose value is the next word. */
  pending?: [string, FlagSpec];
  used: Set<string>;
  where: DataChoice;
  /** The line went somewhere completion knows nothing of (an unknown command). */
  lost: boolean;
}

function flagsInScope(s: LineState): Flags {
  if (!s.cmd) return GLOBAL_FLAGS;
  const own = s.sub
    ? flagsOf(s.cmd, s.sub)
    : s.cmd.subcommands?.length
      ? flagsOf(s.cmd, findSubcommand(s.cmd, s.cmd.defaultSubcommand))
      : allFlagsOf(s.cmd);
  return { ...own, ...GLOBAL_FLAGS };
}

function isFlagWord(w: string, s: LineState): boolean {
  return !s.afterDashes && w.length > 1 && w.startsWith('-') && !/^-\d/.test(w);
}

function readWords(words: readonly string[]): LineState {
  const s: LineState = { argCount: 0, afterDashes: false, used: new Set(), where: {}, lost: false };
  for (const w of words) {
    if (s.pending) {
      if (s.pending[0] === 'data-dir') s.where.dataDir = w;
      s.pending = undefined;
    } else if (!s.afterDashes && w === '--') {
      s.afterDashes = true;
    } else if (isFlagWord(w, s)) {
      const eq = w.startsWith('--') ? w.indexOf('=') : -1;
      const hit = lookupFlag(flagsInScope(s), eq === -1 ? (w.startsWith('--') ? w : w.slice(0, 2)) : w.slice(0, eq));
      if (!hit) continue;
      const [name, f] = hit;
      s.used.add(name);
      if (name === 'demo') s.where.demo = true;
      if (name === 'data-dir' && eq !== -1) s.where.dataDir = w.slice(eq + 1);
      if (takesValue(f) && eq === -1 && (w.startsWith('--') || w.length === 2)) s.pending = hit;
    } else if (!s.cmd) {
      s.cmd = findCommand(w);
      if (!s.cmd) s.lost = true;
    } else if (s.cmd.subcommands?.length && !s.sub) {
      s.sub = findSubcommand(s.cmd, w) ?? findSubcommand(s.cmd, s.cmd.defaultSubcommand);
      if (s.sub?.name !== w) s.argCount++;
    } else s.argCount++;
    if (s.lost) break;
  }
  return s;
}

const startsWith = (value: string, typed: string): boolean => value.toLowerCase().startsWith(typed.toLowerCase());

async function valuesOf(
  source: FlagSpec | PositionalSpec,
  where: DataChoice,
  genres: GenreLookup,
): Promise<Completion> {
  const choices = 'choices' in source ? source.choices : undefined;
  if (choices) return { candidates: choices.values.map((v) => ({ value: v, description: choices.meaning?.[v] })) };
  const complete = 'complete' in source ? source.complete : undefined;
  switch (complete) {
    case 'file':
    case 'dir':
      return { candidates: [], fallback: complete };
    case 'command':
      return { candidates: COMMANDS.filter((c) => !c.hidden).map((c) => ({ value: c.name, description: c.summary })) };
    case 'library-genre':
    case 'known-genre':
      return { candidates: (await genres(complete, where)).map((g) => ({ value: g })) };
    default:
      return { candidates: [] };
  }
}

/** The positional the next argument fills, when it is known (after a run of words it is not). */
function nextPositional(specs: readonly PositionalSpec[], given: number): PositionalSpec | undefined {
  const wordsAt = specs.findIndex((p) => p.takes === 'words');
  if (wordsAt !== -1 && given >= wordsAt) return given === wordsAt ? specs[wordsAt] : undefined;
  return specs[given];
}

function filtered(c: Completion, typed: string): Completion {
  return { ...c, candidates: c.candidates.filter((x) => startsWith(x.value, typed)) };
}

/**
 * What may stand in the current word, given the words before it (after `anidex`, unquoted). Candidates start with
 * what is typed, ignoring case; flags already given are not offered again unless they repeat.
 */
export async function completeWords(
  before: readonly string[],
  current: string,
  genres: GenreLookup,
): Promise<Completion> {
  const s = readWords(before);
  if (s.lost) return { candidates: [] };
  if (s.pending) return filtered(await valuesOf(s.pending[1], s.where, genres), current);
  if (isFlagWord(current, s)) {
    const eq = current.startsWith('--') ? current.indexOf('=') : -1;
    if (eq !== -1) {
      const hit = lookupFlag(flagsInScope(s), current.slice(0, eq));
      if (!hit || !takesValue(hit[1])) return { candidates: [] };
      return {
        ...filtered(await valuesOf(hit[1], s.where, genres), current.slice(eq + 1)),
        prefix: current.slice(0, eq + 1),
      };
    }
    const json = s.cmd ? Boolean((s.sub ?? findSubcommand(s.cmd, s.cmd.defaultSubcommand) ?? s.cmd).json) : true;
    const flags = Object.entries(flagsInScope(s)).filter(([name, f]) => {
      if (f.hidden || (name === 'json' && !json)) return false;
      return !s.used.has(name) || (f.type === 'string' && f.multiple);
    });
    return filtered(
      { candidates: flags.map(([name, f]) => ({ value: `--${name}`, description: f.description })) },
      current,
    );
  }
  if (!s.cmd)
    return filtered(
      { candidates: COMMANDS.filter((c) => !c.hidden).map((c) => ({ value: c.name, description: c.summary })) },
      current,
    );
  if (s.cmd.subcommands?.length && !s.sub) {
    const subs = s.cmd.subcommands.map((x) => ({ value: x.name, description: x.summary }));
    return filtered({ candidates: subs }, current);
  }
  const next = nextPositional((s.sub ?? s.cmd).positionals ?? [], s.argCount);
  return next ? filtered(await valuesOf(next, s.where, genres), current) : { candidates: [] };
}
