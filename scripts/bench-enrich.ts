/**
 * Enrichment benchmark (not a test): anidex's real client against the fake servers at their real limits
 * (AniList 30 requests per rolling minute; Jikan 3 per second and 60 per minute).
 *
 *   npm run bench:enrich            # about five minutes: the limits are real
 *
 * Scenarios: the sample library cold and warm (AniList, then Jikan), and a 1 200-title synthetic library on
 * AniList, large enough that the rate limit decides the wall time. For each: calls, 429s, wall time, and the
 * floor — the least time the limit allows for that many calls — under the server's limit and under
 * anidex's own (set safely below it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../src/warehouse/store.ts';
import { importTraktExport } from '../src/pipeline/import.ts';
import { enrichTitles, type EnrichResult } from '../src/pipeline/enrich.ts';
import { AniListProvider } from '../src/enrich/anilist.ts';
import { JikanProvider } from '../src/enrich/jikan.ts';
import type { Provider } from '../src/enrich/provider.ts';
import type { RateWindow } from '../src/enrich/rate-limiter.ts';
import { startFakeAniList } from '../test/fakes/anilist-server.ts';
import { startFakeJikan } from '../test/fakes/jikan-server.ts';
import { generateSyntheticExport } from './gen-synthetic-export.ts';

const UA = 'anidex-bench';

/** Least time `calls` requests can take under sliding windows (request i waits for a slot in every window). */
export function floorMs(calls: number, windows: readonly RateWindow[]): number {
  const starts: number[] = [];
  let t = 0;
  for (let i = 0; i < calls; i++) {
    for (const w of windows) if (starts.length >= w.limit) t = Math.max(t, starts[starts.length - w.limit]! + w.ms);
    starts.push(t);
  }
  return starts.length ? starts[starts.length - 1]! : 0;
}

interface Row {
  scenario: string;
  titles: number;
  calls: number;
  http429: number;
  wallMs: number;
  serverFloorMs: number;
  clientFloorMs: number;
  matched: number;
}

async function run(scenario: string, exports: string[], provider: Provider, serverWindows: RateWindow[], clientWindows: RateWindow[], dataDir?: string): Promise<{ row: Row; dataDir: string }> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'anidex-bench-enrich-'));
  const wh = await Warehouse.open(dir);
  if (!dataDir) {
    let at = Date.parse('2026-05-01T12:00:00.000Z');
    for (const e of exports) {
      await importTraktExport(wh, e, { asOf: new Date(at).toISOString() });
      at += 86_400_000;
    }
  }
  const t0 = performance.now();
  const r: EnrichResult = await enrichTitles(wh, { provider, useBundled: false });
  const wallMs = performance.now() - t0;
  wh.close();
  const calls = r.counts.apiCalls;
  const row = { scenario, titles: r.titles, calls, http429: r.counts.http429, wallMs, serverFloorMs: floorMs(calls, serverWindows), clientFloorMs: floorMs(calls, clientWindows), matched: r.matched };
  console.error(`${scenario}: ${calls} calls, ${r.counts.http429} × 429, ${(wallMs / 1000).toFixed(1)} s`);
  return { row, dataDir: dir };
}

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const sample = ['data/sample/trakt-2026-05-01', 'data/sample/trakt-2026-08-15.zip'];
  const rows: Row[] = [];
  const cleanup: string[] = [];

  const ANILIST_SERVER: RateWindow[] = [{ limit: 30, ms: 60_000 }];
  const ANILIST_CLIENT: RateWindow[] = [{ limit: 30, ms: 62_000 }];
  const JIKAN_SERVER: RateWindow[] = [{ limit: 3, ms: 1000 }, { limit: 60, ms: 60_000 }];
  const JIKAN_CLIENT: RateWindow[] = [{ limit: 3, ms: 1100 }, { limit: 60, ms: 62_000 }];

  const anilist = await startFakeAniList({ limitPerMinute: 30, windowMs: 60_000 });
  try {
    const cold = await run('AniList, sample, cold', sample, new AniListProvider({ url: anilist.url, userAgent: UA }), ANILIST_SERVER, ANILIST_CLIENT);
    rows.push(cold.row);
    cleanup.push(cold.dataDir);
    rows.push((await run('AniList, sample, warm', [], new AniListProvider({ url: anilist.url, userAgent: UA }), ANILIST_SERVER, ANILIST_CLIENT, cold.dataDir)).row);
    anilist.resetRateLimit();
    const synthetic = mkdtempSync(join(tmpdir(), 'anidex-bench-synth-'));
    cleanup.push(synthetic);
    generateSyntheticExport(join(synthetic, 'export'), { plays: 6_000, titles: 1_200, years: 5, seed: 7 });
    const big = await run('AniList, 1 200 titles, cold', [join(synthetic, 'export')], new AniListProvider({ url: anilist.url, userAgent: UA }), ANILIST_SERVER, ANILIST_CLIENT);
    rows.push(big.row);
    cleanup.push(big.dataDir);
  } finally {
    await anilist.close();
  }

  const jikan = await startFakeJikan();
  try {
    const cold = await run('Jikan, sample, cold', sample, new JikanProvider({ url: jikan.url, userAgent: UA }), JIKAN_SERVER, JIKAN_CLIENT);
    rows.push(cold.row);
    cleanup.push(cold.dataDir);
    rows.push((await run('Jikan, sample, warm', [], new JikanProvider({ url: jikan.url, userAgent: UA }), JIKAN_SERVER, JIKAN_CLIENT, cold.dataDir)).row);
  } finally {
    await jikan.close();
  }
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });

  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(`Machine: ${cpu}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  console.log('');
  console.log('| scenario | titles | matched | calls | 429s | wall time | floor (server limit) | floor (anidex limit) | wall ÷ anidex floor |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const ratio = r.clientFloorMs > 0 ? (r.wallMs / r.clientFloorMs).toFixed(2) : '—';
    console.log(`| ${r.scenario} | ${r.titles} | ${r.matched} | ${r.calls} | ${r.http429} | ${s(r.wallMs)} | ${s(r.serverFloorMs)} | ${s(r.clientFloorMs)} | ${ratio} |`);
  }
}

await main();
