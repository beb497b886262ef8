/**
 * Warehouses for the TUI benchmark, cached under .bench/ (keyed by the recipe, the generator's version, a digest of
 * src/warehouse/migrations.ts, and the options).
 *
 * 1. A synthetic Trakt export (scripts/gen-synthetic-export.ts) with about `titles` titles and
 *    `titles × playsPerTitle` plays (the generator's title count is titles with plays; rated-only titles add ~1 %,
 *    so it is asked for titles ÷ 1.01).
 * 2. Imported by the real program: `node bin/anidex.js --data-dir <dir> import <export> --offline --as-of …`.
 *    Offline, the synthetic titles stay pending (a handful of real names match the bundled answers).
 * 3. A share of the titles is then made to look enriched, straight in the SQLite file with better-sqlite3 (the
 *    product's own tables, no product code): `enriched` of them get a `title_match` (matched) and a `dim_anime`
 *    row (format, episodes, minutes, 1–4 genres, a studio, 0–3 moods, a score) and their `mal_id` on every
 *    version, `unmatched` of them a `title_match` (unmatched, with a reason); the rest stay pending. Titles the
 *    import already matched or ruled out are left as they are. So the library draws genres, lengths and
 *    "(not anime?)" as for a person who has run `anidex enrich`.
 */

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GENERATOR_VERSION, generateSyntheticExport } from '../gen-synthetic-export.ts';
import { Rng, hash32 } from '../lib/rng.ts';
import { animeNames } from '../../src/domain/anime-names.ts';

export interface WarehouseSpec {
  titles: number;
  playsPerTitle: number;
  seed: number;
  /** Share of titles given synthetic anime metadata (matched). */
  enriched: number;
  /** Share of titles marked not anime. */
  unmatched: number;
}

export interface BenchWarehouse {
  spec: WarehouseSpec;
  dataDir: string;
  /** Current titles in the library. */
  titles: number;
  plays: number;
  matched: number;
  unmatched: number;
  pending: number;
  fileMB: number;
  /** How long building it took (0 when reused). */
  builtMs: number;
}

/** Bump when the warehouse recipe changes, so cached ones are rebuilt. */
const RECIPE_VERSION = 2;

const GENRES = [
  'Action',
  'Adventure',
  'Comedy',
  'Drama',
  'Fantasy',
  'Horror',
  'Mahou Shoujo',
  'Mecha',
  'Music',
  'Mystery',
  'Psychological',
  'Romance',
  'Sci-Fi',
  'Slice of Life',
  'Sports',
  'Supernatural',
  'Thriller',
  'Ecchi',
];
const STUDIOS = [
  'Madhouse',
  'Kyoto Animation',
  'Bones',
  'Production I.G',
  'MAPPA',
  'Wit Studio',
  'Sunrise',
  'Shaft',
  'P.A. Works',
  'Trigger',
];
const MOODS = ['cozy', 'dark', 'emotional', 'epic', 'funny', 'hype', 'mind-bending', 'romantic', 'tense', 'wholesome'];
// Provider names as AniList gives them: an English title (often the exported one), a romaji and a native title,
// and a few synonyms, so searches run over as many names as a real library carries.
const ROMAJI_A = [
  'Kage',
  'Hoshi',
  'Yoru',
  'Sora',
  'Tsuki',
  'Kaze',
  'Hana',
  'Yume',
  'Kuro',
  'Shiro',
  'Aoi',
  'Akai',
  'Tetsu',
  'Mori',
  'Umi',
];
const ROMAJI_B = [
  'no Tsurugi',
  'no Niwa',
  'no Tabi',
  'Gakuen',
  'no Kariudo',
  'no Oukoku',
  'no Majo',
  'Monogatari',
  'Senki',
  'no Uta',
  'Densetsu',
  'Kishi',
];
const KANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン';
const SUFFIX = ['', '', '', ' 2nd Season', ' Shin', ' Zoku', ' Kanketsu-hen'];

function syntheticNames(
  r: Rng,
  exported: string,
): { english: string | null; romaji: string; native: string; synonyms: string[] } {
  const romaji = `${r.pick(ROMAJI_A)} ${r.pick(ROMAJI_B)}${r.pick(SUFFIX)}`;
  let native = '';
  for (let i = r.int(3, 9); i > 0; i--) native += KANA[r.int(0, KANA.length - 1)];
  const english = r.chance(0.9) ? (r.chance(0.8) ? exported : `${exported} (TV)`) : null;
  const synonyms: string[] = [];
  for (let i = r.int(0, 3); i > 0; i--) {
    synonyms.push(
      r.chance(0.5)
        ? romaji
            .split(' ')
            .map((w) => w[0])
            .join('')
            .toUpperCase() + String(r.int(1, 99))
        : `${r.pick(ROMAJI_A)} ${r.pick(ROMAJI_B)}`,
    );
  }
  return { english, romaji, native, synonyms };
}

function pickSome(r: Rng, xs: readonly string[], lo: number, hi: number): string[] {
  const n = r.int(lo, hi);
  const out = new Set<string>();
  while (out.size < n) out.add(r.pick(xs));
  return [...out];
}

/** Give `enriched` of the pending titles anime metadata and mark `unmatched` of them not anime. */
function enrichFile(
  file: string,
  spec: WarehouseSpec,
): { matched: number; unmatched: number; pending: number; titles: number } {
  const db = new Database(file);
  try {
    const titles = db
      .prepare(
        `SELECT h.title_key AS key, h.title AS title, h.media_type AS kind, h.total_episodes AS total, h.year AS year
           FROM user_watch_history h LEFT JOIN title_match m ON m.title_key = h.title_key
          WHERE h.is_current = 1 AND h.is_deleted = 0 AND m.title_key IS NULL
          ORDER BY h.title_key`,
      )
      .all() as Array<{ key: string; title: string; kind: string; total: number | null; year: number | null }>;
    const all = (
      db.prepare('SELECT count(*) AS n FROM user_watch_history WHERE is_current = 1 AND is_deleted = 0').get() as {
        n: number;
      }
    ).n;
    const r = new Rng(hash32(`tui-bench:${spec.seed}`));
    const now = '2026-07-01T00:00:00.000Z';
    const insMatch = db.prepare(
      `INSERT INTO title_match (title_key, status, mal_id, confidence, provider, method, reason, matched_at) VALUES (?, ?, ?, ?, 'bench', 'bench', ?, ?)`,
    );
    const insAnime = db.prepare(
      `INSERT INTO dim_anime (mal_id, title_romaji, title_english, title_native, synonyms, format, episodes, minutes_per_episode, year,
                              status, studios, genres, tags, moods, community_score, score_source, popularity, streaming, updated_at, provider)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'FINISHED', ?, ?, '[]', ?, ?, 'anilist', ?, '[]', ?, 'bench')`,
    );
    const setMal = db.prepare('UPDATE user_watch_history SET mal_id = ? WHERE title_key = ?');
    // The searchable names, as enrichment stores them (warehouses from before the names table have none to fill).
    const hasNames =
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'anime_names'").get() !== undefined;
    const insName = hasNames
      ? db.prepare('INSERT OR IGNORE INTO anime_names (mal_id, kind, name, norm_name) VALUES (?, ?, ?, ?)')
      : null;
    let nextMal = 900_000;
    db.transaction(() => {
      for (const t of titles) {
        const x = r.next();
        if (x < spec.enriched) {
          const mal = nextMal++;
          const movie = t.kind === 'movie';
          const format = movie ? 'MOVIE' : r.pick(['TV', 'TV', 'TV', 'TV', 'ONA', 'OVA', 'TV_SHORT']);
          const episodes = movie ? 1 : (t.total ?? r.pick([12, 12, 13, 24, 25, 26, 50]));
          const names = syntheticNames(r, t.title);
          for (const n of animeNames(names)) insName?.run(mal, n.kind, n.name, n.norm);
          insAnime.run(
            mal,
            names.romaji,
            names.english,
            names.native,
            JSON.stringify(names.synonyms),
            format,
            episodes,
            movie ? r.int(85, 150) : format === 'TV_SHORT' ? 4 : 24,
            t.year,
            JSON.stringify([r.pick(STUDIOS)]),
            JSON.stringify(pickSome(r, GENRES, 1, 4)),
            JSON.stringify(pickSome(r, MOODS, 0, 3)),
            Math.round((5.5 + r.next() * 3.5) * 100) / 100,
            r.int(100, 900_000),
            now,
          );
          insMatch.run(t.key, 'matched', mal, Math.round((0.72 + r.next() * 0.28) * 100) / 100, null, now);
          setMal.run(mal, t.key);
        } else if (x < spec.enriched + spec.unmatched) {
          insMatch.run(
            t.key,
            'unmatched',
            null,
            Math.round(r.next() * 60) / 100,
            'no anime scored 0.72 or more (best: a look-alike title)',
            now,
          );
        }
      }
    })();
    const count = (status: string): number =>
      (
        db
          .prepare(
            `SELECT count(*) AS n FROM user_watch_history h JOIN title_match m ON m.title_key = h.title_key
                    WHERE h.is_current = 1 AND h.is_deleted = 0 AND m.status = ?`,
          )
          .get(status) as { n: number }
      ).n;
    const m = count('matched') + count('manual');
    const u = count('unmatched');
    return { matched: m, unmatched: u, pending: all - m - u, titles: all };
  } finally {
    db.close();
  }
}

/** The warehouse for `spec`, built on first use and reused afterwards. */
export function ensureWarehouse(
  root: string,
  benchDir: string,
  spec: WarehouseSpec,
  log: (msg: string) => void,
): BenchWarehouse {
  // A schema change (a new migration) would otherwise make every launch migrate the cached file in memory.
  const schema = createHash('sha1')
    .update(readFileSync(join(root, 'src', 'warehouse', 'migrations.ts')))
    .digest('hex')
    .slice(0, 8);
  const name =
    `tui-r${RECIPE_VERSION}-g${GENERATOR_VERSION}-m${schema}-t${spec.titles}-ppt${spec.playsPerTitle}-s${spec.seed}` +
    `-e${Math.round(spec.enriched * 100)}-u${Math.round(spec.unmatched * 100)}`;
  const dir = join(benchDir, name);
  const dataDir = join(dir, 'data');
  const marker = join(dir, 'warehouse.json');
  if (existsSync(marker) && existsSync(join(dataDir, 'warehouse.sqlite'))) {
    log(`warehouse: reusing ${dir}`);
    return { ...(JSON.parse(readFileSync(marker, 'utf8')) as BenchWarehouse), builtMs: 0 };
  }
  const t0 = performance.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const exportDir = join(dir, 'export');
  const plays = spec.titles * spec.playsPerTitle;
  log(`warehouse: generating a ${spec.titles}-title export (${plays} plays) …`);
  generateSyntheticExport(exportDir, { titles: Math.round(spec.titles / 1.01), plays, seed: spec.seed });
  log(`warehouse: importing it with bin/anidex.js (offline) …`);
  const res = spawnSync(
    process.execPath,
    [
      join(root, 'bin', 'anidex.js'),
      '--data-dir',
      dataDir,
      'import',
      exportDir,
      '--offline',
      '--as-of',
      '2026-07-01T00:00:00.000Z',
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, ANIDEX_DATA_DIR: dataDir }, maxBuffer: 64 * 1024 * 1024 },
  );
  if (res.status !== 0)
    throw new Error(
      `import into ${dataDir} failed (exit ${res.status}):\n${(res.stderr ?? '').split('\n').slice(-15).join('\n')}`,
    );
  const file = join(dataDir, 'warehouse.sqlite');
  const counts = enrichFile(file, spec);
  // The import's snapshots and the export are not needed to launch the TUI.
  rmSync(join(dataDir, 'snapshots'), { recursive: true, force: true });
  rmSync(exportDir, { recursive: true, force: true });
  const out: BenchWarehouse = {
    spec,
    dataDir,
    titles: counts.titles,
    plays,
    matched: counts.matched,
    unmatched: counts.unmatched,
    pending: counts.pending,
    fileMB: Math.round((statSync(file).size / 1048576) * 10) / 10,
    builtMs: Math.round(performance.now() - t0),
  };
  writeFileSync(marker, JSON.stringify(out, null, 2));
  log(
    `warehouse: ${out.titles} titles (${out.matched} matched, ${out.unmatched} not anime, ${out.pending} pending), ${out.fileMB} MB, built in ${(out.builtMs / 1000).toFixed(1)} s`,
  );
  return out;
}
