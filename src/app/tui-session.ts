import { resolve } from 'node:path';
import { Warehouse } from '../warehouse/store.ts';
import { statsView } from './stats-view.ts';
import { libraryView, type LibraryEntry } from './library-view.ts';
import { listRuns } from '../warehouse/runs.ts';
import { readViewCache, warehouseIdentity, writeViewCache } from '../warehouse/view-cache.ts';
import type { PlanItem } from '../warehouse/plan.ts';
import { addRecommendationsToPlan, movePlanItem, planList, removeFromPlan } from './plan-to-watch.ts';
import { demoDir } from './demo-dir.ts';
import { sampleNotice } from './sample-in-warehouse.ts';
import { titleView } from './title-view.ts';
import type {
  AccountStatus,
  Engine,
  LibraryItem,
  PlanEntry,
  RecommendedTitle,
  RecommendOutcome,
  RecommendRequest,
  StatsView,
  TitleView,
  WorkEvent,
} from './view-models.ts';
import type { PathCompletion } from './export-path.ts';
import type { StatsNumbers } from '../domain/stats-numbers.ts';
import { geminiUsageFile, resolveDirs, version, type AnidexDirs } from '../lib/config.ts';
import { AnidexError } from '../lib/errors.ts';
import { geminiConfigFromEnv } from '../ai/gemini-config.ts';

/** Whether the Gemini engine can run, asked without loading Gemini's client (see recommender.ts's geminiKeySet). */
const geminiKeySet = (): boolean => geminiConfigFromEnv() !== null;

/*
 * What only some keys need is loaded when first used, not before the first frame: the export readers (saxes,
 * yauzl), the HTTP and rate-limit clients (got, bottleneck) behind imports, enrichment and syncs, and the
 * recommenders with Gemini's client. Loading them took about a third of the TUI's module loading.
 */
const importing = () => import('./import-any.ts');
const demoBuilding = () => import('./demo.ts');
const enriching = () => import('./enrich-and-label.ts');
const summaries = () => import('./run-summary.ts');
const recommending = () => import('./recommender.ts');
const accountSettings = () => import('../settings/accounts-setting.ts');
const syncing = () => import('./sync-accounts.ts');
const exportPaths = () => import('./export-path.ts');

/** Everything the TUI asks of anidex; screens see only this, never SQL or files. Tests can hand the app a fake. */
export interface TuiServices {
  isEmpty(): Promise<boolean>;
  library(): Promise<LibraryItem[]>;
  title(titleKey: string): Promise<TitleView>;
  stats(): Promise<StatsView>;
  plan(): Promise<PlanEntry[]>;
  addToPlan(r: RecommendedTitle, engine: Engine): Promise<boolean>;
  removeFromPlan(id: number): Promise<boolean>;
  movePlanItem(id: number, priority: number): Promise<boolean>;
  /** The screens show the demo warehouse (the bundled sample), not the person's own. */
  isDemo(): boolean;
  /** A sentence for the banner when the person's own warehouse holds the bundled sample, else null. */
  sampleNotice(): Promise<string | null>;
  /**
   * Import an export into the person's warehouse and enrich it, or (`path` null) open the demo, building it from
   * the bundled sample the first time; either way the screens then show that warehouse. A summary in lines.
   */
  importExport(path: string | null, opts: { signal: AbortSignal; onEvent: (e: WorkEvent) => void }): Promise<string[]>;
  /** The connected accounts and when each last synced into the person's own warehouse. */
  accounts(): Promise<AccountStatus[]>;
  /**
   * Sync every connected account into the person's own warehouse (each its own all-or-nothing load), then enrich;
   * the same events as an import. A summary in lines; rejects only when every account failed.
   */
  syncAccounts(opts: { signal: AbortSignal; onEvent: (e: WorkEvent) => void }): Promise<string[]>;
  recommend(req: RecommendRequest, signal: AbortSignal): Promise<RecommendOutcome>;
  engines(): Engine[];
  checkExportPath(path: string): Promise<string | null>;
  completeExportPath(typed: string): Promise<PathCompletion>;
}

/** What the library screen starts from: kept in the cache folder, so the next start draws it at once. */
export interface LibrarySnapshot<Row extends LibraryItem = LibraryEntry> {
  rows: Row[];
  empty: boolean;
  /** The rows are the demo's (the bundled sample), not the person's own. */
  demo?: boolean;
}

/**
 * A title as the cache keeps it: what the screens read of it (LibraryItem) and nothing more. The cache is read and
 * parsed before the first frame of every start; the warehouse's other columns (ids, dates, ratings per source,
 * studios, the match's reasons) made it 40 % bigger for nothing a screen shows.
 */
function cachedItem(e: LibraryItem): LibraryItem {
  return {
    titleKey: e.titleKey,
    title: e.title,
    normTitle: e.normTitle,
    normNames: e.normNames,
    titleEnglish: e.titleEnglish,
    titleRomaji: e.titleRomaji,
    year: e.year,
    mediaType: e.mediaType,
    format: e.format,
    userRating: e.userRating,
    episodesWatched: e.episodesWatched,
    totalEpisodes: e.totalEpisodes,
    animeEpisodes: e.animeEpisodes,
    minutesPerEpisode: e.minutesPerEpisode,
    totalPlays: e.totalPlays,
    lastWatchedAt: e.lastWatchedAt,
    genres: e.genres,
    moods: e.moods,
    status: e.status,
    matchStatus: e.matchStatus,
    malId: e.malId,
    hasMetadata: e.hasMetadata,
  };
}

const LIBRARY_CACHE = 'tui-library';

const ACCOUNT_NAME = { anilist: 'AniList', mal: 'MyAnimeList', trakt: 'Trakt' } as const;

export interface SessionOptions {
  dirs?: AnidexDirs;
  /** Start on the demo warehouse instead of the person's own. */
  demo?: boolean;
}

/**
 * The TUI's services over the person's warehouse or the demo's, each opened on first use and refreshed before
 * each read so other processes' writes show. Trying the sample switches to the demo; importing an export switches
 * back to the person's own warehouse, the only one their imports ever write.
 */
export class TuiSession implements TuiServices {
  private readonly handles = new Map<string, Promise<Warehouse>>();
  private lastLibrary: { dataDir: string; identity: string | null; snapshot: LibrarySnapshot } | null = null;
  private demo: boolean;
  private readonly dirs: AnidexDirs;

  private constructor(
    private readonly ownDir: string,
    opts: SessionOptions,
  ) {
    this.dirs = opts.dirs ?? resolveDirs();
    this.demo = opts.demo ?? false;
  }

  /** A session whose warehouse opens when first needed (the first frame can come from the cache). */
  static lazy(dataDir: string, opts: SessionOptions = {}): TuiSession {
    return new TuiSession(dataDir, opts);
  }

  static async open(dataDir: string, opts: SessionOptions = {}): Promise<TuiSession> {
    const s = new TuiSession(dataDir, opts);
    await s.warehouse();
    return s;
  }

  /** The warehouse the screens show now. */
  get dataDir(): string {
    return this.demo ? demoDir(this.dirs) : this.ownDir;
  }

  isDemo(): boolean {
    return this.demo;
  }

  private warehouse(): Promise<Warehouse> {
    const dir = this.dataDir;
    let h = this.handles.get(dir);
    if (!h) {
      h = Warehouse.open(dir);
      this.handles.set(dir, h);
    }
    return h;
  }

  close(): void {
    for (const h of this.handles.values())
      void h.then(
        (wh) => wh.close(),
        () => {},
      );
  }

  private async read<T>(fn: (wh: Warehouse) => T): Promise<T> {
    const wh = await this.warehouse();
    await wh.refresh();
    return fn(wh);
  }

  /** The library as the cache kept it from this very warehouse file, or null. */
  static cachedLibrary(
    dataDir: string,
    dirs: AnidexDirs = resolveDirs(),
  ): Promise<LibrarySnapshot<LibraryItem> | null> {
    return readViewCache<LibrarySnapshot<LibraryItem>>(dirs.cache, dataDir, LIBRARY_CACHE, version());
  }

  /** Keep the last library read for the next start (only when it was read from the file as it is now). */
  saveLibraryCache(): void {
    const last = this.lastLibrary;
    if (!last?.identity) return;
    const kept: LibrarySnapshot<LibraryItem> = { ...last.snapshot, rows: last.snapshot.rows.map(cachedItem) };
    writeViewCache(this.dirs.cache, last.dataDir, LIBRARY_CACHE, last.identity, kept);
  }

  /** The library and whether the warehouse is empty, read together (what the first frame needs). */
  async librarySnapshot(): Promise<LibrarySnapshot> {
    const dataDir = this.dataDir;
    // The identity is taken before the read: if the file changes in between, the cache simply misses next time.
    const identity = await warehouseIdentity(dataDir, version());
    const snapshot = await this.read((wh) => ({
      rows: libraryView(wh.db, { planned: true }),
      empty: listRuns(wh.db, 1).length === 0,
      demo: this.demo,
    }));
    this.lastLibrary = { dataDir, identity, snapshot };
    return snapshot;
  }

  async isEmpty(): Promise<boolean> {
    return (await this.librarySnapshot()).empty;
  }

  async library(): Promise<LibraryEntry[]> {
    return (await this.librarySnapshot()).rows;
  }

  /** A sentence for the banner when the person's own warehouse holds the bundled sample (an older `npm start`). */
  async sampleNotice(): Promise<string | null> {
    if (this.demo) return null;
    return this.read((wh) => sampleNotice(wh.db));
  }

  /** Open the warehouse now, so the first key that needs it does not wait. */
  warm(): void {
    void this.warehouse().catch(() => {});
  }

  title(titleKey: string): Promise<TitleView> {
    return this.read((wh) => titleView(wh.db, titleKey));
  }

  stats(): Promise<StatsNumbers> {
    return this.read((wh) => statsView(wh.db));
  }

  plan(): Promise<PlanItem[]> {
    return this.read((wh) => planList(wh.db));
  }

  async addToPlan(r: RecommendedTitle, engine: Engine): Promise<boolean> {
    return (await addRecommendationsToPlan(await this.warehouse(), [r], engine)) > 0;
  }

  async removeFromPlan(id: number): Promise<boolean> {
    return removeFromPlan(await this.warehouse(), id);
  }

  async movePlanItem(id: number, priority: number): Promise<boolean> {
    return movePlanItem(await this.warehouse(), id, priority);
  }

  async importExport(
    path: string | null,
    opts: { signal: AbortSignal; onEvent: (e: WorkEvent) => void },
  ): Promise<string[]> {
    if (path === null) {
      // The sample never goes into the person's warehouse: it is the demo's, built once and kept in the cache.
      const { ensureDemo } = await demoBuilding();
      const built = await ensureDemo(this.dirs, {
        signal: opts.signal,
        onImport: (event) => opts.onEvent({ kind: 'import', event, label: 'the bundled sample' }),
        onEnrich: (event) => opts.onEvent({ kind: 'enrich', event }),
      });
      this.demo = true;
      return built.lines.length
        ? built.lines
        : [`The demo is ready (${built.dataDir}); your own warehouse is untouched.`];
    }
    this.demo = false;
    const wh = await this.warehouse();
    const [{ importAnyExport }, { typedPath }, { describeImport, describeEnrichment }, { enrichAndLabel }] =
      await Promise.all([importing(), exportPaths(), summaries(), enriching()]);
    const full = resolve(typedPath(path));
    const r = await importAnyExport(wh, full, {
      signal: opts.signal,
      onEvent: (event) => opts.onEvent({ kind: 'import', event, label: full }),
    });
    const lines = describeImport(r);
    // The import is saved; a cancel from here on stops enrichment and keeps what it finished.
    const enrichment = await enrichAndLabel(wh, {
      signal: opts.signal,
      usageFile: geminiUsageFile(this.dirs),
      cacheDir: this.dirs.cache,
      onEvent: (event) => opts.onEvent({ kind: 'enrich', event }),
      onLabels: () => opts.onEvent({ kind: 'labels' }),
    });
    lines.push(...describeEnrichment(enrichment));
    return lines;
  }

  async accounts(): Promise<AccountStatus[]> {
    const [{ readAccounts }, { accountLabel, connectedSources, lastSyncs }] = await Promise.all([
      accountSettings(),
      syncing(),
    ]);
    const accounts = await readAccounts(this.dirs.config);
    const own = await this.ownWarehouse();
    await own.refresh();
    const last = lastSyncs(own.db);
    return connectedSources(accounts).map((source) => ({
      source,
      name: ACCOUNT_NAME[source],
      account: accountLabel(source, accounts),
      lastSync: last[source] ?? null,
    }));
  }

  async syncAccounts(opts: { signal: AbortSignal; onEvent: (e: WorkEvent) => void }): Promise<string[]> {
    const [
      { readAccounts },
      { accountLabel, connectedSources, syncAccounts },
      { describeImport, describeEnrichment },
      { enrichAndLabel },
    ] = await Promise.all([accountSettings(), syncing(), summaries(), enriching()]);
    const accounts = await readAccounts(this.dirs.config);
    const sources = connectedSources(accounts);
    if (!sources.length)
      throw new AnidexError(
        'No account is connected, so there is nothing to sync.',
        'Connect one at the command line: `anidex connect anilist <user>` (see docs/sync.md).',
      );
    // Syncs write the person's own warehouse only, never the demo's.
    this.demo = false;
    const wh = await this.warehouse();
    const label = (s: (typeof sources)[number]): string => `${ACCOUNT_NAME[s]} (${accountLabel(s, accounts)})`;
    const outcomes = await syncAccounts(wh, accounts, sources, {
      stateDir: this.dirs.state,
      signal: opts.signal,
      onStart: (s) =>
        opts.onEvent({
          kind: 'import',
          event: { type: 'stage', stage: 'read' },
          label: `${label(s)}: pulling the list…`,
        }),
      onEvent: (s, event) => opts.onEvent({ kind: 'import', event, label: label(s) }),
    });
    const lines: string[] = [];
    for (const o of outcomes) {
      if (o.error)
        lines.push(
          `${label(o.source)} failed: ${(o.error as Error).message}${(o.error as { hint?: string }).hint ? ` ${(o.error as { hint?: string }).hint}` : ''}`,
        );
      else
        lines.push(
          `${label(o.source)}:${o.result!.identical ? ' unchanged since the last sync' : ''}`,
          ...describeImport(o.result!).slice(1),
        );
    }
    if (outcomes.every((o) => o.error)) throw new AnidexError(lines.join(' '));
    const enrichment = await enrichAndLabel(wh, {
      signal: opts.signal,
      usageFile: geminiUsageFile(this.dirs),
      cacheDir: this.dirs.cache,
      onEvent: (event) => opts.onEvent({ kind: 'enrich', event }),
      onLabels: () => opts.onEvent({ kind: 'labels' }),
    });
    lines.push(...describeEnrichment(enrichment));
    return lines;
  }

  private ownWarehouse(): Promise<Warehouse> {
    let h = this.handles.get(this.ownDir);
    if (!h) {
      h = Warehouse.open(this.ownDir);
      this.handles.set(this.ownDir, h);
    }
    return h;
  }

  async recommend(req: RecommendRequest, signal: AbortSignal): Promise<RecommendOutcome> {
    const rec = (await recommending()).recommender(await this.warehouse(), this.dirs);
    const ask = { filter: req.filter, count: req.count, signal, titleLanguage: req.titleLanguage };
    if (req.engine === 'gemini') {
      if (!geminiKeySet())
        throw new AnidexError(
          'The Gemini engine needs GEMINI_API_KEY.',
          'Set GEMINI_API_KEY and start anidex again, or use the local engine, which needs no key.',
        );
      const r = await rec.gemini(ask);
      const x = r.dropped;
      const dropped = x.invented + x.alreadyWatched + x.outsideFilters + x.notSent + x.malformed + x.duplicates;
      return {
        ...r,
        note: `${r.model} ranked ${r.items.length}; ${dropped} answers dropped by validation; ${r.requestsToday} requests today, ${r.remainingToday} left.`,
      };
    }
    const r = await rec.local(ask);
    return {
      ...r,
      sent: null,
      note: `${r.poolSize} candidates from ${r.sources} of your titles${r.coldStart ? ' (cold start: few ratings, leaning on popularity)' : ''}; nothing left this machine.`,
    };
  }

  engines(): Engine[] {
    return geminiKeySet() ? ['local', 'gemini'] : ['local'];
  }

  async checkExportPath(path: string): Promise<string | null> {
    return (await exportPaths()).checkExportPath(path);
  }

  async completeExportPath(typed: string): Promise<PathCompletion> {
    return (await exportPaths()).completeExportPath(typed);
  }
}
