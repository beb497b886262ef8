/** A read MyAnimeList export as a source snapshot: the whole list is one page. */

import { basename } from 'node:path';
import type { SourceSnapshot } from '../../domain/source-snapshot.ts';
import type { MalEntry } from '../../domain/mal.ts';
import type { MalExport } from './read-export.ts';

/**
 * The snapshot takes the read export over and can be loaded once: its page lets go of the entries as soon as the
 * loader has read it, so their bronze JSON (most of the list's memory) can be collected while the warehouse is
 * written and saved.
 */
export function malExportSnapshot(exp: MalExport): SourceSnapshot<MalEntry> {
  const { path } = exp;
  let page: { records: MalExport['entries']; skipped: MalExport['skipped'] } | null = {
    records: exp.entries,
    skipped: exp.skipped,
  };
  return {
    path,
    runKind: 'import-mal',
    pageCount: 1,
    bytesTotal: 1,
    notes: exp.totalsDiffer,
    async *pages() {
      const held = page;
      if (held === null) throw new Error(`the MyAnimeList list ${path} was already loaded`);
      page = null;
      yield { name: basename(path), origin: path, bytes: 1, records: held.records, skipped: held.skipped };
    },
  };
}
