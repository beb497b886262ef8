/** A Trakt export on disk as a source snapshot: one page per export file, read one at a time. */

import { relative } from 'node:path';
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

export function traktExportSnapshot(source: ExportSource, opts: { strict?: boolean } = {}): SourceSnapshot<TraktValue> {
  const sizes = new Map(source.files.map((f) => [f.name, f.size]));
  return {
    path: source.path,
    runKind: 'import',
    pageCount: source.files.length,
    bytesTotal: source.files.reduce((n, f) => n + f.size, 0),
    async *pages() {
      for await (const file of readTraktExport(source, { strict: opts.strict })) {
        yield {
          name: relativeName(source, file.file),
          origin: file.file,
          section: file.section,
          bytes: sizes.get(file.file) ?? 0,
          records: file.records,
          skipped: file.skipped,
        };
      }
    },
    close: () => source.close(),
  };
}
