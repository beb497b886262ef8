/**
 * Enrichment benchmark (not a test): anidex's real client against the fake servers at their real limits
 * (AniList 30 requests per rolling minute while degraded, 90 when not; Jikan 3 per second and 60 per minute).
 *
 *   npm run bench:enrich            # about seven minutes: the limits are real
 *
 * Scenarios: the sample library cold and warm (AniList, then Jikan), and synthetic libraries on AniList large enough
 * that the rate limit decides the wall time: at 30 a minute, at 90 a minute, and at 30 a minute behind headers that
 * say 90 (as AniList's did in 2024-25). anidex is not told the limit: it reads X-RateLimit-Limit and -Remaining.
 * For each: calls, 429s, wall time, and the floor — the least time the server's limit allows for that many calls.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../src/warehouse/store.ts';
import { importTraktExport } from '../src/app/import.ts';
import { enrichTitles, type EnrichResult } from '../src/app/enrich.ts';
import { AniListProvider } from '../src/enrich/anilist.ts';
import { JikanProvider } from '../src/enrich/jikan.ts';
import type { Provider } from '../src/enrich/provider.ts';
import type { RateWindow } from '../src/lib/rate-limiter.ts';
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

/**
 * Least time the same calls could take one at a time, each lasting as long as it did, under sliding windows counted
 * at their starts: what a client that waits for nothing but the limit would need.
 */
export function floorWithDurationsMs(durations: readonly number[], windows: readonly RateWindow[]): number {
  const starts: number[] = [];
  let end = 0;
  for (const d of durations) {
    let t = end;
    for (const w of windows) if (starts.length >= w.limit) t = Math.max(t, starts[starts.length - w.limit]! + w.ms);
    starts.push(t);
    end = t + d;
  }
  return end;
}

interface Row {
  scenario: string;
  titles: number;
  calls: number;
  http429: number;
  wallMs: number;
  serverFloorMs: number;
  /** The floor with the calls' own durations (see floorWithDurationsMs). */
  timedFloorMs: number;
  matched: number;
}

async function run(
  scenario: string,
  exports: string[],
  provider: Provider,
  serverWindows: RateWindow[],
  dataDir?: string,
): Promise<{ row: Row; dataDir: string }> {
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
  // A 429's request never counted on the server: the floor is for the calls that were answered.
  const answered = provider.limiter.spans.map((x) => x.end - x.start).slice(0, calls - r.counts.http429);
  const row = {
    scenario,
    titles: r.titles,
    calls,
    http429: r.counts.http429,
    wallMs,
    serverFloorMs: floorMs(calls, serverWindows),
    timedFloorMs: floorWithDurationsMs(answered, serverWindows),
    matched: r.matched,
  };
  console.error(`${scenario}: ${calls} calls, ${r.counts.http429} × 429, ${(wallMs / 1000).toFixed(1)} s`);
  return { row, dataDir: dir };
}

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const sample = ['data/sample/trakt-2026-05-01', 'data/sample/trakt-2026-08-15.zip'];
  const rows: Row[] = [];
  const cleanup: string[] = [];

  const ANILIST_30: RateWindow[] = [{ limit: 30, ms: 60_000 }];
  const ANILIST_90: RateWindow[] = [{ limit: 90, ms: 60_000 }];
  const JIKAN_SERVER: RateWindow[] = [
    { limit: 3, ms: 1000 },
    { limit: 60, ms: 60_000 },
  ];
  const aniList = (url: string): AniListProvider => new AniListProvider({ url, userAgent: UA });
  /** One scenario: its row is kept and its data dir removed at the end (a warm run reuses the cold one's). */
  const measure = async (...args: Parameters<typeof run>): Promise<Awaited<ReturnType<typeof run>>> => {
    const r = await run(...args);
    rows.push(r.row);
    cleanup.push(r.dataDir);
    return r;
  };

  const synthetic = mkdtempSync(join(tmpdir(), 'anidex-bench-synth-'));
  cleanup.push(synthetic);
  generateSyntheticExport(join(synthetic, 'small'), { plays: 6_000, titles: 1_200, years: 5, seed: 7 });
  generateSyntheticExport(join(synthetic, 'large'), { plays: 12_000, titles: 2_600, years: 5, seed: 11 });

  const at30 = await startFakeAniList({ limitPerMinute: 30, windowMs: 60_000 });
  try {
    const cold = await measure('AniList 30/min, sample, cold', sample, aniList(at30.url), ANILIST_30);
    await measure('AniList 30/min, sample, warm', [], aniList(at30.url), ANILIST_30, cold.dataDir);
    at30.resetRateLimit();
    await measure('AniList 30/min, 1 250 titles, cold', [join(synthetic, 'small')], aniList(at30.url), ANILIST_30);
  } finally {
    await at30.close();
  }
  const at90 = await startFakeAniList({ limitPerMinute: 90, windowMs: 60_000 });
  try {
    await measure('AniList 90/min, 2 600 titles, cold', [join(synthetic, 'large')], aniList(at90.url), ANILIST_90);
  } finally {
    await at90.close();
  }
  // The headers of 2024-25: X-RateLimit-Limit 90 and a Remaining counted from 90, while 30 a minute was enforced.
  const liar = await startFakeAniList({
    limitPerMinute: 30,
    windowMs: 60_000,
    advertisedLimit: 90,
    headers429: 'recorded',
  });
  // The picker is asked for each request the window accepted: Remaining counts those of the last minute down from 90.
  const accepted: number[] = [];
  liar.setFaultFn(() => {
    const now = Date.now();
    while (accepted.length && accepted[0]! <= now - 60_000) accepted.shift();
    accepted.push(now);
    return {
      kind: 'headers',
      headers: { 'X-RateLimit-Limit': '90', 'X-RateLimit-Remaining': String(Math.max(0, 90 - accepted.length)) },
    };
  });
  try {
    await measure(
      'AniList 30/min, headers say 90, 1 250 titles',
      [join(synthetic, 'small')],
      aniList(liar.url),
      ANILIST_30,
    );
  } finally {
    await liar.close();
  }

  const jikan = await startFakeJikan();
  try {
    const cold = await measure(
      'Jikan, sample, cold',
      sample,
      new JikanProvider({ url: jikan.url, userAgent: UA }),
      JIKAN_SERVER,
    );
    await measure(
      'Jikan, sample, warm',
      [],
      new JikanProvider({ url: jikan.url, userAgent: UA }),
      JIKAN_SERVER,
      cold.dataDir,
    );
  } finally {
    await jikan.close();
  }
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });

  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(
    `Machine: ${cpu}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  );
  console.log('');
  console.log(
    "| scenario | titles | matched | calls | 429s | wall time | floor: limit alone | floor: limit + the calls' own time | wall ÷ that floor |",
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const ratio = r.timedFloorMs > 1000 ? (r.wallMs / r.timedFloorMs).toFixed(2) : '—';
    console.log(
      `| ${r.scenario} | ${r.titles} | ${r.matched} | ${r.calls} | ${r.http429} | ${s(r.wallMs)} | ${s(r.serverFloorMs)} | ${s(r.timedFloorMs)} | ${ratio} |`,
    );
  }
}

await main();
