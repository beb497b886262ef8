// The local engine on the sample, offline: real, unseen, filter-respecting titles with reasons from the history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../../src/warehouse/store.ts';
import { importTraktExport } from '../../src/app/import.ts';
import { enrichTitles } from '../../src/app/enrich.ts';
import { recommendLocal } from '../../src/app/recommend.ts';
import { AniListProvider } from '../../src/enrich/anilist.ts';
import { historyMalIds } from '../../src/warehouse/enrichment.ts';
import { planItems } from '../../src/warehouse/plan.ts';
import { moodsFromMetadata } from '../../src/domain/moods.ts';
import { ROOT } from '../helpers/proc.ts';
import { markAsDemo } from '../helpers/demo-warehouse.ts';

// Offline throughout: a provider URL nobody listens on proves nothing is fetched.
const provider = () => new AniListProvider({ url: 'http://127.0.0.1:9/', userAgent: 'anidex-test' });

async function sample(): Promise<Warehouse> {
  const wh = await Warehouse.open(mkdtempSync(join(tmpdir(), 'anidex-rec-')));
  await markAsDemo(wh); // enriched offline from the sample's bundled answers
  await importTraktExport(wh, join(ROOT, 'data/sample/trakt-2026-05-01'), { asOf: '2026-05-01T12:00:00.000Z' });
  await importTraktExport(wh, join(ROOT, 'data/sample/trakt-2026-08-15.zip'), { asOf: '2026-08-15T12:00:00.000Z' });
  await enrichTitles(wh, { provider: provider(), offline: true });
  return wh;
}

test("recommendations are unseen, not planned, grounded in the person's own titles, and ranked", async () => {
  const wh = await sample();
  const r = await recommendLocal(wh, { provider: provider(), offline: true, filter: {}, count: 10 });
  assert.ok(r.items.length >= 5, `${r.items.length} recommendations`);
  const seen = historyMalIds(wh.db);
  const planned = new Set(planItems(wh.db).map((p) => p.malId));
  const titles = new Set(wh.db.all<{ t: string }>('SELECT title AS t FROM user_watch_history').map((x) => x.t));
  for (const it of r.items) {
    assert.ok(!seen.has(it.malId), `${it.title} was already seen`);
    assert.ok(!planned.has(it.malId), `${it.title} is already planned`);
    assert.ok(
      [...titles].some((t) => it.reason.includes(t)),
      `the reason names one of their titles: ${it.reason}`,
    );
    assert.ok(it.confidence > 0 && it.confidence <= 1);
  }
  assert.deepEqual(
    r.items.map((x) => x.priority),
    r.items.map((_, i) => i + 1),
  );
  assert.ok(r.items.every((x, i) => i === 0 || r.items[i - 1]!.confidence >= x.confidence));
  assert.equal(r.missingMetadata, 0, 'the bundled answers cover every candidate');
  wh.close();
});

test('filters apply to the pool: mood and length', async () => {
  const wh = await sample();
  const r = await recommendLocal(wh, {
    provider: provider(),
    offline: true,
    filter: { moods: ['cozy'], lengths: ['short'] },
    count: 10,
  });
  assert.ok(r.items.length >= 1);
  for (const it of r.items) {
    assert.ok(it.moods.includes('cozy'), `${it.title} is cozy`);
    assert.equal(it.length, 'short');
  }
  const none = await recommendLocal(wh, {
    provider: provider(),
    offline: true,
    filter: { genres: ['No Such Genre'] },
    count: 10,
  });
  assert.equal(none.items.length, 0);
  wh.close();
});

test('the Trakt watchlist lands on the plan once, with MAL ids after enrichment', async () => {
  const wh = await sample();
  const plan = planItems(wh.db);
  assert.ok(plan.length >= 10);
  assert.ok(plan.every((p) => p.source === 'trakt-watchlist'));
  assert.ok(plan.some((p) => p.title === 'Perfect Blue' && p.malId === 437));
  await importTraktExport(wh, join(ROOT, 'data/sample/trakt-2026-08-15.zip'), {
    asOf: '2026-09-01T00:00:00.000Z',
    fullReload: true,
  });
  assert.equal(planItems(wh.db).length, plan.length, 'no duplicates on re-import');
  wh.close();
});

test('mood mapping from genres and tags: the fixed vocabulary only, dark titles are not cozy', () => {
  assert.deepEqual(
    moodsFromMetadata(['Slice of Life'], [{ name: 'Iyashikei', rank: 95 }])
      .slice(0, 2)
      .sort(),
    ['cozy', 'wholesome'],
  );
  const dark = moodsFromMetadata(
    ['Slice of Life', 'Horror'],
    [
      { name: 'Iyashikei', rank: 90 },
      { name: 'Gore', rank: 90 },
    ],
  );
  assert.ok(!dark.includes('cozy') && dark.includes('dark'));
  assert.deepEqual(moodsFromMetadata([], []), []);
});

test('a watchlist title removed from the plan stays removed on re-import', async () => {
  const wh = await sample();
  const { removePlanItem } = await import('../../src/warehouse/plan.ts');
  const pb = planItems(wh.db).find((p) => p.title === 'Perfect Blue')!;
  await wh.write((db) => removePlanItem(db, pb.id));
  await importTraktExport(wh, join(ROOT, 'data/sample/trakt-2026-08-15.zip'), {
    asOf: '2026-09-01T00:00:00.000Z',
    fullReload: true,
  });
  assert.ok(!planItems(wh.db).some((p) => p.title === 'Perfect Blue'));
  wh.close();
});

test('later seasons count as seen as far as the episodes watched reach (catalogue as the oracle)', async () => {
  const { CATALOGUE } = await import('../../scripts/sample/catalog.ts');
  const wh = await sample();
  // The recommender fetches (here: reads the bundled) metadata of sequels first; coverage needs their episodes.
  const r = await recommendLocal(wh, { provider: provider(), offline: true, filter: {}, count: 50 });
  const seen = historyMalIds(wh.db);
  const mushishi = CATALOGUE.find((c) => c.trakt.title === 'Mushishi')!;
  const watchedEps = wh.db.get<{ n: number }>(
    "SELECT episodes_watched AS n FROM user_watch_history WHERE title = 'Mushishi' AND is_current = 1",
  )!.n;
  let covered = 0;
  for (const m of mushishi.mal) {
    covered += m.episodes ?? 0;
    if (covered <= watchedEps) assert.ok(seen.has(m.malId), `${m.romaji} (${m.malId}) was watched`);
  }
  for (const m of mushishi.mal) assert.ok(!r.items.some((x) => x.malId === m.malId), `${m.romaji} is not recommended`);
  wh.close();
});
