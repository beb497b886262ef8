/**
 * Read a MyAnimeList export file (`.xml`, or `.xml.gz` as MAL sends it) into text, within a size cap, and tell
 * MAL exports apart from other files by looking at their first bytes only.
 */

import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip, constants as zlibConstants } from 'node:zlib';
import { AnidexError, InputError } from '../../lib/errors.ts';
import { formatBytes } from '../trakt/export-source.ts';
import { scanProlog } from './xml.ts';

/** Largest uncompressed export anidex reads by default; a real list of 20 000 entries is about 20 MiB. */
export const DEFAULT_MAL_MAX_BYTES = 256 * 1024 * 1024;

/** How to get a fresh export: said after every refusal that a new download would fix. */
export const HINT_MAL_EXPORT =
  'Export your anime list again at https://myanimelist.net/panel.php?go=export and import the .xml.gz it sends (or the .xml inside it).';

const SNIFF_BYTES = 64 * 1024;

/**
 * Stream the export's text to `onText` piece by piece (gunzipped if it was gzip, UTF-8 decoded, BOM removed), so
 * that neither the file nor its text is ever held whole. A throw from `onText` stops the reading.
 */
export async function streamExportText(
  shown: string,
  absolute: string,
  maxBytes: number,
  onText: (text: string) => void,
): Promise<void> {
  let st;
  try {
    st = await stat(absolute);
  } catch (err) {
    if (errCode(err) === 'ENOENT' || errCode(err) === 'ENOTDIR') {
      throw new InputError(`${shown} does not exist.`, { file: shown, hint: HINT_PATH });
    }
    throw new InputError(`${shown} cannot be opened (${errText(err)}).`, { file: shown, hint: HINT_PATH });
  }
  if (st.isDirectory()) {
    throw new InputError(`${shown} is a folder, where a MyAnimeList export file was expected.`, {
      file: shown,
      hint: HINT_PATH,
    });
  }
  if (!st.isFile()) throw new InputError(`${shown} is not a regular file.`, { file: shown, hint: HINT_PATH });
  if (st.size === 0) throw emptyFile(shown);
  if (st.size > maxBytes) throw tooLarge(shown, `is ${formatBytes(st.size)}`, maxBytes);

  let gzipped: boolean;
  try {
    gzipped = isGzip(await readFirstBytes(absolute, 2));
  } catch (err) {
    throw new InputError(`${shown} cannot be read (${errText(err)}).`, { file: shown, hint: HINT_PATH });
  }
  const file = createReadStream(absolute, { highWaterMark: CHUNK_BYTES });
  // pipeline() passes a failure of either stream on to the last one, whose iteration then throws it.
  const bytes = gzipped ? pipeline(file, createGunzip({ chunkSize: CHUNK_BYTES }), () => {}) : file;
  // fatal: bad bytes are refused rather than silently turned into U+FFFD in titles; the BOM is dropped.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let size = 0;
  let first = true;
  let refused: { err: unknown } | undefined;
  try {
    for await (const chunk of bytes as AsyncIterable<Buffer>) {
      if (first) {
        first = false;
        try {
          refuseUtf16(chunk, shown);
        } catch (err) {
          if (!gzipped) throw err;
          refused = { err };
        }
      }
      size += chunk.length;
      // A gzip bomb costs at most maxBytes of inflating: the stream is dropped as soon as it passes the cap.
      if (size > maxBytes)
        throw tooLarge(shown, gzipped ? 'inflates to more than that' : `is over ${formatBytes(maxBytes)}`, maxBytes);
      // Once the text was refused, a gzip is still inflated to its end (and not decoded), only to count: a file
      // over the cap is refused for its size first, as when it was inflated whole before being looked at.
      if (refused !== undefined) continue;
      try {
        // Decoded in small pieces: V8 stores a piece whose characters all fit in Latin-1 in one byte each, and
        // every value cut out of a piece keeps that piece's width; a single kanji would make a whole 256 KiB
        // piece, and the bronze JSON of every entry in it, two bytes a character.
        for (let at = 0; at < chunk.length; at += DECODE_BYTES) {
          const text = decodeUtf8(decoder, chunk.subarray(at, at + DECODE_BYTES), shown);
          if (text !== '') onText(text);
        }
      } catch (err) {
        if (!gzipped) throw err;
        refused = { err };
      }
    }
    if (refused !== undefined) throw refused.err;
    const rest = decodeUtf8(decoder, undefined, shown);
    if (rest !== '') onText(rest);
  } catch (err) {
    if (err instanceof AnidexError || !isStreamError(err)) throw err;
    if (gzipped && errCode(err)?.startsWith('Z_')) {
      throw new InputError(`${shown} is a damaged or truncated gzip file (${errText(err)}).`, {
        file: shown,
        hint: HINT_MAL_EXPORT,
      });
    }
    throw new InputError(`${shown} cannot be read (${errText(err)}).`, { file: shown, hint: HINT_PATH });
  } finally {
    file.destroy();
  }
}

const CHUNK_BYTES = 256 * 1024;
const DECODE_BYTES = 16 * 1024;

async function readFirstBytes(absolute: string, n: number): Promise<Buffer> {
  const fh = await open(absolute, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

// Errors of the file or zlib streams carry a code (ENOENT, EIO, Z_BUF_ERROR…); anything else is a bug or onText's.
function isStreamError(err: unknown): boolean {
  const code = errCode(err);
  return code !== undefined && (code.startsWith('Z_') || code.startsWith('E'));
}

/** True when `path` looks like a MAL export (.xml or .xml.gz by name, or gzip/XML content whose root is <myanimelist>), without reading it all. */
export async function looksLikeMalExport(filePath: string): Promise<boolean> {
  try {
    const st = await stat(filePath);
    if (!st.isFile()) return false;
  } catch (err) {
    // A missing file named like an export still goes to the MAL reader, which says clearly that it is missing.
    return (errCode(err) === 'ENOENT' || errCode(err) === 'ENOTDIR') && /\.xml(\.gz)?$/i.test(filePath);
  }
  if (/\.xml(\.gz)?$/i.test(filePath)) return true;
  try {
    const head = await readDecodedHead(filePath, SNIFF_BYTES);
    const scan = scanProlog(head.toString('utf8'));
    return scan.kind === 'root' && scan.name === 'myanimelist';
  } catch {
    return false;
  }
}

function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

// The first `limit` bytes of the content, inflating gzip as a stream and stopping there.
async function readDecodedHead(filePath: string, limit: number): Promise<Buffer> {
  const fh = await open(filePath, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(limit);
    const { bytesRead } = await fh.read(buf, 0, limit, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  return isGzip(head) ? inflatePrefix(head, limit) : head;
}

function inflatePrefix(gz: Buffer, limit: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const z = createGunzip({ finishFlush: zlibConstants.Z_SYNC_FLUSH });
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      z.destroy();
      resolve(Buffer.concat(chunks).subarray(0, limit));
    };
    z.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) finish();
    });
    z.on('end', finish);
    z.on('error', finish);
    z.on('close', finish);
    z.end(gz);
  });
}

function refuseUtf16(head: Uint8Array, shown: string): void {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    throw new InputError(`${shown} is UTF-16 text, where MyAnimeList writes UTF-8.`, {
      file: shown,
      hint: 'If you re-saved the file in an editor, save it as UTF-8 again, or import the file MyAnimeList sent.',
    });
  }
}

// One piece of a streamed decode (a character cut between pieces is held for the next); no piece: the end.
function decodeUtf8(decoder: TextDecoder, bytes: Uint8Array | undefined, shown: string): string {
  try {
    return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
  } catch {
    throw new InputError(`${shown} is not valid UTF-8 text.`, {
      file: shown,
      hint: 'MyAnimeList writes UTF-8; if you edited the file, save it as UTF-8, or export your list again.',
    });
  }
}

/** The refusal for a file with nothing in it (or only whitespace). */
export function emptyFile(shown: string): InputError {
  return new InputError(`${shown} is empty, where a MyAnimeList export was expected.`, {
    file: shown,
    hint: HINT_MAL_EXPORT,
  });
}

function tooLarge(shown: string, what: string, limit: number): InputError {
  return new InputError(`${shown} ${what}, over the ${formatBytes(limit)} limit for a MyAnimeList export.`, {
    file: shown,
    hint: 'A real MyAnimeList export is about 1 KiB per entry; check that this is the right file.',
  });
}

const HINT_PATH = 'Pass the animelist_…_-_….xml.gz (or .xml) file that MyAnimeList sent you.';

function errCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
