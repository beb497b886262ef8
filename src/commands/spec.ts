/**
 * Commands as data. Every CLI command is one `CommandSpec` (src/commands/specs/): its flags with their types,
 * allowed values and descriptions, its arguments, subcommands and examples. The parser (parse.ts), `--help`
 * (help.ts), shell completion (complete.ts) and the README's CLI table (readme-table.ts) are all read from it, so
 * a flag exists everywhere or nowhere. Specs stay light: they import only constants, and name their handler
 * through `load`, a dynamic import, so that `--help`, `--version` and completion never load Ink or sql.js.
 */
import type { CommandContext } from './context.ts';

/** A fixed set of values a flag or an argument takes. */
export interface Choices<V extends string = string> {
  readonly values: readonly V[];
  /** One value, with its article, for errors: "a mood" → `--mood "sad" is not a mood anidex knows.` */
  readonly one: string;
  /** The values' heading in hints: "Moods". */
  readonly many: string;
  /** What each value means, for help and hints. */
  readonly meaning?: Readonly<Partial<Record<V, string>>>;
  /** The value meant by what was typed, when its spelling may vary (case, hyphens); exact when absent. */
  readonly read?: (typed: string) => V | null;
}

/**
 * Where completion finds values that no list fixes: files and folders from the shell; genres from the
 * warehouse, those of the library's titles (`library-genre`) or of all its anime metadata (`known-genre`, what
 * `recommend` accepts); command names.
 */
export type ValueSource = 'file' | 'dir' | 'library-genre' | 'known-genre' | 'command';

interface FlagBase {
  readonly description: string;
  /** A one-letter alias: `-s` for `--search`. */
  readonly short?: string;
  /** Left out of help, completion and the README (kept working). */
  readonly hidden?: boolean;
}

interface BooleanFlag extends FlagBase {
  readonly type: 'boolean';
}

interface StringFlag extends FlagBase {
  readonly type: 'string';
  /** The value's name in usage lines: `--search <text>`. */
  readonly arg: string;
  /** May be given more than once; the values come as a list. */
  readonly multiple?: boolean;
  readonly choices?: Choices;
  readonly complete?: ValueSource;
  /** The command cannot run without it. */
  readonly required?: boolean;
}

interface IntegerFlag extends FlagBase {
  readonly type: 'integer';
  readonly arg: string;
  readonly min: number;
  readonly max?: number;
  /** Shown in help; the handler applies it. */
  readonly default?: number;
}

export type FlagSpec = BooleanFlag | StringFlag | IntegerFlag;
export type Flags = Readonly<Record<string, FlagSpec>>;

export interface PositionalSpec {
  /** Its key in `Parsed.args`. */
  readonly name: string;
  /** How usage lines show it: `<title | trakt id>`. */
  readonly arg: string;
  readonly description: string;
  /** One word (the default), maybe none, or one or more words joined by spaces (a title typed without quotes). */
  readonly takes?: 'one' | 'optional' | 'words';
  readonly choices?: Choices;
  readonly complete?: ValueSource;
  /** The usage error when it is missing; else `<command> needs <arg>.` */
  readonly missing?: string;
}

export interface SubcommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly positionals?: readonly PositionalSpec[];
  /** Flags of this subcommand only (the command's own flags apply to every subcommand). */
  readonly flags?: Flags;
  /** What `--json` prints here; absent: this subcommand has no JSON form. */
  readonly json?: string;
}

/** A flag a command deliberately lacks, with the reason given when someone tries it. */
interface AbsentFlag {
  readonly message: string;
  readonly hint: string;
}

export interface CommandSpec {
  readonly name: string;
  /** One line, for `anidex --help` and the README's table. */
  readonly summary: string;
  /** More, for `anidex <command> --help`. */
  readonly description?: string;
  readonly positionals?: readonly PositionalSpec[];
  readonly flags?: Flags;
  readonly subcommands?: readonly SubcommandSpec[];
  /** The subcommand run when none is named (`anidex plan` lists). */
  readonly defaultSubcommand?: string;
  /** What `--json` prints; absent: the command has no JSON form and refuses `--json`. */
  readonly json?: string;
  readonly absentFlags?: Readonly<Record<string, AbsentFlag>>;
  /** Whole command lines, each checked against this spec by the tests. */
  readonly examples?: readonly string[];
  /** false: runs without the data dir (no warehouse, no demo, no moving of old files). */
  readonly usesData?: boolean;
  /** `--demo` is refused, with this reason. */
  readonly noDemo?: AbsentFlag;
  /** Left out of help, completion and the README. */
  readonly hidden?: boolean;
  /** The handler, loaded only when the command runs. */
  readonly load: () => Promise<CommandModule>;
}

type FlagValue<F> = F extends { type: 'boolean' }
  ? boolean
  : F extends { type: 'integer' }
    ? number
    : F extends { choices: Choices<infer V> }
      ? F extends { multiple: true }
        ? V[]
        : V
      : F extends { multiple: true }
        ? string[]
        : string;

/** The parsed values of a set of flags: absent when not given, lists for repeatable flags, choices typed. */
export type FlagValues<F extends Flags> = { -readonly [K in keyof F]?: FlagValue<F[K]> };

export interface Parsed<F extends Flags = Flags> {
  /** The command, with its subcommand when it has one: `plan add`. */
  readonly command: string;
  readonly sub: string | undefined;
  readonly values: FlagValues<F>;
  /** Arguments by name; the parser has checked that every required one is there. */
  readonly args: Readonly<Record<string, string | undefined>>;
  /** The usage line of the command (or subcommand), for hints. */
  readonly usage: string;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type SubcommandFlags<S> = S extends { subcommands: readonly (infer X)[] }
  ? X extends { flags: infer F }
    ? F
    : Record<never, never>
  : Record<never, never>;

/** Every flag a command's handler may see: the command's own and those of each of its subcommands. */
type SpecFlags<S extends CommandSpec> = (S['flags'] extends Flags ? S['flags'] : Record<never, never>) &
  UnionToIntersection<SubcommandFlags<S>>;

/** What the parser hands the handler of `S`. */
export type ParsedFor<S extends CommandSpec> = Parsed<SpecFlags<S>>;

/**
 * A command's handler module. `run` is a method so that each handler may take the `Parsed` of its own spec's flags
 * (method parameters are compared both ways), while the registry holds them all as one type.
 */
interface CommandModule {
  run(parsed: Parsed, ctx: CommandContext): Promise<number>;
}

/** A spec, its literal types kept (so `FlagValues<typeof spec.flags>` knows each flag's type). */
export function defineCommand<const S extends CommandSpec>(spec: S): S {
  return spec;
}

/** A set of flags, literal types kept; for flags shared between commands. */
export function defineFlags<const F extends Flags>(flags: F): F {
  return flags;
}

export function defineChoices<V extends string>(c: Choices<V>): Choices<V> {
  return c;
}

/** The flags in effect for a subcommand (or the command when it has none): the command's, then the subcommand's. */
export function flagsOf(spec: CommandSpec, sub?: SubcommandSpec): Flags {
  return { ...spec.flags, ...sub?.flags };
}

/** Every flag of a command across its subcommands. */
export function allFlagsOf(spec: CommandSpec): Flags {
  return Object.assign({}, spec.flags, ...(spec.subcommands ?? []).map((s) => s.flags ?? {}));
}

export function findSubcommand(spec: CommandSpec, name: string | undefined): SubcommandSpec | undefined {
  return name === undefined ? undefined : spec.subcommands?.find((s) => s.name === name);
}

/** The flag called `--name` or `-x`, with its long name. */
export function lookupFlag(flags: Flags, token: string): [string, FlagSpec] | undefined {
  if (token.startsWith('--')) {
    const name = token.slice(2);
    const f = flags[name];
    return f ? [name, f] : undefined;
  }
  const short = token.slice(1);
  const hit = Object.entries(flags).find(([, f]) => f.short === short);
  return hit;
}

export function takesValue(f: FlagSpec): f is StringFlag | IntegerFlag {
  return f.type !== 'boolean';
}

/** `--genre <genre>`, `-s, --search <text>` (with `short`), `--json`. */
export function flagLabel(name: string, f: FlagSpec, withShort = false): string {
  const long = `--${name}${takesValue(f) ? ` <${f.arg}>` : ''}`;
  return withShort && f.short ? `-${f.short}, ${long}` : long;
}

/** How one value is listed: `short (under 5 h)` when it has a meaning. */
export function describeChoices(c: Choices): string {
  return c.values.map((v) => (c.meaning?.[v] ? `${v} (${c.meaning[v]})` : v)).join(', ');
}
