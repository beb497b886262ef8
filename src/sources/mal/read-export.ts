/** Read a whole MyAnimeList anime list export into typed entries, skipped entries and the totals it declares. */

import path from 'node:path';
import { InputError } from '../../lib/errors.ts';
import type { MalDeclaredTotals, MalEntry, MalStatus } from '../../domain/mal.ts';
import type { RawRecord, SkippedRecord } from '../../domain/types.ts';
import { DEFAULT_MAL_MAX_BYTES, emptyFile, HINT_MAL_EXPORT, streamExportText } from './export-file.ts';
import { exportType, parseDeclaredTotals, parseMalRecord, SCHEMA_110_FIELDS } from './parse-entry.ts';
import {
  declaredVersion,
  scanProlog,
  XmlMalformedError,
  XmlRecordStream,
  XmlUnreadableError,
  type PrologScan,
  type XmlRecord,
  type XmlValue,
} from './xml.ts';

/** A MyAnimeList export, read: the entries anidex can use (with their bronze rows) and the ones it skipped. */
export interface MalExport {
  /** The path as given, resolved. */
  path: string;
  /** `1.1.0` when the file says so (a `Version 1.1.0` comment) or has that schema's fields; `legacy` otherwise. */
  schema: '1.1.0' | 'legacy';
  /** What `<myinfo>` declares. */
  declared: MalDeclaredTotals;
  /** In file order; for a MAL id listed twice only the later entry is here. */
  entries: Array<{ raw: RawRecord; value: MalEntry }>;
  /** Sorted by entry index. */
  skipped: SkippedRecord[];
  /** Sentences for each <myinfo> total that disagrees with the entries (trust the entries). */
  totalsDiffer: string[];
}

export interface MalReadOptions {
  /** Refuse the whole file when any entry would be skipped (an InputError naming the entry and field). */
  strict?: boolean;
  /** Largest uncompressed size read, in bytes (default 256 MiB). */
  maxBytes?: number;
}

/** Read a MyAnimeList anime list export (`.xml` or `.xml.gz`); InputError naming the file when it is not one. */
export async function readMalExport(inputPath: string, opts: MalReadOptions = {}): Promise<MalExport> {
  const absolute = path.resolve(inputPath);
  const file = path.basename(absolute);

  // Entries are parsed as the file streams by: neither the text nor a document tree is ever held whole.
  const kept: Array<{ raw: RawRecord; value: MalEntry } | undefined> = [];
  const positionById = new Map<number, number>();
  const skipped: SkippedRecord[] = [];
  let myinfo: XmlValue | undefined;
  let myinfoCount = 0;
  let manga = false;
  let index = 0;
  let has110Field = false;
  const onChild = (name: string, record: XmlRecord): void => {
    if (name === 'myinfo') {
      // Two <myinfo> would be a list, whose totals mean nothing: compared with nothing, as when absent.
      myinfo = ++myinfoCount === 1 ? record.value() : undefined;
      return;
    }
    if (name === 'manga') manga = true;
    if (name !== 'anime') return;
    const at = index++;
    if (!has110Field && SCHEMA_110_FIELDS.some((f) => record.has(f))) has110Field = true;
    const result = parseMalRecord(record, { file, index: at });
    if (!result.ok) {
      skipped.push(result.skipped);
      return;
    }
    const { malId } = result.value;
    const earlier = positionById.get(malId);
    if (earlier !== undefined) {
      // MAL lists each anime once; a repeat means an edited or merged file, and the later entry is the newer word.
      skipped.push({
        file,
        index: kept[earlier]!.raw.index,
        field: 'series_animedb_id',
        reason: `repeats MAL id ${malId}, which entry ${at} lists again; the later entry is kept`,
      });
      kept[earlier] = undefined;
    }
    positionById.set(malId, kept.length);
    kept.push({ raw: result.raw, value: result.value });
  };

  const reader = new ExportXmlReader(inputPath, onChild);
  await streamExportText(inputPath, absolute, opts.maxBytes ?? DEFAULT_MAL_MAX_BYTES, (text) => reader.write(text));
  const { version } = reader.end();

  if (exportType(myinfo) === '2' || manga) {
    throw new InputError(
      `${inputPath} is a MyAnimeList manga list; anidex reads anime lists: export your anime list and import that file.`,
      {
        file: inputPath,
        hint: 'At https://myanimelist.net/panel.php?go=export choose "Anime List", then import the .xml.gz it sends.',
      },
    );
  }
  skipped.sort((a, b) => a.index - b.index);
  if (opts.strict && skipped.length > 0) throw strictError(inputPath, skipped);

  const entries = kept.filter((e) => e !== undefined);
  const declared = parseDeclaredTotals(myinfo);
  const schema = version === '1.1.0' || has110Field ? '1.1.0' : 'legacy';
  return {
    path: absolute,
    schema,
    declared,
    entries,
    skipped,
    totalsDiffer: compareTotals(declared, entries, skipped.length),
  };
}

/**
 * The export's text as it streams in: the prolog is looked at first (is this XML, a MyAnimeList export, without a
 * DOCTYPE?), then everything goes to the streaming XML reader. Every refusal is an InputError naming the file.
 */
class ExportXmlReader {
  /** The text before the root element is known, and how long it was when last scanned. */
  private head = '';
  private scannedAt = 0;
  private comments: string[] | null = null;
  private readonly xml: XmlRecordStream;

  constructor(
    private readonly shown: string,
    onChild: (name: string, record: XmlRecord) => void,
  ) {
    this.xml = new XmlRecordStream(onChild);
  }

  write(text: string): void {
    if (this.comments !== null) return this.feed(text);
    this.head += text;
    // Scanned again only when it has doubled, so a prolog that never ends costs linear time, not quadratic.
    if (this.head.length < 2 * this.scannedAt) return;
    this.scannedAt = this.head.length;
    const scan = scanProlog(this.head);
    if (scan.kind === 'incomplete') return;
    this.checkRoot(scan);
    const head = this.head;
    this.head = '';
    this.feed(head);
  }

  end(): { version: string | null } {
    if (this.comments === null) {
      if (this.head.trim() === '') throw emptyFile(this.shown);
      const scan = scanProlog(this.head);
      this.checkRoot(scan);
      this.feed(this.head);
      this.head = '';
    }
    try {
      this.xml.close();
    } catch (err) {
      throw this.xmlError(err);
    }
    return { version: declaredVersion(this.comments ?? []) };
  }

  private feed(text: string): void {
    try {
      this.xml.write(text);
    } catch (err) {
      throw this.xmlError(err);
    }
  }

  private xmlError(err: unknown): unknown {
    if (err instanceof XmlMalformedError) {
      return new InputError(`${this.shown} is not well-formed XML (${err.message}); it may be truncated.`, {
        file: this.shown,
        hint: HINT_MAL_EXPORT,
      });
    }
    if (err instanceof XmlUnreadableError) {
      return new InputError(`${this.shown} cannot be read as XML (${err.message}).`, {
        file: this.shown,
        hint: HINT_MAL_EXPORT,
      });
    }
    return err;
  }

  private checkRoot(scan: PrologScan): void {
    const shown = this.shown;
    switch (scan.kind) {
      case 'not-xml': {
        const first = this.head.replace(/^\uFEFF/, '').trimStart()[0];
        const what = first === '{' || first === '[' ? 'JSON' : 'text';
        throw new InputError(
          `${shown} is ${what}, not XML (line ${scan.line} column ${scan.column}); a MyAnimeList export is an XML file.`,
          { file: shown, hint: HINT_WRONG_FILE },
        );
      }
      case 'doctype':
        throw new InputError(
          `${shown} declares a DOCTYPE (line ${scan.line}), which MyAnimeList exports never have; ` +
            'anidex refuses DTDs so that entities defined in one cannot expand.',
          { file: shown, hint: HINT_WRONG_FILE },
        );
      case 'incomplete':
        throw new InputError(`${shown} ends before its first XML element; it may be truncated.`, {
          file: shown,
          hint: HINT_MAL_EXPORT,
        });
      case 'root':
        if (scan.name !== 'myanimelist') {
          throw new InputError(
            `${shown} is XML whose root element is <${scan.name}>, not a MyAnimeList export (whose root is <myanimelist>).`,
            { file: shown, hint: HINT_WRONG_FILE },
          );
        }
        this.comments = scan.comments;
    }
  }
}

const HINT_WRONG_FILE =
  'Check that this is the animelist_…_-_….xml.gz (or .xml) file MyAnimeList sent you: export it at https://myanimelist.net/panel.php?go=export.';

const STATUS_TOTALS: ReadonlyArray<[MalStatus, Exclude<keyof MalDeclaredTotals, 'userId' | 'userName' | 'total'>]> = [
  ['Watching', 'watching'],
  ['Completed', 'completed'],
  ['On-Hold', 'onHold'],
  ['Dropped', 'dropped'],
  ['Plan to Watch', 'planToWatch'],
];

function compareTotals(
  declared: MalDeclaredTotals,
  entries: ReadonlyArray<{ value: MalEntry }>,
  skippedCount: number,
): string[] {
  const out: string[] = [];
  const skippedNote =
    skippedCount === 0 ? '' : ` (${plural(skippedCount, 'more entry was', 'more entries were')} skipped)`;
  if (declared.total !== null && declared.total !== entries.length) {
    out.push(
      `<myinfo> declares ${declared.total} anime in all, but anidex read ${entries.length} usable ` +
        `${entries.length === 1 ? 'entry' : 'entries'}${skippedNote}; it uses the entries.`,
    );
  }
  const counts = new Map<MalStatus, number>();
  for (const { value } of entries) counts.set(value.status, (counts.get(value.status) ?? 0) + 1);
  for (const [status, key] of STATUS_TOTALS) {
    const said = declared[key];
    const found = counts.get(status) ?? 0;
    if (said !== null && said !== found) {
      out.push(
        `<myinfo> declares ${said} ${status}, but the file lists ${found} ${status} ${found === 1 ? 'entry' : 'entries'}; anidex uses the entries.`,
      );
    }
  }
  return out;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

function strictError(shown: string, skipped: readonly SkippedRecord[]): InputError {
  const s = skipped[0]!;
  const more = skipped.length > 1 ? ` (${skipped.length} entries in all would be skipped)` : '';
  return new InputError(`${shown}, entry ${s.index} (0-based), field ${s.field}: ${s.reason}${more}.`, {
    file: shown,
    hint: 'Fix or remove that entry, or import without --strict to skip it and list it in the run summary.',
  });
}
