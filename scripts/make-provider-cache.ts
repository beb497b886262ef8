/**
 * Writes data/sample/anilist-cache.json: the AniList answers for the sample's titles, so `npm start` and
 * `anidex import data/sample/…` show an enriched library with no network.
 *
 * The answers are recorded by running anidex's real enrichment against the fake AniList server, whose data is the
 * hand-checked catalogue in scripts/sample/catalog.ts; so the keys and shapes are exactly what the client asks
 * and stores. Deterministic: run it again and the file is byte-identical.
 *
 *   node --import tsx scripts/make-provider-cache.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Warehouse } from '../src/warehouse/store.ts';
import { importTraktExport } from '../src/app/import.ts';
import { enrichTitles } from '../src/app/enrich.ts';
import { recommendLocal } from '../src/app/recommend.ts';
import { AniListProvider } from '../src/enrich/anilist.ts';
import { BUNDLED_CACHE, type BundledCacheFile } from '../src/enrich/bundled-cache.ts';
import { LATER_EXPORT } from './sample/catalog.ts';
import { startFakeAniList } from '../test/fakes/anilist-server.ts';
import { animeDb } from '../test/fakes/anime-db.ts';
import { AnswerSource } from '../src/app/answer-source.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const fake = await startFakeAniList();
const dir = mkdtempSync(join(tmpdir(), 'anidex-cache-'));
try {
  const wh = await Warehouse.open(dir);
  const provider = new AniListProvider({ url: fake.url, userAgent: 'anidex-sample-recorder', perMinute: 1000 });
  // Enrich after each export, so titles that only the first one has (the one later removed) are covered too.
  let r;
  for (const [path, asOf] of [
    ['data/sample/trakt-2026-05-01', '2026-05-01T12:00:00.000Z'],
    ['data/sample/trakt-2026-08-15.zip', '2026-08-15T12:00:00.000Z'],
  ] as const) {
    await importTraktExport(wh, join(ROOT, path), { asOf });
    r = await enrichTitles(wh, { provider, useBundled: false });
    if (r.pending || r.stoppedBecause)
      throw new Error(`enrichment did not finish: ${r.stoppedBecause ?? `${r.pending} pending`}`);
  }
  if (!r) throw new Error('nothing imported');
  // The recommender's candidates (what the person's favourites point at) need their metadata offline too.
  const rec = await recommendLocal(wh, { provider, filter: {}, count: 10, useBundled: false });
  if (rec.stoppedBecause || rec.missingMetadata)
    throw new Error(`candidate metadata incomplete: ${rec.stoppedBecause ?? `${rec.missingMetadata} missing`}`);
  // Details of every anime the sample's provider knows, so any recommendation on the sample works offline too:
  // other filters, a cold start without ratings, a favourite hidden, the second step out along the links.
  const source = new AnswerSource(wh, provider, { useBundled: false, now: () => new Date(LATER_EXPORT.exportedAt) });
  const all = await source.details([...animeDb().animeByMalId.keys()].filter((id) => id > 0).sort((a, b) => a - b));
  if (source.stoppedBecause) throw new Error(`details incomplete: ${source.stoppedBecause}`);
  await wh.write((db) => source.writePending(db), { what: 'recording details' });
  const entries = wh.db.all<{ key: string; status: number; payload: string | null }>(
    "SELECT request_key AS key, status, payload FROM api_cache WHERE provider = 'anilist' ORDER BY request_key",
  );
  const file: BundledCacheFile = { provider: 'anilist', recordedAt: LATER_EXPORT.exportedAt, entries };
  writeFileSync(join(ROOT, BUNDLED_CACHE), JSON.stringify(file, null, 1) + '\n');
  console.log(
    `${BUNDLED_CACHE}: ${entries.length} answers (${r.matched} titles matched, ${r.unmatched} not anime, details of ${all.size} anime) from ${provider.stats.calls} calls`,
  );
  wh.close();
} finally {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
}
