import { titleKey } from '../domain/title-key.ts';
import { aggregateTitles, crossCheckWatched, dedupePlays, toSilverPlay, type TitleFacts } from '../domain/aggregate.ts';
import type { GoldValues } from '../domain/scd2-plan.ts';
import type {
  RawRecord,
  SkippedRecord,
  TraktMedia,
  TraktPlay,
  TraktRating,
  TraktWatchedSummary,
  TraktWatchlistItem,
} from '../domain/types.ts';
import { emptyExportError } from '../domain/empty-export.ts';
import { silverPlayTotals, syncSilver } from '../warehouse/silver.ts';
import type { SnapshotPage, SnapshotShape, SourceSnapshot } from './snapshot.ts';

/**
 * Bump when what silver and gold derive from the records changes (aggregation, title keys), so that
 * re-importing an unchanged export after an upgrade rebuilds them instead of taking the identical-batch shortcut.
 */
export const DERIVATION_VERSION = 1;

/** Run kinds that replace Trakt's silver: a file import and an account sync are the same source. */
export const TRAKT_RUN_KINDS = ['import', 'sync-trakt'] as const;

type TraktValue = TraktPlay | TraktRating | TraktWatchlistItem | TraktWatchedSummary;

function toGold(f: TitleFacts): GoldValues {
  return {
    titleKey: f.titleKey,
    traktId: f.traktId,
    malId: null,
    title: f.title,
    normTitle: f.normTitle,
    year: f.year,
    mediaType: f.mediaType,
    userRating: f.userRating,
    episodesWatched: f.episodesWatched,
    totalPlays: f.totalPlays,
    totalEpisodes: f.totalEpisodes,
    firstWatchedAt: f.firstWatchedAt,
    lastWatchedAt: f.lastWatchedAt,
    watchDurationDays: f.watchDurationDays,
    bingeIndicator: f.bingeIndicator,
  };
}

/**
 * One shared object per distinct show/film description: an export repeats the full show object in every play,
 * and 100 000 copies of it are most of an import's heap.
 */
class MediaInterner {
  private readonly seen = new Map<string, TraktMedia>();

  intern(m: TraktMedia): TraktMedia {
    const i = m.ids;
    const key = `${m.mediaType}|${i.trakt}|${i.slug}|${i.imdb}|${i.tmdb}|${i.tvdb}|${m.year}|${m.airedEpisodes}|${m.title}`;
    const hit = this.seen.get(key);
    if (hit) return hit;
    this.seen.set(key, m);
    return m;
  }
}

/**
 * Trakt's shape (an export or the account's API answers): plays are de-duplicated on Trakt's play id and
 * aggregated per show or film with the ratings; the watchlist joins the plan; the watched summaries cross-check
 * the history.
 */
export class TraktShape implements SnapshotShape<TraktValue> {
  readonly keyPrefix = 'trakt:';
  readonly runKinds = TRAKT_RUN_KINDS;
  readonly digestHeader = `derivation ${DERIVATION_VERSION}\n`;
  /** The plan needs the watchlist; history and ratings are in silver, the watched summaries' cross-check is kept. */
  readonly identicalSections = ['watchlist'] as const;
  private readonly plays: TraktPlay[] = [];
  private readonly playIds = new Set<number>();
  private readonly media = new MediaInterner();
  private readonly ratings: TraktRating[] = [];
  private readonly watchlist: TraktWatchlistItem[] = [];
  private readonly watched: TraktWatchedSummary[] = [];
  private readonly historyPages: string[] = [];

  digestRecord(raw: RawRecord, hash: string): string {
    return `${raw.section}\u0000${raw.key}\u0000${hash}\n`;
  }

  digestSkip(k: SkippedRecord): string {
    return `skip\u0000${k.file}\u0000${k.index}\u0000${k.field}\n`;
  }

  collect(page: SnapshotPage<TraktValue>): void {
    switch (page.section) {
      case 'history':
        this.historyPages.push(page.origin ?? page.name);
        for (const r of page.records) {
          const play = r.value as TraktPlay;
          this.playIds.add(play.playId);
          play.media = this.media.intern(play.media);
          this.plays.push(play);
        }
        break;
      case 'ratings':
        for (const r of page.records) this.ratings.push(r.value as TraktRating);
        break;
      case 'watchlist':
        for (const r of page.records) this.watchlist.push(r.value as TraktWatchlistItem);
        break;
      case 'watched':
        for (const r of page.records) this.watched.push(r.value as TraktWatchedSummary);
        break;
    }
  }

  emptyError(snapshot: SourceSnapshot<TraktValue>, skipped: readonly SkippedRecord[]): Error | null {
    if (this.plays.length > 0) return null;
    // Named as the reader names them (the path given, then the file), like every other refusal of an export.
    const history = this.historyPages;
    return emptyExportError({
      exportPath: snapshot.path,
      files: history,
      skipped: skipped.filter((k) => history.includes(k.file)),
      kind: 'trakt',
    });
  }

  derive() {
    const unique = dedupePlays(this.plays);
    const titles = aggregateTitles(unique.plays, this.ratings);
    return {
      gold: titles.map(toGold),
      writeSilver: (db: Parameters<typeof syncSilver>[0]) =>
        syncSilver(db, unique.plays.map(toSilverPlay), titles, this.watchlist),
      matches: () => [],
      crossCheck: crossCheckWatched(titles, this.watched),
      duplicates: unique.duplicates,
    };
  }

  identical(db: Parameters<typeof silverPlayTotals>[0]) {
    // Silver is this very batch's, so the cross-check still names what it found (`import --json` lists it all).
    return {
      crossCheck: crossCheckWatched(silverPlayTotals(db), this.watched),
      duplicates: this.plays.length - this.playIds.size,
    };
  }

  planItems() {
    return this.watchlist
      .filter((w) => w.kind === 'show' || w.kind === 'movie')
      .map((w) => ({
        title: w.media.title,
        malId: null,
        notes: w.notes,
        source: 'trakt-watchlist' as const,
        sourceKey: titleKey(w.media),
      }));
  }
}
