/** A Trakt export on disk as a source snapshot: one page per export file, read one at a time. */

import { createHash, type Hash } from 'node:crypto';
import { relative } from 'node:path';
import { version } from '../../lib/config.ts';
import type { SourceSnapshot } from '../../domain/source-snapshot.ts';
import type { TraktPlay, TraktRating, TraktWatchedSummary, TraktWatchlistItem } from '../../domain/types.ts';
import type { ExportSource } from './export-source.ts';
import { readTraktExport } from './read-export.ts';

/** A parsed Trakt record; the page's `section` says which. */
export type TraktValue = TraktPlay | TraktRating | TraktWatchlistItem | TraktWatchedSummary;

/** The name of an export file inside its export, as bronze records it (the run row has the export's path). */
function relativeName(source: ExportSource, name: string): string {
  if (name.startsWith(`${source.path}:`)) return name.slice(source.path.length + 1);
  const rel = relative(source.path, name);
  return rel && !rel.startsWith('..') ? rel : name;
}

/**
 * Bump when what the reader makes of the same bytes changes (a record parsed that was skipped before): the
 * fingerprint then differs and an unchanged export is read again instead of being taken as the last one.
 * anidex's own version is in the fingerprint too, so any upgrade reads an export again once.
 */
const READER_VERSION = 1;

export function traktExportSnapshot(source: ExportSource, opts: { strict?: boolean } = {}): SourceSnapshot<TraktValue> {
  const sizes = new Map(source.files.map((f) => [f.name, f.size]));
  // Every file in order, its name inside the export, its size and bytes: the same export moved elsewhere keeps it.
  const startDigest = (): Hash => createHash('sha1').update(`trakt-export ${READER_VERSION} anidex ${version()}\n`);
  const addFile = (h: Hash, name: string, bytes: Uint8Array): void => {
    h.update(`${relativeName(source, name)}\u0000${bytes.length}\n`).update(bytes);
  };
  let fingerprint: string | null = null;
  return {
    path: source.path,
    runKind: 'import',
    pageCount: source.files.length,
    bytesTotal: source.files.reduce((n, f) => n + f.size, 0),
    async *pages(sections) {
      const h = sections ? null : startDigest();
      const onRead = h ? (f: { name: string }, bytes: Uint8Array) => addFile(h, f.name, bytes) : undefined;
      for await (const file of readTraktExport(source, { strict: opts.strict, sections, onRead })) {
        yield {
          name: relativeName(source, file.file),
          origin: file.file,
          section: file.section,
          bytes: sizes.get(file.file) ?? 0,
          records: file.records,
          skipped: file.skipped,
        };
      }
      if (h) fingerprint = h.digest('hex');
    },
    async fingerprint() {
      if (fingerprint) return fingerprint;
      const h = startDigest();
      for (const f of source.files) {
        addFile(h, f.name, await f.read());
      }
      return (fingerprint = h.digest('hex'));
    },
    close: () => source.close(),
  };
}
