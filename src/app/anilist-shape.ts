import { anilistGoldValues, anilistTitleKey, type AniListEntry } from '../domain/anilist-list.ts';
import type { RawRecord, SkippedRecord } from '../domain/types.ts';
import { AnidexError } from '../lib/errors.ts';
import { replaceAniListSilver } from '../warehouse/silver-anilist.ts';
import type { SqlDb } from '../warehouse/db.ts';
import type { TitleMatch } from '../warehouse/enrichment.ts';
import type { SnapshotPage, SnapshotShape, SourceSnapshot } from './snapshot.ts';

export const ANILIST_DERIVATION_VERSION = 1;

/**
 * AniList's shape: each list entry is a gold title under `anilist:<media id>`, versioned like a MyAnimeList entry;
 * an entry naming its MAL id is matched as it arrives; `PLANNING` joins the plan once.
 */
export class AniListShape implements SnapshotShape<AniListEntry> {
  readonly keyPrefix = 'anilist:';
  readonly runKinds = ['sync-anilist'] as const;
  readonly digestHeader = `anilist-derivation ${ANILIST_DERIVATION_VERSION}\n`;
  private readonly entries: AniListEntry[] = [];

  digestRecord(raw: RawRecord, hash: string): string {
    return `${raw.key}\u0000${hash}\n`;
  }

  digestSkip(k: SkippedRecord): string {
    return `skip\u0000${k.file}\u0000${k.index}\u0000${k.field}\n`;
  }

  collect(page: SnapshotPage<AniListEntry>): void {
    for (const r of page.records) this.entries.push(r.value);
  }

  emptyError(snapshot: SourceSnapshot<AniListEntry>, skipped: readonly SkippedRecord[]): Error | null {
    if (this.entries.length > 0) return null;
    const why = skipped.length
      ? `all ${skipped.length} of its entries are malformed (the first: ${skipped[0]!.field}: ${skipped[0]!.reason})`
      : 'it lists no anime';
    return new AnidexError(
      `The AniList list ${snapshot.path.slice('anilist:'.length)} came back empty (${why}), and loading it would mark every AniList title deleted, so nothing was written.`,
      'If the list really is empty now, run the sync again with --allow-empty.',
    );
  }

  derive() {
    const entries = this.entries;
    return {
      gold: entries.map(anilistGoldValues),
      writeSilver: (db: SqlDb) => replaceAniListSilver(db, entries),
      matches: (known: ReadonlyMap<string, TitleMatch>, at: string): TitleMatch[] =>
        entries
          .filter((e) => e.malId !== null && known.get(anilistTitleKey(e.anilistId))?.malId !== e.malId)
          .map((e) => ({
            titleKey: anilistTitleKey(e.anilistId),
            status: 'matched' as const,
            malId: e.malId,
            confidence: 1,
            provider: null,
            method: 'mal-export' as const,
            otherMalIds: [],
            reason: 'named by the AniList list',
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
        notes: e.notes || null,
        source: 'anilist' as const,
        sourceKey: anilistTitleKey(e.anilistId),
      }));
  }
}
