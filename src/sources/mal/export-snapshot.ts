/** A read MyAnimeList export as a source snapshot: the whole list is one page. */

import { basename } from 'node:path';
import type { SourceSnapshot } from '../../domain/source-snapshot.ts';
import type { MalEntry } from '../../domain/mal.ts';
import type { MalExport } from './read-export.ts';

export function malExportSnapshot(exp: MalExport): SourceSnapshot<MalEntry> {
  return {
    path: exp.path,
    runKind: 'import-mal',
    pageCount: 1,
    bytesTotal: 1,
    notes: exp.totalsDiffer,
    async *pages() {
      yield { name: basename(exp.path), origin: exp.path, bytes: 1, records: exp.entries, skipped: exp.skipped };
    },
  };
}
