// Issue 13 as a person meets it: `anidex import <Trakt export>` against fake AniList and mapping servers matches by ids
// first and titles second; `library --unmatched`, `history` and the title screen say why; the MAL export writes
// per-season entries; a mapping that cannot be had never fails an import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { CHILD_LIMIT_MS } from './helpers/child-limit.ts';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeAniList, type FakeAniList } from './fakes/anilist-server.ts';
import { customAnimeDb } from './fakes/anime-db.ts';
import { startFakeMapping, type FakeMapping } from './fakes/mapping-server.ts';
import { MATCHING_CATALOGUE, writeMatchingExport } from './fixtures/matching.ts';
import { titleView } from '../src/app/title-view.ts';
import { titleLines } from '../src/ui/screens/title.tsx';
import { displayWidth } from '../src/lib/text/cells.ts';
import { Warehouse } from '../src/warehouse/store.ts';
import { ROOT } from './helpers/proc.ts';

const FIXTURE = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/mapping/anime-list-full.json'), 'utf8')) as unknown[];
const tmp = mkdtempSync(join(tmpdir(), 'anidex-matching-cli-'));
const EXPORT = writeMatchingExport(join(tmp, 'export'));
let anilist: FakeAniList;
let mapping: FakeMapping;

before(async () => {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], {
    timeout: CHILD_LIMIT_MS,
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(b.status, 0, b.stderr);
  anilist = await startFakeAniList({ db: customAnimeDb(MATCHING_CATALOGUE), limitPerMinute: 1000 });
  mapping = await startFakeMapping(FIXTURE);
});
after(async () => {
  await anilist.close();
  await mapping.close();
});

/** anidex in a child process (async: the fakes answer from this process). */
async function anidex(
  dataDir: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['bin/anidex.js', '--data-dir', dataDir, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      NO_COLOR: '1',
      COLUMNS: '160',
      ANIDEX_ANILIST_URL: anilist.url,
      ANIDEX_MAPPING_URL: mapping.url,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, out, err };
}

test('import: ids first (per season), titles second; library --unmatched and history say why; MAL export per season', async () => {
  const d = join(tmp, 'with-mapping');
  const imp = await anidex(d, ['import', EXPORT, '--as-of', '2026-01-01T00:00:00Z']);
  assert.equal(imp.code, 0, imp.err);
  assert.match(
    imp.out,
    /Enrichment: 5 matched \(3 by their TVDB, TMDb or IMDb ids\), 0 matched by hand, 4 not anime or not found, 0 pending \(of 9 titles\)\./,
  );
  assert.match(imp.out, /^ {2}Id mapping: downloaded \(16 MyAnimeList entries, published 2026-11-20\)\.$/m);

  const un = await anidex(d, ['library', '--unmatched']);
  assert.equal(un.code, 0, un.err);
  for (const t of ['Lost in Space', 'Lucifer', 'Taboo', 'Breaking Bad']) assert.match(un.out, new RegExp(t));
  assert.match(
    un.out,
    /^Lost in Space \(2018, show\) · Trakt 900001\n {2}closest Astra Lost in Space \(2019, TV\): title 0\.45 \(only contains the Trakt title, with extra words\), year ±1, format show=TV → 0\.43, below 0\.90 \(its ids are not in the id mapping: very likely not anime\)$/m,
  );
  assert.doesNotMatch(un.out, /Dragon Ball|Attack on Titan|Berserk/);

  const h = await anidex(d, ['history', 'Attack on Titan']);
  assert.equal(h.code, 0, h.err);
  assert.match(h.out, /^Why: matched by TVDB id 267440, season 1 \(8 MyAnimeList entries\)$/m);
  assert.match(h.out, /^ {2}S1 +25\/25 {2}MAL 16498 {2}Attack on Titan {2}2024-01-02 → 2024-01-07$/m);
  assert.match(h.out, /^ {2}S3 1–12 +12\/12 {2}MAL 35760 /m);
  assert.match(h.out, /^ {2}S3 13– +3\/10 {2}MAL 38524 {2}Attack on Titan Season 3 Part 2 /m);
  assert.match(h.out, /^ {2}S4 17–28 +0\/\? {2}MAL 48583 {2}\(no metadata\)$/m);
  assert.match(h.out, /^ {2}specials +1\/\? {2}MAL 36702 /m);
  const dbz = await anidex(d, ['history', 'Dragon Ball Z Side Story']);
  assert.match(dbz.out, /^Why: title 1\.00, year ±0, format film≈OVA$/m);

  const x = await anidex(d, ['export', '--format', 'mal-xml']);
  assert.equal(x.code, 0, x.err);
  const ids = [...x.out.matchAll(/<series_animedb_id>(\d+)</g)].map((m) => Number(m[1])).sort((a, b) => a - b);
  assert.deepEqual(ids, [5, 984, 16498, 25777, 32281, 32379, 35760, 36702, 38524]);

  // The title screen at 80 columns: why, and the show's MAL entries; every line fits.
  const wh = await Warehouse.open(d);
  try {
    const key = wh.db.get<{ k: string }>(
      "SELECT title_key AS k FROM user_watch_history WHERE title = 'Attack on Titan'",
    )!.k;
    const lines = titleLines(titleView(wh.db, key), 80).map((l) => l.text);
    assert.ok(lines.includes('Why: matched by TVDB id 267440, season 1 (8 MyAnimeList entries)'));
    assert.ok(
      lines.some((l) => /^ {2}S3 13– +3\/10 {2}MAL 38524 {2}Attack on Titan Season 3 Part 2$/.test(l)),
      lines.join('\n'),
    );
    assert.ok(lines.every((l) => displayWidth(l) <= 80));
  } finally {
    wh.close();
  }

  // --refresh-mapping asks at once; an unchanged file is not sent again. A failed refresh keeps the copy and exits 1.
  const r = await anidex(d, ['enrich', '--refresh-mapping']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Id mapping: checked, the copy of 2026-11-20 is current/);
  assert.equal(mapping.log.at(-1)!.status, 304);
  mapping.setFault('http500');
  const bad = await anidex(d, ['enrich', '--refresh-mapping']);
  mapping.setFault(null);
  assert.equal(bad.code, 1);
  assert.match(bad.out, /Id mapping: could not be refreshed \(.*HTTP 500\); the copy of 2026-11-20 is used\./);
  assert.match(bad.out, /Enrichment: 5 matched \(3 by/);
  const both = await anidex(d, ['enrich', '--refresh-mapping', '--offline']);
  assert.equal(both.code, 2);
});

test('a mapping that cannot be had never fails an import: it says so and matches by titles, namesakes still rejected', async () => {
  const d = join(tmp, 'no-mapping');
  const xdg = mkdtempSync(join(tmpdir(), 'anidex-matching-cli-xdg-'));
  const env = { ANIDEX_MAPPING_URL: 'http://127.0.0.1:9/anime-list-full.json', XDG_CACHE_HOME: join(xdg, 'cache') };
  const imp = await anidex(d, ['import', EXPORT, '--as-of', '2026-01-01T00:00:00Z'], env);
  assert.equal(imp.code, 0, imp.err);
  assert.match(
    imp.out,
    /Id mapping: none \(http:\/\/127\.0\.0\.1:9\/anime-list-full\.json could not be reached \(ECONNREFUSED\)\); titles are matched by name only\./,
  );
  assert.match(imp.out, /Enrichment: 5 matched, 0 matched by hand, 4 not anime or not found, 0 pending/);
  const un = await anidex(d, ['library', '--unmatched', '--json'], env);
  const titles = (JSON.parse(un.out) as Array<{ title: string }>).map((x) => x.title).sort();
  assert.deepEqual(titles, ['Breaking Bad', 'Lost in Space', 'Lucifer', 'Taboo']);
  // Offline, with no copy kept: nothing is fetched, and the import still succeeds.
  const off = await anidex(join(tmp, 'offline'), ['import', EXPORT, '--offline'], {
    ...env,
    ANIDEX_MAPPING_URL: mapping.url,
  });
  assert.equal(off.code, 0, off.err);
  assert.match(off.out, /Id mapping: none \(it has not been downloaded yet and the run is offline\)/);
});
