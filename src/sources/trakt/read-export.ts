/** Read an opened Trakt export file by file and parse every record into typed values or skipped entries. */

import { InputError } from '../../lib/errors.ts';
import type {
  RawRecord,
  SkippedRecord,
  TraktPlay,
  TraktRating,
  TraktWatchedSummary,
  TraktWatchlistItem,
} from '../../domain/types.ts';
import type { ExportFile, ExportSource } from './export-source.ts';
import {
  describeJson,
  parseHistoryRecord,
  parseRatingRecord,
  parseWatchedRecord,
  parseWatchlistRecord,
  type ParseResult,
  type RecordContext,
} from './parse.ts';

/** One export file, parsed: the records anidex can use (with their bronze rows) and the ones it skipped. */
export type ParsedFile =
  | { section: 'history'; file: string; records: Array<{ raw: RawRecord; value: TraktPlay }>; skipped: SkippedRecord[] }
  | {
      section: 'ratings';
      file: string;
      records: Array<{ raw: RawRecord; value: TraktRating }>;
      skipped: SkippedRecord[];
    }
  | {
      section: 'watchlist';
      file: string;
      records: Array<{ raw: RawRecord; value: TraktWatchlistItem }>;
      skipped: SkippedRecord[];
    }
  | {
      section: 'watched';
      file: string;
      records: Array<{ raw: RawRecord; value: TraktWatchedSummary }>;
      skipped: SkippedRecord[];
    };

export interface ReadOptions {
  /** Make the first skipped record fatal (an InputError naming file, record and field). */
  strict?: boolean;
  /** Read only the files of these sections. */
  sections?: ReadonlySet<string>;
  /** Called with each file's bytes as read, before they are parsed (the export's fingerprint). */
  onRead?: (file: ExportFile, bytes: Uint8Array) => void;
}

/** Yield each file of the export parsed, reading one file at a time so memory holds one file's text at most. */
export async function* readTraktExport(source: ExportSource, opts: ReadOptions = {}): AsyncGenerator<ParsedFile> {
  const strict = opts.strict ?? false;
  for (const file of source.files) {
    if (opts.sections && !opts.sections.has(file.section)) continue;
    const bytes = await file.read();
    opts.onRead?.(file, bytes);
    const records = parseJsonArray(bytes, file.name);
    switch (file.section) {
      case 'history':
        yield { section: 'history', file: file.name, ...parseAll(records, file.name, parseHistoryRecord, strict) };
        break;
      case 'ratings':
        yield { section: 'ratings', file: file.name, ...parseAll(records, file.name, parseRatingRecord, strict) };
        break;
      case 'watchlist':
        yield { section: 'watchlist', file: file.name, ...parseAll(records, file.name, parseWatchlistRecord, strict) };
        break;
      case 'watched':
        yield { section: 'watched', file: file.name, ...parseAll(records, file.name, parseWatchedRecord, strict) };
        break;
    }
  }
}

/** Decode one export file as UTF-8 JSON whose top level is an array; InputError naming the file otherwise. */
export function parseJsonArray(bytes: Uint8Array, file: string): unknown[] {
  const text = decodeUtf8(bytes, file);
  if (text.trim() === '') {
    throw new InputError(`${file} is empty, where a JSON array was expected.`, { file, hint: REDOWNLOAD });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    // V8 quotes the text around the error, and NULs there read as nothing ("Unexpected token ''"): name the byte.
    const nul = text.indexOf('\u0000');
    if (nul >= 0) {
      const where = locate(text, `position ${nul}`).replace(/^, /, '');
      throw new InputError(
        `${file} holds a NUL byte at ${where}, so it is not JSON; it is damaged or was not fully written.`,
        {
          file,
          hint: REDOWNLOAD,
        },
      );
    }
    const message = err instanceof Error ? err.message : String(err);
    throw new InputError(`${file} is not valid JSON (${message}${locate(text, message)}); it may be truncated.`, {
      file,
      hint: REDOWNLOAD,
    });
  }
  if (!Array.isArray(parsed)) {
    throw new InputError(`${file} holds ${describeJson(parsed)} at the top level, where Trakt writes a JSON array.`, {
      file,
      hint: 'Check that this file comes from a Trakt export and was not edited; download the export again if unsure.',
    });
  }
  return parsed;
}

const REDOWNLOAD = 'Download the export again from Trakt and import the new .zip.';

function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    // fatal: invalid UTF-8 is refused rather than silently turned into U+FFFD in titles; a BOM is stripped.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new InputError(`${file} is not valid UTF-8 text.`, {
      file,
      hint: 'Trakt writes UTF-8; if you edited the file, save it as UTF-8, or download the export again.',
    });
  }
}

// V8 reports a character offset; a line and column are what an editor can jump to.
function locate(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return '';
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `, line ${line} column ${column}`;
}

function parseAll<T>(
  records: unknown[],
  file: string,
  parse: (record: unknown, ctx: RecordContext) => ParseResult<T>,
  strict: boolean,
): { records: Array<{ raw: RawRecord; value: T }>; skipped: SkippedRecord[] } {
  const parsed: Array<{ raw: RawRecord; value: T }> = [];
  const skipped: SkippedRecord[] = [];
  records.forEach((record, index) => {
    const result = parse(record, { file, index });
    if (result.ok) {
      parsed.push({ raw: result.raw, value: result.value });
      return;
    }
    if (strict) throw strictError(result.skipped);
    skipped.push(result.skipped);
  });
  return { records: parsed, skipped };
}

function strictError(s: SkippedRecord): InputError {
  return new InputError(`${s.file}, record ${s.index} (0-based), field ${s.field}: ${s.reason}.`, {
    file: s.file,
    hint: 'Fix or remove that record, or import without --strict to skip it and list it in the run summary.',
  });
}
