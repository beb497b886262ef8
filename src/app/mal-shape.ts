import type { MalEntry } from '../domain/mal.ts';
import { malGoldValues, malTitleKey } from '../domain/mal-gold.ts';
import type { RawRecord, SkippedRecord } from '../domain/types.ts';
import { emptyExportError } from '../domain/empty-export.ts';
import { AnidexError } from '../lib/errors.ts';
import { replaceMalSilver } from '../warehouse/silver-mal.ts';
import type { SqlDb } from '../warehouse/db.ts';
import type { TitleMatch } from '../warehouse/enrichment.ts';
import type { SnapshotPage, SnapshotShape, SourceSnapshot } from './snapshot.ts';

/** Bump when what silver and gold derive from MAL entries changes, so an unchanged list is rebuilt after an upgrade. */
export const MAL_DERIVATION_VERSION = 1;

/** Run kinds that replace MyAnimeList's silver: an XML export and the account's API are the same list. */
export const MAL_RUN_KINDS = ['import-mal', 'sync-mal'] as const;

/**
 * MyAnimeList's shape (an XML export or the API's list): each entry is a gold title under `mal:<id>` with the
 * SCD2 rules of every source; the entries name their MAL ids, so they are matched as they arrive; `Plan to
 * Watch` joins the plan once.
 */
export class MalShape implements SnapshotShape<MalEntry> {
  readonly keyPrefix = 'mal:';
  readonly runKinds = MAL_RUN_KINDS;
  readonly digestHeader = `mal-derivation ${MAL_DERIVATION_VERSION}\n`;
  private readonly entries: MalEntry[] = [];

  constructor(private readonly via: 'export' | 'api' = 'export') {}

  digestRecord(raw: RawRecord, hash: string): string {
    return `${raw.key}\u0000${hash}\n`;
  }

  digestSkip(k: SkippedRecord): string {
    return `skip\u0000${k.index}\u0000${k.field}\n`;
  }

  collect(page: SnapshotPage<MalEntry>): void {
    for (const r of page.records) this.entries.push(r.value);
  }

  emptyError(snapshot: SourceSnapshot<MalEntry>, skipped: readonly SkippedRecord[]): Error | null {
    if (this.entries.length > 0) return null;
    if (this.via === 'api') {
      const why = skipped.length
        ? `all ${skipped.length} of its entries are malformed (the first: ${skipped[0]!.field}: ${skipped[0]!.reason})`
        : 'it lists no anime';
      return new AnidexError(
        `The MyAnimeList list ${snapshot.path.slice('mal:'.length)} came back empty (${why}), and loading it would mark every MyAnimeList title deleted, so nothing was written.`,
        'If the list really is empty now, run the sync again with --allow-empty.',
      );
    }
    return emptyExportError({ exportPath: snapshot.path, files: [snapshot.path], skipped, kind: 'mal' });
  }

  derive() {
    const entries = this.entries;
    const reason = this.via === 'export' ? 'named by the MyAnimeList export' : 'named by the MyAnimeList account';
    return {
      gold: entries.map(malGoldValues),
      writeSilver: (db: SqlDb) => replaceMalSilver(db, entries),
      // The list names each entry's MAL id: record it as the match once, so enrichment fetches details and never searches.
      matches: (known: ReadonlyMap<string, TitleMatch>, at: string): TitleMatch[] =>
        entries
          .filter((e) => known.get(malTitleKey(e.malId))?.malId !== e.malId)
          .map((e) => ({
            titleKey: malTitleKey(e.malId),
            status: 'matched' as const,
            malId: e.malId,
            confidence: 1,
            provider: null,
            method: 'mal-export' as const,
            otherMalIds: [],
            reason,
            matchedAt: at,
          })),
      crossCheck: null,
      duplicates: 0,
    };
  }

  identical() {
    return { crossCheck: null, duplicates: 0 };
  }

  planItems() {
    return this.entries
      .filter((e) => e.status === 'Plan to Watch')
      .map((e) => ({
        title: e.title,
        malId: e.malId,
        notes: e.comments || null,
        source: 'mal' as const,
        sourceKey: malTitleKey(e.malId),
      }));
  }
}
