/**
 * Matching benchmark (not a test): how right anidex's matches are on a labelled Trakt export, against a fake AniList
 * that answers from real MyAnimeList catalogue data, with the id mapping and without it.
 *
 *   npm run bench:match -- --export <trakt export> --truth <truth.csv> --catalog <dir> [--mapping <anime-list-full.json>] [--json]
 *
 * - --catalog: the MAL catalogue CSVs (see scripts/lib/mal-catalogue.ts); every anime becomes a Media of the fake
 *   AniList (main title as romaji, English title where known, format, episodes, year; popularity = MAL members), and
 *   the fake's search ranks them as AniList's SEARCH_MATCH does (relevance, then popularity).
 * - --truth: `trakt_id,kind,title,year,mal_id[,season_mal_ids]` — the MAL id each title should get, empty when it is
 *   not anime; season_mal_ids (`;`-separated) the MAL entries a show's watched seasons belong to.
 * - --mapping: the id mapping's file, served by a fake on 127.0.0.1 and downloaded by anidex's own code (as on first
 *   need); without it only the run without the mapping is made.
 * Both runs import the export into a fresh warehouse and enrich it with anidex's real client, matcher and cache.
 * Reported for anime titles: precision (right matches ÷ all matches), recall (right matches ÷ anime titles), which
 * were found by ids, per-season accuracy, and every wrong or missed title with anidex's reason. `scripts/make-match-eval.ts`
 * builds such an export and truth from the catalogue and a mapping.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { Warehouse } from '../src/warehouse/store.ts';
import { importTraktExport } from '../src/app/import.ts';
import { enrichTitles } from '../src/app/enrich.ts';
import { AniListProvider } from '../src/enrich/anilist.ts';
import { loadMapping } from '../src/enrich/mapping-store.ts';
import { allMatches, showSeasons } from '../src/warehouse/enrichment.ts';
import { startFakeAniList } from '../test/fakes/anilist-server.ts';
import { startFakeMapping } from '../test/fakes/mapping-server.ts';
import { customAnimeDb } from '../test/fakes/anime-db.ts';
import type { MalEntry } from './sample/catalog.ts';
import { readCatalogue } from './lib/mal-catalogue.ts';

interface Truth {
  traktId: number;
  kind: string;
  title: string;
  year: number | null;
  malId: number | null;
  seasonMalIds: number[];
}

interface Outcome {
  mode: string;
  titles: number;
  anime: number;
  matched: number;
  right: number;
  precision: number;
  recall: number;
  byIds: { matched: number; right: number };
  seasons: { shows: number; right: number; wrong: string[] };
  wrong: Array<{ title: string; year: number | null; got: number | null; want: number | null; why: string }>;
  seconds: number;
  calls: number;
}

const log = (m: string): void => void process.stderr.write(`${m}\n`);
const ratio = (a: number, b: number): number => (b === 0 ? 1 : Math.round((a / b) * 1000) / 1000);

function readTruth(path: string): Truth[] {
  const rows = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<
    Record<string, string>
  >;
  return rows.map((r) => ({
    traktId: Number(r.trakt_id),
    kind: r.kind ?? '',
    title: r.title ?? '',
    year: r.year ? Number(r.year) : null,
    malId: r.mal_id ? Number(r.mal_id) : null,
    seasonMalIds: (r.season_mal_ids ?? '').split(';').filter(Boolean).map(Number),
  }));
}

async function run(
  mode: string,
  exportDir: string,
  truth: Truth[],
  anilistUrl: string,
  mappingUrl: string | null,
): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'anidex-bench-match-'));
  const t0 = performance.now();
  try {
    const wh = await Warehouse.open(join(dir, 'data'));
    await importTraktExport(wh, exportDir, { asOf: '2026-12-01T00:00:00.000Z' });
    const mapping = mappingUrl
      ? await loadMapping({ cacheDir: join(dir, 'cache'), url: mappingUrl, userAgent: 'anidex-bench' })
      : null;
    if (mappingUrl && !mapping?.mapping) throw new Error(`the mapping could not be loaded: ${mapping?.problem}`);
    const provider = new AniListProvider({ url: anilistUrl, userAgent: 'anidex-bench' });
    const r = await enrichTitles(wh, { provider, mapping: mapping?.mapping ?? null, useBundled: false });
    if (r.pending || r.stoppedBecause)
      throw new Error(`enrichment did not finish: ${r.stoppedBecause ?? `${r.pending} pending`}`);
    const rows = wh.db.all<{ k: string; traktId: number; malId: number | null }>(
      "SELECT title_key AS k, trakt_id AS traktId, mal_id AS malId FROM user_watch_history WHERE is_current = 1 AND title_key LIKE 'trakt:%'",
    );
    const matches = allMatches(wh.db);
    const seasons = showSeasons(wh.db);
    const byTrakt = new Map(rows.map((x) => [x.traktId, x]));
    const out: Outcome = {
      mode,
      titles: truth.length,
      anime: 0,
      matched: 0,
      right: 0,
      precision: 0,
      recall: 0,
      byIds: { matched: 0, right: 0 },
      seasons: { shows: 0, right: 0, wrong: [] },
      wrong: [],
      seconds: 0,
      calls: r.counts.apiCalls,
    };
    for (const t of truth) {
      const row = byTrakt.get(t.traktId);
      if (!row) throw new Error(`Trakt id ${t.traktId} (${t.title}) is not in the export`);
      const m = matches.get(row.k);
      const got = row.malId;
      if (t.malId !== null) out.anime++;
      if (got !== null) {
        out.matched++;
        if (m?.method === 'mapping') out.byIds.matched++;
      }
      const right = got !== null && got === t.malId;
      if (right) {
        out.right++;
        if (m?.method === 'mapping') out.byIds.right++;
      }
      if (got !== t.malId)
        out.wrong.push({ title: t.title, year: t.year, got, want: t.malId, why: m?.reason ?? '(no decision)' });
      if (t.seasonMalIds.length > 1 && mappingUrl) {
        out.seasons.shows++;
        const watched = (seasons.get(row.k) ?? [])
          .filter((p) => p.episodesWatched > 0 && p.season !== 0)
          .map((p) => p.malId)
          .sort((a, b) => a - b);
        const want = [...t.seasonMalIds].sort((a, b) => a - b);
        if (JSON.stringify(watched) === JSON.stringify(want)) out.seasons.right++;
        else
          out.seasons.wrong.push(
            `${t.title}: watched seasons gave MAL ${watched.join(', ') || 'none'}, want ${want.join(', ')}`,
          );
      }
    }
    out.precision = ratio(out.right, out.matched);
    out.recall = ratio(out.right, out.anime);
    out.seconds = Math.round((performance.now() - t0) / 100) / 10;
    wh.close();
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      export: { type: 'string' },
      truth: { type: 'string' },
      catalog: { type: 'string' },
      mapping: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (!values.export || !values.truth || !values.catalog) {
    console.error(
      'Usage: npm run bench:match -- --export <trakt export> --truth <truth.csv> --catalog <dir> [--mapping <anime-list-full.json>] [--json]',
    );
    process.exit(2);
  }
  const truth = readTruth(values.truth);
  log(`reading the catalogue in ${values.catalog}`);
  const catalogue = readCatalogue(values.catalog);
  const entries: MalEntry[] = [...catalogue.values()].map((a) => ({
    malId: a.malId,
    anilistId: a.malId,
    romaji: a.romaji,
    english: a.english,
    native: a.romaji,
    format: (a.format ?? 'TV') as MalEntry['format'],
    episodes: a.episodes,
    minutes: 24,
    season: null,
    year: a.year as number,
    genres: a.genres as MalEntry['genres'],
    tags: [],
    studios: [],
    averageScore: a.score === null ? null : Math.round(a.score * 10),
    malScore: a.score,
  }));
  const db = customAnimeDb(
    entries.map((e) => [e]),
    { recommendations: false },
  );
  for (const m of db.media) m.popularity = catalogue.get(m.idMal!)?.members ?? 0;
  log(`fake AniList: ${db.media.length} anime`);
  const anilist = await startFakeAniList({ db, limitPerMinute: 100_000 });
  const results: Outcome[] = [];
  try {
    log('run 1: without the id mapping');
    results.push(await run('without the id mapping', values.export, truth, anilist.url, null));
    if (values.mapping) {
      const file = JSON.parse(readFileSync(values.mapping, 'utf8')) as unknown[];
      const fake = await startFakeMapping(file, new Date());
      try {
        log('run 2: with the id mapping');
        results.push(await run('with the id mapping', values.export, truth, anilist.url, fake.url));
      } finally {
        await fake.close();
      }
    }
  } finally {
    await anilist.close();
  }

  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(
    `Machine: ${cpu}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; ${truth.length} titles, ${results[0]!.anime} anime`,
  );
  console.log('');
  console.log(
    '| run | matched | right | precision | recall | by ids (right/matched) | seasons right | API calls | time |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const seasons = r.seasons.shows ? `${r.seasons.right}/${r.seasons.shows}` : '—';
    console.log(
      `| ${r.mode} | ${r.matched} | ${r.right} | ${r.precision.toFixed(3)} | ${r.recall.toFixed(3)} | ${r.byIds.right}/${r.byIds.matched} | ${seasons} | ${r.calls} | ${r.seconds} s |`,
    );
  }
  for (const r of results) {
    console.log('');
    console.log(`Wrong or missed, ${r.mode}:`);
    for (const w of r.wrong)
      console.log(`- ${w.title} (${w.year ?? '?'}): got ${w.got ?? 'none'}, want ${w.want ?? 'none'} — ${w.why}`);
    if (r.wrong.length === 0) console.log('- none');
    for (const w of r.seasons.wrong) console.log(`- seasons: ${w}`);
  }
  if (values.json)
    console.log(
      JSON.stringify({
        titles: truth.length,
        runs: results.map(({ wrong, seasons, ...r }) => ({
          ...r,
          seasons: { shows: seasons.shows, right: seasons.right },
          wrong: wrong.length,
        })),
      }),
    );
}

await main();
