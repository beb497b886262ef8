/**
 * The command line, read by the specs: global flags anywhere, then the command's own flags and arguments. Every
 * mistake is a UsageError (exit 2) in the project's style: one sentence naming the command and the flag, and a
 * hint listing what would have been right.
 */
import { UsageError } from '../lib/errors.ts';
import { sanitizeText } from '../lib/sanitize.ts';
import { GLOBAL_FLAGS } from './globals.ts';
import {
  allFlagsOf,
  describeChoices,
  findSubcommand,
  flagLabel,
  flagsOf,
  lookupFlag,
  takesValue,
  type Choices,
  type CommandSpec,
  type FlagSpec,
  type Flags,
  type FlagValues,
  type ParsedFor,
  type PositionalSpec,
  type SubcommandSpec,
} from './spec.ts';
import { subcommandList, usageLine } from './usage.ts';

const quoted = (v: string): string => JSON.stringify(sanitizeText(v));

/** `library: --mood "sad" is not a mood anidex knows.` (`what` is the flag; none for an argument). */
function choiceError(prefix: string, what: string, value: string, c: Choices): UsageError {
  return new UsageError(
    `${prefix}${what ? `${what} ` : ''}${quoted(value)} is not ${c.one} anidex knows.`,
    `${c.many}: ${describeChoices(c)}.`,
  );
}

function readChoice(prefix: string, what: string, value: string, c: Choices): string {
  const hit = c.read ? c.read(value) : c.values.includes(value) ? value : null;
  if (hit === null) throw choiceError(prefix, what, value, c);
  return hit;
}

/** A flag's value as typed → its value (a checked choice, a whole number), or a usage error. */
function readValue(prefix: string, name: string, f: FlagSpec, value: string, usage: string): string | number {
  if (f.type === 'integer') {
    const n = /^[+-]?\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < f.min || (f.max !== undefined && n > f.max)) {
      const range = f.max === undefined ? `of ${f.min} or more` : `from ${f.min} to ${f.max}`;
      throw new UsageError(`${prefix}--${name} ${quoted(value)} is not a whole number ${range}.`, `Usage: ${usage}`);
    }
    return n;
  }
  if (f.type === 'string' && f.choices) return readChoice(prefix, `--${name}`, value, f.choices);
  return value;
}

interface Scan {
  values: Record<string, unknown>;
  /** Each flag given, as typed, by its long name. */
  given: Map<string, string>;
  positionals: string[];
}

/**
 * Read `args` against `flags`. `known` decides what an unknown flag is: an error (the command's flags), or an
 * argument left for later (the global pass, which leaves everything it does not know).
 */
function scan(
  args: readonly string[],
  flags: Flags,
  prefix: string,
  usage: () => string,
  onUnknown: (token: string) => 'keep',
): Scan {
  const out: Scan = { values: {}, given: new Map(), positionals: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.positionals.push(...args.slice(i));
      break;
    }
    const isLong = a.startsWith('--');
    const isShort = !isLong && a.length > 1 && a.startsWith('-') && !/^-\d/.test(a);
    if (!isLong && !isShort) {
      out.positionals.push(a);
      continue;
    }
    const eq = isLong ? a.indexOf('=') : -1;
    const token = isLong ? (eq === -1 ? a : a.slice(0, eq)) : a.slice(0, 2);
    const hit = lookupFlag(flags, token);
    // `-vx` is no spelling of `-v`: a short boolean flag stands alone.
    if (!hit || (isShort && a.length > 2 && hit[1].type === 'boolean')) {
      onUnknown(a);
      out.positionals.push(a);
      continue;
    }
    const [name, f] = hit;
    let inline: string | undefined = isLong
      ? eq === -1
        ? undefined
        : a.slice(eq + 1)
      : a.length > 2
        ? a.slice(2).replace(/^=/, '')
        : undefined;
    let value: string | number | true = true;
    if (takesValue(f)) {
      if (inline === undefined) {
        const next = args[i + 1];
        // `--search --json` is a forgotten value, not a search for "--json"; `--search=--json` says otherwise.
        if (next === undefined || next === '--' || next.startsWith('--')) {
          throw new UsageError(
            `${prefix}${flagLabel(name, f)} needs a value.`,
            next === undefined ? `Usage: ${usage()}` : `To give one starting with "--", write --${name}=${next}.`,
          );
        }
        inline = next;
        i++;
      }
      value = readValue(prefix, name, f, inline, usage());
    } else if (inline !== undefined) {
      throw new UsageError(`${prefix}--${name} takes no value (got ${quoted(a)}).`, `Usage: ${usage()}`);
    }
    if ('multiple' in f && f.multiple) {
      ((out.values[name] ??= []) as unknown[]).push(value);
    } else {
      const before = out.values[name];
      if (before !== undefined && before !== value) {
        throw new UsageError(
          `${prefix}--${name} is given twice (${quoted(String(before))} and ${quoted(String(value))}); give it once.`,
          `Usage: ${usage()}`,
        );
      }
      out.values[name] = value;
    }
    out.given.set(name, token);
  }
  return out;
}

interface Globals {
  values: FlagValues<typeof GLOBAL_FLAGS>;
  /** The command and everything after it, global flags taken out. */
  rest: string[];
}

/** The global flags, wherever they stand before `--`; everything else is left for the command. */
export function parseGlobals(argv: readonly string[]): Globals {
  const s = scan(
    argv,
    GLOBAL_FLAGS,
    '',
    () => 'anidex [global flags] <command> [flags]',
    () => 'keep',
  );
  return { values: s.values as FlagValues<typeof GLOBAL_FLAGS>, rest: s.positionals };
}

function unknownFlag(
  spec: CommandSpec,
  sub: SubcommandSpec | undefined,
  cmd: string,
  token: string,
  flags: Flags,
): UsageError {
  const name = token.replace(/^-+/, '').replace(/=.*$/, '');
  const absent = token.startsWith('--') ? spec.absentFlags?.[name] : undefined;
  if (absent) return new UsageError(absent.message, absent.hint);
  const elsewhere = spec.subcommands?.filter((s) => s.flags?.[name]).map((s) => `${spec.name} ${s.name}`) ?? [];
  const own = [
    ...Object.entries(flags)
      .filter(([, f]) => !f.hidden)
      .map(([n]) => `--${n}`),
    ...((sub ?? spec).json ? ['--json'] : []),
  ];
  const list = own.length ? `Its flags: ${own.join(', ')}` : 'It has no flags of its own';
  return new UsageError(
    `${cmd}: ${quoted(sanitizeText(token.replace(/=.*$/, '')))} is not a flag of ${cmd}.`,
    elsewhere.length
      ? `${token.replace(/=.*$/, '')} belongs to ${elsewhere.join(' and ')}.`
      : `${list}; \`anidex ${cmd} --help\` says what each does.`,
  );
}

/** Arguments by name: the `words` one takes what the others leave, joined by spaces. */
function assignPositionals(
  cmd: string,
  specs: readonly PositionalSpec[],
  given: string[],
  usage: string,
): Record<string, string | undefined> {
  const args: Record<string, string | undefined> = {};
  if (specs.length === 0) {
    if (given.length)
      throw new UsageError(`${cmd} takes no positional arguments (got ${quoted(given[0]!)}).`, `Usage: ${usage}`);
    return args;
  }
  const wordsAt = specs.findIndex((p) => p.takes === 'words');
  const after = wordsAt === -1 ? 0 : specs.length - wordsAt - 1;
  const missing = (p: PositionalSpec): UsageError =>
    new UsageError(p.missing ?? `${cmd} needs ${p.arg}.`, `Usage: ${usage}`);
  let rest = [...given];
  specs.forEach((p, i) => {
    let value: string | undefined;
    if (i === wordsAt) {
      const words = rest.slice(0, Math.max(0, rest.length - after));
      rest = rest.slice(words.length);
      value = words.length ? words.join(' ') : undefined;
    } else value = rest.shift();
    if (value === undefined) {
      if (p.takes !== 'optional') throw missing(p);
      return;
    }
    args[p.name] = p.choices ? readChoice(`${cmd}: `, '', value, p.choices) : value;
  });
  if (rest.length) throw new UsageError(`${cmd}: unexpected argument ${quoted(rest[0]!)}.`, `Usage: ${usage}`);
  return args;
}

/** The subcommand named first among the arguments (taken out of them), or the default one. */
function pickSubcommand(spec: CommandSpec, positionals: string[]): SubcommandSpec | undefined {
  if (!spec.subcommands?.length) return undefined;
  const named = findSubcommand(spec, positionals[0]);
  if (named) {
    positionals.shift();
    return named;
  }
  const hint = `Usage: ${spec.subcommands.map((s) => usageLine(spec, s)).join(' | ')}`;
  if (positionals.length === 0) {
    const fallback = findSubcommand(spec, spec.defaultSubcommand);
    if (fallback) return fallback;
    throw new UsageError(`${spec.name} needs a subcommand: ${subcommandList(spec)}.`, hint);
  }
  throw new UsageError(
    `${spec.name}: ${quoted(positionals[0]!)} is not a subcommand of ${spec.name}; it has ${subcommandList(spec)}.`,
    hint,
  );
}

/** A command's arguments (global flags already taken out) → its parsed flags and arguments, or a usage error. */
export function parseCommand<S extends CommandSpec>(
  spec: S,
  args: readonly string[],
  opts: { json?: boolean } = {},
): ParsedFor<S> {
  // Flags of every subcommand are read first: which subcommand it is shows only among the arguments.
  const all = allFlagsOf(spec);
  let cmd = spec.name;
  const s = scan(
    args,
    all,
    `${cmd}: `,
    () => usageLine(spec),
    (token) => {
      throw unknownFlag(spec, undefined, cmd, token, all);
    },
  );
  const dashes = s.positionals.indexOf('--');
  const positionals =
    dashes === -1 ? s.positionals : [...s.positionals.slice(0, dashes), ...s.positionals.slice(dashes + 1)];
  const sub = pickSubcommand(spec, positionals);
  if (sub) cmd = `${spec.name} ${sub.name}`;
  const usage = usageLine(spec, sub);
  const own = flagsOf(spec, sub);
  for (const [name, token] of s.given) if (!own[name]) throw unknownFlag(spec, sub, cmd, token, own);
  for (const [name, f] of Object.entries(own)) {
    if (f.type === 'string' && f.required && s.values[name] === undefined) {
      throw new UsageError(
        `${cmd} needs --${name}${f.choices ? `: one of ${f.choices.values.join(', ')}` : ` <${f.arg}>`}.`,
        `Usage: ${usage}`,
      );
    }
  }
  if (opts.json && !(sub ?? spec).json) {
    throw new UsageError(`${cmd} has no --json output.`, `Usage: ${usage}`);
  }
  const args2 = assignPositionals(cmd, (sub ?? spec).positionals ?? [], positionals, usage);
  return { command: cmd, sub: sub?.name, values: s.values as ParsedFor<S>['values'], args: args2, usage };
}
