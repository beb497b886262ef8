import { join, relative, resolve } from 'node:path';
import { Warehouse } from '../warehouse/store.ts';
import { statsNumbers } from '../warehouse/queries.ts';
import { libraryView, type LibraryEntry } from './library-view.ts';
import { listRuns } from '../warehouse/runs.ts';
import { readViewCache, warehouseIdentity, writeViewCache } from '../warehouse/view-cache.ts';
import { addPlanItems, planItems, removePlanItem, reprioritize, type PlanItem } from '../warehouse/plan.ts';
import { importAnyExport } from './import-any.ts';
import { importSample } from './sample.ts';
import { enrichAndLabel } from './enrich-and-label.ts';
import { describeEnrichment, describeImport } from './run-summary.ts';
import { recommendGemini, recommendLocal, type GeminiRecommendResult, type RecommendResult } from './recommend.ts';
import { titleView, type TitleView } from './title-view.ts';
import { checkExportPath, completeExportPath, typedPath, type PathCompletion } from './export-path.ts';
import type { ImportEvent } from './events.ts';
import type { EnrichEvent } from './enrich.ts';
import type { StatsNumbers } from '../domain/stats-text.ts';
import type { LibraryFilter } from '../domain/filters.ts';
import type { Recommendation } from '../recommend/local.ts';
import { providerFromEnv } from '../enrich/providers.ts';
import { GeminiClient, geminiConfigFromEnv } from '../ai/gemini.ts';
import { UsageCounter } from '../ai/usage.ts';
import { packageRoot, version } from '../config.ts';
import { AnidexError } from '../domain/errors.ts';
import type { TitleLanguage } from '../domain/title-language.ts';

/** What long work reports to the screen that shows it. */
export type WorkEvent = { kind: 'import'; event: ImportEvent; label: string } | { kind: 'enrich'; event: EnrichEvent } | { kind: 'labels' };

export type Engine = 'local' | 'gemini';

export interface RecommendRequest {
  filter: LibraryFilter;
  engine: Engine;
  count: number;
  titleLanguage?: TitleLanguage;
}

export type RecommendOutcome = RecommendResult & { sent: { system: string; prompt: string } | null; note: string };

/** Everything the TUI asks of anidex; screens see only this, never SQL or files. Tests can hand the app a fake. */
export interface TuiServices {
  isEmpty(): Promise<boolean>;
  library(): Promise<LibraryEntry[]>;
  title(titleKey: string): Promise<TitleView>;
  stats(): Promise<StatsNumbers>;
  plan(): Promise<PlanItem[]>;
  addToPlan(r: Recommendation, engine: Engine): Promise<boolean>;
  removeFromPlan(id: number): Promise<boolean>;
  movePlanItem(id: number, priority: number): Promise<boolean>;
  /** Import an export (or the bundled sample when `path` is null), then enrich; a summary in lines. */
  importExport(path: string | null, opts: { signal: AbortSignal; onEvent: (e: WorkEvent) => void }): Promise<string[]>;
  recommend(req: RecommendRequest, signal: AbortSignal): Promise<RecommendOutcome>;
  engines(): Engine[];
  checkExportPath(path: string): Promise<string | null>;
  completeExportPath(typed: string): Promise<PathCompletion>;
}

/** What the library screen starts from: kept in the data dir's cache, so the next start draws it at once. */
export interface LibrarySnapshot {
  rows: LibraryEntry[];
  empty: boolean;
}

const LIBRARY_CACHE = 'tui-library';

/**
 * The TUI's services over one warehouse handle, opened on first use and refreshed before each read so other
 * processes' writes show.
 */
export class TuiSession implements TuiServices {
  private handle: Promise<Warehouse> | null = null;
  private lastLibrary: { identity: string | null; snapshot: LibrarySnapshot } | null = null;

  private constructor(private readonly dataDir: string) {}

  /** A session whose warehouse opens when first needed (the first frame can come from the cache). */
  static lazy(dataDir: string): TuiSession {
    return new TuiSession(dataDir);
  }

  static async open(dataDir: string): Promise<TuiSession> {
    const s = new TuiSession(dataDir);
    await s.warehouse();
    return s;
  }

  private warehouse(): Promise<Warehouse> {
    this.handle ??= Warehouse.open(this.dataDir);
    return this.handle;
  }

  close(): void {
    void this.handle?.then((wh) => wh.close(), () => {});
  }

  private async read<T>(fn: (wh: Warehouse) => T): Promise<T> {
    const wh = await this.warehouse();
    await wh.refresh();
    return fn(wh);
  }

  /** The library as the cache kept it from this very warehouse file, or null. */
  static cachedLibrary(dataDir: string): Promise<LibrarySnapshot | null> {
    return readViewCache<LibrarySnapshot>(dataDir, LIBRARY_CACHE, version());
  }

  /** Keep the last library read for the next start (only when it was read from the file as it is now). */
  saveLibraryCache(): void {
    const last = this.lastLibrary;
    if (last?.identity) writeViewCache(this.dataDir, LIBRARY_CACHE, last.identity, last.snapshot);
  }

  /** The library and whether the warehouse is empty, read together (what the first frame needs). */
  async librarySnapshot(): Promise<LibrarySnapshot> {
    // The identity is taken before the read: if the file changes in between, the cache simply misses next time.
    const identity = await warehouseIdentity(this.dataDir, version());
    const snapshot = await this.read((wh) => ({ rows: libraryView(wh.db), empty: listRuns(wh.db, 1).length === 0 }));
    this.lastLibrary = { identity, snapshot };
    return snapshot;
  }

  async isEmpty(): Promise<boolean> {
    return (await this.librarySnapshot()).empty;
  }

  async library(): Promise<LibraryEntry[]> {
    return (await this.librarySnapshot()).rows;
  }

  /** Open the warehouse now, so the first key that needs it does not wait. */
  warm(): void {
    void this.warehouse().catch(() => {});
  }

  title(titleKey: string): Promise<TitleView> {
    return this.read((wh) => titleView(wh.db, titleKey));
  }

  stats(): Promise<StatsNumbers> {
    return this.read((wh) => statsNumbers(wh.db));
  }

  plan(): Promise<PlanItem[]> {
    return this.read((wh) => planItems(wh.db));
  }

  async addToPlan(r: Recommendation, engine: Engine): Promise<boolean> {
    const wh = await this.warehouse();
    const now = new Date().toISOString();
    const item = {
      title: r.title, malId: r.malId, streamingService: r.streaming, confidenceScore: r.confidence, notes: r.reason,
      source: engine, sourceKey: `mal:${r.malId}`, recommendedByAiAt: engine === 'gemini' ? now : null,
    };
    return (await wh.write((db) => addPlanItems(db, [item], now), { what: 'adding to the plan-to-watch list' })) > 0;
  }

  async removeFromPlan(id: number): Promise<boolean> {
    return (await this.warehouse()).write((db) => removePlanItem(db, id), { what: 'removing from the plan' });
  }

  async movePlanItem(id: number, priority: number): Promise<boolean> {
    return (await this.warehouse()).write((db) => reprioritize(db, id, priority), { what: 'reordering the plan' });
  }

  async importExport(path: string | null, opts: { signal: AbortSignal; onEvent: (e: WorkEvent) => void }): Promise<string[]> {
    const wh = await this.warehouse();
    const lines: string[] = [];
    if (path === null) {
      const results = await importSample(wh, { signal: opts.signal, onEvent: (event) => opts.onEvent({ kind: 'import', event, label: 'the bundled sample' }) });
      // The sample's paths are named from the install folder, which says nothing to the person.
      for (const r of results) lines.push(...describeImport({ ...r, sourcePath: relative(packageRoot(), r.sourcePath) }));
    } else {
      const full = resolve(typedPath(path));
      const r = await importAnyExport(wh, full, { signal: opts.signal, onEvent: (event) => opts.onEvent({ kind: 'import', event, label: full }) });
      lines.push(...describeImport(r));
    }
    // The import is saved; a cancel from here on stops enrichment and keeps what it finished.
    // The sample ships with its provider answers, so it never needs the network.
    const enrichment = await enrichAndLabel(wh, {
      offline: path === null,
      signal: opts.signal,
      onEvent: (event) => opts.onEvent({ kind: 'enrich', event }),
      onLabels: () => opts.onEvent({ kind: 'labels' }),
    });
    lines.push(...describeEnrichment(enrichment));
    return lines;
  }

  async recommend(req: RecommendRequest, signal: AbortSignal): Promise<RecommendOutcome> {
    const wh = await this.warehouse();
    const opts = { provider: providerFromEnv(version()), filter: req.filter, count: req.count, signal, titleLanguage: req.titleLanguage };
    if (req.engine === 'gemini') {
      const config = geminiConfigFromEnv();
      if (!config) throw new AnidexError('The Gemini engine needs GEMINI_API_KEY.', 'Set GEMINI_API_KEY and start anidex again, or use the local engine, which needs no key.');
      const r: GeminiRecommendResult = await recommendGemini(wh, new GeminiClient(config, new UsageCounter(join(wh.dataDir, 'gemini-usage.json'))), opts);
      const x = r.dropped;
      const dropped = x.invented + x.alreadyWatched + x.outsideFilters + x.notSent + x.malformed + x.duplicates;
      return { ...r, note: `${r.model} ranked ${r.items.length}; ${dropped} answers dropped by validation; ${r.requestsToday} requests today, ${r.remainingToday} left.` };
    }
    const r = await recommendLocal(wh, opts);
    return { ...r, sent: null, note: `${r.poolSize} candidates from your ${r.sources} titles rated 8+; nothing left this machine.` };
  }

  engines(): Engine[] {
    return geminiConfigFromEnv() ? ['local', 'gemini'] : ['local'];
  }

  checkExportPath(path: string): Promise<string | null> {
    return checkExportPath(path);
  }

  completeExportPath(typed: string): Promise<PathCompletion> {
    return completeExportPath(typed);
  }
}
