/**
 * Open a Trakt export (the .zip as downloaded, or its unpacked folder) and list the files anidex reads.
 * Only recognised files are ever opened: `user-settings.json` holds the account's e-mail and an access token.
 */

import {
  closeSync,
  constants as fsConstants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  type Dirent,
} from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, constants as zlibConstants } from 'node:zlib';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { InputError } from '../../lib/errors.ts';
import type { TraktSection } from '../../domain/types.ts';
import { classifyTraktFile, compareTraktFiles, describeTraktFiles, type TraktFileInfo } from './sections.ts';

/** Size limits that keep a hostile or broken export from exhausting memory. */
export interface ExportLimits {
  /** Largest uncompressed JSON file anidex will read. */
  maxFileBytes: number;
  /** Largest sum of the uncompressed sizes of the files anidex reads. */
  maxTotalBytes: number;
  /** Most entries a zip may list (its central directory is walked in full). */
  maxEntries: number;
}

export const DEFAULT_EXPORT_LIMITS: Readonly<ExportLimits> = {
  maxFileBytes: 256 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxEntries: 10_000,
};

/** One recognised file of the export; `read()` loads it (one file at a time is the caller's job). */
export interface ExportFile {
  /** Path shown to users: `export.zip:folder/watched-history-2.json`, or the real file path. */
  name: string;
  section: TraktSection;
  page: number | null;
  /** Uncompressed bytes. */
  size: number;
  read(): Promise<Buffer>;
}

/** An opened export: its recognised Trakt files in reading order. Call `close()` when done. */
export interface ExportSource {
  path: string;
  kind: 'zip' | 'folder';
  files: ExportFile[];
  close(): Promise<void>;
}

const HINT_PATH = 'Pass the .zip that Trakt sent you (Settings → Data → Export), or the folder you unpacked it into.';
const HINT_REDOWNLOAD = 'Download the export again from Trakt and import the new .zip.';
const HINT_MAL =
  '`anidex import` reads MyAnimeList lists by themselves (a path ending in .xml or .xml.gz); pass a Trakt export .zip or folder here.';

interface Candidate {
  info: TraktFileInfo;
  /** Folder inside the export (`''` for the top), used to refuse exports that mix two folders. */
  dir: string;
  name: string;
  size: number;
  read(): Promise<Buffer>;
}

/** Open a Trakt export .zip or folder; throws InputError (naming the path) when it is not a usable export. */
export async function openExport(exportPath: string, limits: Partial<ExportLimits> = {}): Promise<ExportSource> {
  const lim: ExportLimits = { ...DEFAULT_EXPORT_LIMITS, ...limits };
  let st;
  try {
    st = await stat(exportPath);
  } catch (err) {
    if (errCode(err) === 'ENOENT' || errCode(err) === 'ENOTDIR') {
      throw new InputError(`${exportPath} does not exist.`, { file: exportPath, hint: HINT_PATH });
    }
    throw new InputError(`${exportPath} cannot be opened (${errText(err)}).`, { file: exportPath, hint: HINT_PATH });
  }
  if (st.isDirectory()) return openFolder(exportPath, lim);
  if (!st.isFile()) {
    throw new InputError(`${exportPath} is neither a Trakt export .zip nor a folder.`, {
      file: exportPath,
      hint: HINT_PATH,
    });
  }
  let kind: FileKind;
  try {
    kind = await sniffFile(exportPath);
  } catch (err) {
    throw new InputError(`${exportPath} cannot be read (${errText(err)}).`, { file: exportPath, hint: HINT_PATH });
  }
  if (kind === 'zip') return openZip(exportPath, lim);
  if (kind === 'mal') {
    throw new InputError(`${exportPath} looks like a MyAnimeList export, not a Trakt one.`, {
      file: exportPath,
      hint: HINT_MAL,
    });
  }
  if (/\.zip$/i.test(exportPath)) {
    throw new InputError(`${exportPath} is not a readable zip archive (it is corrupt or truncated).`, {
      file: exportPath,
      hint: HINT_REDOWNLOAD,
    });
  }
  const single = classifyTraktFile(path.basename(exportPath));
  throw new InputError(`${exportPath} is neither a Trakt export .zip nor a folder.`, {
    file: exportPath,
    hint: single
      ? `Pass the folder that holds it (${path.dirname(exportPath)}) so the whole export is imported.`
      : HINT_PATH,
  });
}

// ---------- file kind ----------

type FileKind = 'zip' | 'mal' | 'other';

// Decide by content, not by name, so a renamed download still works; names only add the MAL hint.
async function sniffFile(filePath: string): Promise<FileKind> {
  const head = await readHead(filePath, 1024);
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5 || head[2] === 7)) {
    return 'zip';
  }
  if (/\.xml(\.gz)?$/i.test(filePath)) return 'mal';
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b)
    return looksLikeXml(gunzipPrefix(head)) ? 'mal' : 'other';
  return looksLikeXml(head) ? 'mal' : 'other';
}

async function readHead(filePath: string, bytes: number): Promise<Buffer> {
  const fh = await open(filePath, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

// Inflates only what a 1 KiB prefix yields, so a gzip bomb cannot blow up here.
function gunzipPrefix(head: Buffer): Buffer {
  try {
    return gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch {
    return Buffer.alloc(0);
  }
}

function looksLikeXml(head: Buffer): boolean {
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return text.startsWith('<?xml') || text.startsWith('<myanimelist');
}

// ---------- folder ----------

async function openFolder(root: string, lim: ExportLimits): Promise<ExportSource> {
  const top = await listDir(root);
  if (top.length === 0) {
    throw new InputError(`${root} is an empty folder.`, { file: root, hint: HINT_PATH });
  }
  let dir = root;
  let entries = top;
  if (!entries.some((e) => classifyTraktFile(e.name))) {
    // Unpacking a zip often yields one wrapper folder; look inside exactly one, never deeper.
    const subdirs = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== '__MACOSX');
    if (subdirs.length === 1 && subdirs[0]) {
      dir = path.join(root, subdirs[0].name);
      entries = await listDir(dir);
    }
  }
  const candidates: Candidate[] = [];
  for (const entry of entries) {
    const info = classifyTraktFile(entry.name);
    if (!info) continue; // never stat, open or read anything else (user-settings.json among them)
    const filePath = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      throw new InputError(`${filePath} is a symbolic link, and anidex does not follow links inside an export.`, {
        file: filePath,
        hint: 'Replace the link with the real file (or import the original .zip).',
      });
    }
    if (!entry.isFile()) {
      throw new InputError(`${filePath} is not a regular file.`, { file: filePath, hint: HINT_REDOWNLOAD });
    }
    const { size } = lstatSync(filePath);
    candidates.push({ info, dir: '', name: filePath, size, read: () => readFolderFile(filePath, lim.maxFileBytes) });
  }
  const files = finishFiles(root, candidates, lim);
  return { path: root, kind: 'folder', files, close: async () => {} };
}

async function listDir(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new InputError(`${dir} cannot be read (${errText(err)}).`, { file: dir, hint: HINT_PATH });
  }
}

// O_NOFOLLOW closes the gap between listing and reading: a file swapped for a link meanwhile is refused too.
// Synchronous on purpose: a file is wanted whole before anything else can happen, and the promise API reads in
// 512 KiB steps, each a round trip through libuv's thread pool that a busy machine turns into idle waiting
// (a third of a second over a 100 000-play export on 2 loaded cores).
async function readFolderFile(filePath: string, maxFileBytes: number): Promise<Buffer> {
  let fd;
  try {
    fd = openSync(filePath, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0));
  } catch (err) {
    if (errCode(err) === 'ELOOP') {
      throw new InputError(`${filePath} is a symbolic link, and anidex does not follow links inside an export.`, {
        file: filePath,
        hint: 'Replace the link with the real file (or import the original .zip).',
      });
    }
    throw new InputError(`${filePath} cannot be read (${errText(err)}).`, { file: filePath, hint: HINT_PATH });
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile())
      throw new InputError(`${filePath} is not a regular file.`, { file: filePath, hint: HINT_REDOWNLOAD });
    if (st.size > maxFileBytes) throw tooLarge(filePath, st.size, maxFileBytes);
    const buf = readFileSync(fd);
    if (buf.length > maxFileBytes) throw tooLarge(filePath, buf.length, maxFileBytes);
    return buf;
  } finally {
    closeSync(fd);
  }
}

// ---------- zip ----------

async function openZip(zipPath: string, lim: ExportLimits): Promise<ExportSource> {
  let zip: ZipFile;
  try {
    // decodeStrings: false so entry names reach our own check (which names the entry) instead of a yauzl error.
    zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false, decodeStrings: false });
  } catch (err) {
    throw corruptZip(zipPath, err);
  }
  try {
    if (zip.entryCount > lim.maxEntries) {
      throw new InputError(
        `${zipPath} lists ${zip.entryCount} entries, more than the ${lim.maxEntries} a Trakt export can have.`,
        { file: zipPath, hint: HINT_REDOWNLOAD },
      );
    }
    const candidates: Candidate[] = [];
    const seen = new Set<string>();
    for await (const entry of eachEntry(zip, zipPath)) {
      const name = entryName(entry);
      const problem = unsafeEntryName(name);
      if (problem) {
        throw new InputError(`${zipPath} holds an entry "${name}" that ${problem}, so anidex will not unpack it.`, {
          file: `${zipPath}:${name}`,
          hint: 'Only import exports downloaded from Trakt; this archive was altered.',
        });
      }
      if (name.endsWith('/')) continue;
      const parts = name.split('/');
      // The export sits at the top or inside one wrapper folder; deeper copies (e.g. __MACOSX/…) are not it.
      if (parts.length > 2) continue;
      const info = classifyTraktFile(parts[parts.length - 1] ?? '');
      if (!info) continue;
      if (seen.has(name)) {
        throw new InputError(`${zipPath} lists the entry ${name} twice.`, {
          file: `${zipPath}:${name}`,
          hint: HINT_REDOWNLOAD,
        });
      }
      seen.add(name);
      const shown = `${zipPath}:${name}`;
      candidates.push({
        info,
        dir: parts.length === 2 ? (parts[0] ?? '') : '',
        name: shown,
        size: entry.uncompressedSize,
        read: () => readZipEntry(zip, entry, shown, lim.maxFileBytes),
      });
    }
    const files = finishFiles(zipPath, candidates, lim);
    return {
      path: zipPath,
      kind: 'zip',
      files,
      close: async () => {
        zip.close();
      },
    };
  } catch (err) {
    zip.close();
    throw err;
  }
}

async function* eachEntry(zip: ZipFile, zipPath: string): AsyncGenerator<Entry> {
  // A hand-rolled loop rather than zip.eachEntry(): errors must become InputErrors naming the zip.
  for (;;) {
    const next = await new Promise<Entry | null>((resolve, reject) => {
      const cleanup = (): void => {
        zip.off('entry', onEntry);
        zip.off('end', onEnd);
        zip.off('error', onError);
      };
      const onEntry = (e: Entry): void => {
        cleanup();
        resolve(e);
      };
      const onEnd = (): void => {
        cleanup();
        resolve(null);
      };
      const onError = (err: unknown): void => {
        cleanup();
        reject(corruptZip(zipPath, err));
      };
      zip.on('entry', onEntry);
      zip.on('end', onEnd);
      zip.on('error', onError);
      zip.readEntry();
    });
    if (next === null) return;
    yield next;
  }
}

function entryName(entry: Entry): string {
  // strictFileNames keeps backslashes visible so unsafeEntryName can refuse them.
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
}

/** Why a zip entry name would escape the export folder, or null when it is safe. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes('\\')) return 'contains a backslash';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'is an absolute path';
  if (name.split('/').includes('..')) return 'climbs out of the archive with ".."';
  if (name.includes('\0')) return 'contains a NUL character';
  return null;
}

function readZipEntry(zip: ZipFile, entry: Entry, shown: string, maxFileBytes: number): Promise<Buffer> {
  if (entry.uncompressedSize > maxFileBytes)
    return Promise.reject(tooLarge(shown, entry.uncompressedSize, maxFileBytes));
  return new Promise<Buffer>((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) {
        reject(corruptEntry(shown, err));
        return;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      let done = false;
      const fail = (e: Error): void => {
        if (done) return;
        done = true;
        stream.destroy();
        reject(e);
      };
      // Count what actually inflates: a lying header must not let a zip bomb past the declared-size check.
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > maxFileBytes) fail(tooLarge(shown, total, maxFileBytes, true));
        else chunks.push(chunk);
      });
      // yauzl stops a stream that inflates past its declared size; say why in words a user can act on.
      stream.on('error', (e) =>
        fail(/^too many bytes/.test(e.message) ? lyingSize(shown, entry.uncompressedSize) : corruptEntry(shown, e)),
      );
      stream.on('end', () => {
        if (done) return;
        done = true;
        resolve(Buffer.concat(chunks, total));
      });
    });
  });
}

// ---------- shared ----------

function finishFiles(exportPath: string, candidates: Candidate[], lim: ExportLimits): ExportFile[] {
  if (candidates.length === 0) {
    throw new InputError(`${exportPath} contains no Trakt export files (looked for ${describeTraktFiles()}).`, {
      file: exportPath,
      hint: HINT_PATH,
    });
  }
  const dirs = [...new Set(candidates.map((c) => c.dir))];
  if (dirs.length > 1) {
    throw new InputError(
      `${exportPath} holds Trakt files in more than one folder (${dirs.map((d) => d || '(top)').join(', ')}).`,
      { file: exportPath, hint: 'Put one export in the archive, or unpack it and pass the folder you mean.' },
    );
  }
  if (!candidates.some((c) => c.info.section === 'history')) {
    throw new InputError(
      `${exportPath} has no watched-history*.json, and anidex treats every export as the full account, history included.`,
      { file: exportPath, hint: 'Download a complete export from Trakt and import the whole .zip, unchanged.' },
    );
  }
  for (const c of candidates) {
    if (c.size > lim.maxFileBytes) throw tooLarge(c.name, c.size, lim.maxFileBytes);
  }
  const total = candidates.reduce((sum, c) => sum + c.size, 0);
  if (total > lim.maxTotalBytes) {
    throw new InputError(
      `${exportPath} holds ${formatBytes(total)} of Trakt files, ` +
        `over the ${formatBytes(lim.maxTotalBytes)} limit for one export.`,
      { file: exportPath, hint: HINT_REDOWNLOAD },
    );
  }
  candidates.sort((a, b) => compareTraktFiles(a.info, b.info) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return candidates.map((c) => ({
    name: c.name,
    section: c.info.section,
    page: c.info.page,
    size: c.size,
    read: c.read,
  }));
}

function tooLarge(name: string, size: number, limit: number, atLeast = false): InputError {
  return new InputError(
    `${name} is ${atLeast ? 'at least ' : ''}${formatBytes(size)}, over the ${formatBytes(limit)} limit for one file.`,
    {
      file: name,
      hint: 'A real Trakt export file is far smaller; download the export again, or check that this is the right file.',
    },
  );
}

function corruptZip(zipPath: string, err: unknown): InputError {
  return new InputError(`${zipPath} is not a readable zip archive (corrupt or truncated: ${errText(err)}).`, {
    file: zipPath,
    hint: HINT_REDOWNLOAD,
  });
}

function lyingSize(shown: string, declared: number): InputError {
  return new InputError(
    `${shown} inflates to more than the ${formatBytes(declared)} its zip header declares, ` +
      'as a zip bomb would, so anidex stopped reading it.',
    { file: shown, hint: 'Only import exports downloaded from Trakt; this archive was altered or damaged.' },
  );
}

function corruptEntry(shown: string, err: unknown): InputError {
  return new InputError(`${shown} cannot be unpacked (corrupt or truncated: ${errText(err)}).`, {
    file: shown,
    hint: HINT_REDOWNLOAD,
  });
}

/** Bytes as a short human figure with the exact count, e.g. `5.0 MiB (5242880 bytes)`. */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return i === 0 ? `${n} bytes` : `${v.toFixed(1)} ${units[i]} (${n} bytes)`;
}

function errCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
