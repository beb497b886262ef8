import { statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { withWarehouse } from '../app/open-warehouse.ts';
import { writeFileAtomic } from '../lib/atomic-file.ts';
import { buildExport, type BuiltExport, type ExportFormat } from '../app/export.ts';
import { sanitizeText } from '../lib/sanitize.ts';
import { AnidexError, UsageError } from '../lib/errors.ts';
import type { CommandContext } from './context.ts';
import { print, printJson, wrapForStream } from './output.ts';
import { previewList } from '../lib/list-preview.ts';
import type { Parsed } from './spec.ts';
import type { EXPORT_FLAGS } from './specs/export.ts';

const FORMAT_NAMES: Readonly<Record<ExportFormat, string>> = {
  'mal-xml': 'MyAnimeList XML',
  csv: 'CSV',
  json: 'JSON',
};

/**
 * `anidex export`: the file goes to `--out` (replaced atomically, like `>` but never half-written) or to stdout,
 * in which case every message goes to stderr so that `anidex export --format csv > lib.csv` holds only the CSV.
 */
export async function run({ values, usage }: Parsed<typeof EXPORT_FLAGS>, ctx: CommandContext): Promise<number> {
  // The spec requires --format, and its choices are EXPORT_FORMATS.
  const format: ExportFormat = values.format!;
  const json = ctx.json;
  if (values.out === '') throw new UsageError('export: --out needs a file name.', `Usage: ${usage}`);
  if (json && values.out === undefined) {
    throw new UsageError(
      'export: --json reports on stdout, which carries the export itself without --out.',
      'Give --out <file> with --json, or drop --json.',
    );
  }
  const out = values.out === undefined ? null : checkOutPath(values.out);

  const built = await withWarehouse(ctx.dataDir, (wh) => {
    if (out !== null && out === resolve(wh.file)) {
      throw new AnidexError(
        `--out ${values.out} is the warehouse itself; anidex will not overwrite it with an export.`,
        'Choose another file name.',
      );
    }
    return buildExport(wh.db, format);
  });

  if (out === null) {
    // On a terminal the export is read, not kept: titles from exports must not drive it (`> file` keeps every byte).
    const text = process.stdout.isTTY ? built.text.split('\n').map(sanitizeText).join('\n') : built.text;
    // A reader that stopped early (`| head`) wanted no more, and no report either.
    if (!(await writeStdout(text))) return 0;
    // MAL's layout ends without a newline; on a terminal, start the messages on a line of their own.
    if (process.stdout.isTTY && !built.text.endsWith('\n')) process.stdout.write('\n');
    note(process.stderr, summary(built, null));
    note(process.stderr, sideReport(built, false));
    return 0;
  }
  try {
    writeFileAtomic(out, Buffer.from(built.text, 'utf8'));
  } catch (err) {
    throw new AnidexError(
      `Could not write ${out}: ${(err as Error).message}.`,
      'Check that the folder exists and that you may write there; no file was changed.',
    );
  }
  if (json) {
    printJson({ format, written: out, exported: built.exported, notExported: built.notExported });
  } else {
    print(summary(built, out));
  }
  note(process.stderr, sideReport(built, true));
  return 0;
}

/** The absolute path to write, refused when it names a folder or sits in a folder that does not exist. */
function checkOutPath(given: string): string {
  const path = resolve(given);
  const isDir = (p: string): boolean | null => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return null;
    }
  };
  if (given.endsWith(sep) || given.endsWith('/') || isDir(path) === true) {
    throw new AnidexError(
      `--out ${given} is a folder; export writes one file.`,
      `Name a file, e.g. --out ${given.replace(/[\\/]+$/, '')}/anidex-export.xml`,
    );
  }
  if (isDir(dirname(path)) !== true) {
    throw new AnidexError(
      `--out ${given}: the folder ${dirname(path)} does not exist.`,
      'Create it first, or write somewhere else.',
    );
  }
  return path;
}

function summary(b: BuiltExport, out: string | null): string {
  const where = out === null ? 'to stdout' : `to ${out}`;
  const n = plural(b.exported, 'title');
  const head = `Exported ${n} ${where} (${FORMAT_NAMES[b.format]})`;
  if (b.exported === 0 && b.notExported.length === 0)
    return `${head}: the library is empty. Import an export first: anidex import <path>`;
  if (!b.origins || b.exported === 0) return `${head}.`;
  const parts = [
    b.origins.mal ? `${b.origins.mal} from your MyAnimeList list as last imported` : '',
    b.origins.anilist ? `${b.origins.anilist} from your AniList list as last synced` : '',
    b.origins.trakt ? `${b.origins.trakt} from Trakt history` : '',
    b.origins.plan ? `${b.origins.plan} from your plan` : '',
  ].filter(Boolean);
  return `${head}: ${parts.join(', ')}.\nImport it at https://myanimelist.net/import.php or https://anilist.co/settings/import.`;
}

/** A few lines naming the titles left out of a MyAnimeList export, and what to do about them. */
function sideReport(b: BuiltExport, hasJson: boolean): string {
  const left = b.notExported;
  if (left.length === 0) return '';
  const names = left.map((t) => (t.year === null ? t.title : `${t.title} (${t.year})`));
  const listAll = hasJson ? 'adding `--json`' : 'adding `--out <file> --json`';
  const list = previewList(names, listAll);
  const pending = left.filter((t) => t.why === 'not matched to MyAnimeList').length;
  const lines = [
    `${plural(left.length, 'title was', 'titles were')} not exported (no MyAnimeList id): ${list}.`,
    pending
      ? `  ${plural(pending, 'of them was', 'of them were')} never looked up: run \`anidex enrich\`, then export again.`
      : '',
    '  If one is anime that anidex missed: anidex match <title> <mal id>, then export again.',
  ];
  return lines.filter(Boolean).join('\n');
}

function note(stream: NodeJS.WriteStream, text: string): void {
  // Titles come from exports: never let them drive the terminal.
  if (text) stream.write(wrapForStream(text.split('\n').map(sanitizeText).join('\n'), stream) + '\n');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Write to stdout; false when the reader went away first (EPIPE), which is not an error. */
function writeStdout(text: string): Promise<boolean> {
  return new Promise((done, fail) => {
    const onError = (err: NodeJS.ErrnoException): void => (err.code === 'EPIPE' ? done(false) : fail(err));
    // Kept attached: the stream may emit the error after the write's callback has run.
    process.stdout.on('error', onError);
    process.stdout.write(text, (err) => (err ? onError(err) : done(true)));
  });
}
