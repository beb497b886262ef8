// The import pipeline in-process on the bundled sample: layers, idempotence, the identical-batch shortcut.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../../src/warehouse/store.ts';
import { importTraktExport } from '../../src/app/import.ts';
import { libraryRows } from '../../src/warehouse/queries.ts';
import { statsView } from '../../src/app/stats-view.ts';
import { ROOT } from '../helpers/proc.ts';

const V1 = join(ROOT, 'data/sample/trakt-2026-05-01');
const V2 = join(ROOT, 'data/sample/trakt-2026-08-15.zip');

async function fresh(): Promise<Warehouse> {
  return Warehouse.open(mkdtempSync(join(tmpdir(), 'anidex-pipe-')));
}

function dump(wh: Warehouse, table: string): unknown[] {
  return wh.db.all(`SELECT * FROM ${table} ORDER BY 1`);
}

test('layers: bronze keeps every raw record, silver the cleaned latest export, gold one current row per title', async () => {
  const wh = await fresh();
  const r = await importTraktExport(wh, V1, { asOf: '2026-05-01T12:00:00.000Z' });
  const n = (sql: string) => wh.db.get<{ n: number }>(sql)!.n;
  assert.equal(
    n('SELECT count(*) AS n FROM bronze_trakt_history'),
    n('SELECT count(*) AS n FROM silver_plays') + r.counts.recordsDuplicate,
  );
  assert.ok(n('SELECT count(*) AS n FROM bronze_trakt_ratings') > 50);
  assert.ok(n('SELECT count(*) AS n FROM bronze_trakt_watchlist') > 5);
  assert.ok(n('SELECT count(*) AS n FROM bronze_trakt_watched') > 50);
  assert.equal(
    n("SELECT count(*) AS n FROM bronze_trakt_history WHERE source_file NOT LIKE 'watched-history%'"),
    0,
    'bronze names the file inside the export',
  );
  assert.equal(
    n('SELECT count(*) AS n FROM bronze_trakt_history WHERE json_valid(payload) = 0'),
    0,
    'payloads are JSON text',
  );
  assert.equal(n("SELECT count(*) AS n FROM bronze_trakt_history WHERE typeof(payload) != 'text'"), 0);
  assert.equal(
    n('SELECT count(*) AS n FROM silver_titles'),
    n('SELECT count(*) AS n FROM user_watch_history WHERE is_current = 1'),
  );
  assert.equal(
    n(
      'SELECT count(*) AS n FROM (SELECT title_key FROM user_watch_history WHERE is_current = 1 GROUP BY title_key HAVING count(*) > 1)',
    ),
    0,
  );
  const run = wh.db.get<{ status: string; records_read: number; titles_new: number }>(
    'SELECT * FROM pipeline_runs WHERE run_id = ?',
    [r.runId],
  )!;
  assert.equal(run.status, 'ok');
  assert.equal(run.titles_new, r.counts.titlesNew);
  // Watch time and import time stay apart.
  const s = statsView(wh.db);
  assert.ok(s.history!.firstPlayAt! < '2020-01-01', 'stats use watch time');
  assert.ok(libraryRows(wh.db).every((t) => t.lastWatchedAt === null || t.lastWatchedAt <= '2026-05-01T12:00:00.000Z'));
  wh.close();
});

test('user-settings.json in the sample is never read into the warehouse', async () => {
  const wh = await fresh();
  await importTraktExport(wh, V1, { asOf: '2026-05-01T12:00:00.000Z' });
  const image = Buffer.from(wh.db.export()).toString('latin1');
  assert.ok(!image.includes('sample@example.invalid'));
  assert.ok(!image.includes('not-a-real-token'));
  wh.close();
});

test('an identical re-import takes the shortcut, and the full path agrees with it', async () => {
  const a = await fresh();
  await importTraktExport(a, V1, { asOf: '2026-05-01T12:00:00.000Z' });
  await importTraktExport(a, V2, { asOf: '2026-08-15T12:00:00.000Z' });
  const b = await fresh();
  await importTraktExport(b, V1, { asOf: '2026-05-01T12:00:00.000Z' });
  await importTraktExport(b, V2, { asOf: '2026-08-15T12:00:00.000Z' });
  const gold = dump(a, 'user_watch_history');
  const silver = dump(a, 'silver_plays');

  const stages: string[] = [];
  const quick = await importTraktExport(a, V2, {
    asOf: '2026-09-01T00:00:00.000Z',
    onEvent: (e) => e.type === 'stage' && stages.push(e.stage),
  });
  assert.equal(quick.identical, true);
  assert.ok(
    !stages.includes('silver') && !stages.includes('gold'),
    `the shortcut skips silver and gold (stages: ${stages.join(',')})`,
  );
  const full = await importTraktExport(b, V2, { asOf: '2026-09-01T00:00:00.000Z', fullReload: true });
  assert.equal(quick.counts.recordsNew, 0);
  assert.equal(full.counts.recordsNew, 0);
  assert.equal(full.identical, false);
  assert.deepEqual(quick.counts, full.counts, 'both paths report the same counts');
  assert.deepEqual(dump(a, 'user_watch_history'), gold);
  assert.deepEqual(dump(b, 'user_watch_history'), gold, 'the full path also adds no version');
  assert.deepEqual(dump(a, 'silver_plays'), silver);
  assert.deepEqual(dump(b, 'silver_plays'), silver);
  a.close();
  b.close();
});

test('importing the later export changes exactly what changed in the account', async () => {
  const wh = await fresh();
  await importTraktExport(wh, V1, { asOf: '2026-05-01T12:00:00.000Z' });
  const r = await importTraktExport(wh, V2, { asOf: '2026-08-15T12:00:00.000Z' });
  assert.deepEqual(r.deletedTitles, ['In Another World With My Smartphone']);
  const versions = (title: string) =>
    wh.db.all<{ user_rating: number | null; total_plays: number; is_deleted: number }>(
      'SELECT user_rating, total_plays, is_deleted FROM user_watch_history WHERE title = ? ORDER BY valid_from',
      [title],
    );
  assert.deepEqual(
    versions('Steins;Gate').map((v) => v.user_rating),
    [9, 10],
  );
  assert.deepEqual(
    versions('Delicious in Dungeon').map((v) => v.user_rating),
    [null, 9],
    'NULL → value',
  );
  const op = versions('One Piece');
  assert.equal(op.length, 2);
  assert.equal(op[1]!.total_plays - op[0]!.total_plays, 30);
  assert.equal(versions('Look Back').length, 1, 'a title new in the later export');
  assert.deepEqual(
    versions('In Another World With My Smartphone').map((v) => v.is_deleted),
    [0, 1],
  );
  assert.equal(versions('Mushishi').length, 1, 'untouched titles keep one version');
  wh.close();
});

test('a play re-exported with newer show metadata (aired_episodes) is the same play: no new bronze record', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'anidex-aired-'));
  const play = (aired: number) => [
    {
      id: 11000000001,
      watched_at: '2026-01-01T20:00:00.000Z',
      action: 'watch',
      type: 'episode',
      episode: { season: 1, number: 1, title: 'E1', ids: { trakt: 1, tvdb: null, imdb: null, tmdb: null } },
      show: { title: 'One Piece', year: 1999, ids: { trakt: 37696, slug: 'one-piece' }, aired_episodes: aired },
    },
  ];
  const v1 = join(dir, 'v1');
  const v2 = join(dir, 'v2');
  mkdirSync(v1);
  mkdirSync(v2);
  writeFileSync(join(v1, 'watched-history.json'), JSON.stringify(play(1100)));
  writeFileSync(join(v2, 'watched-history.json'), JSON.stringify(play(1101)));
  const wh = await Warehouse.open(join(dir, 'data'));
  await importTraktExport(wh, v1, { asOf: '2026-02-01T00:00:00.000Z' });
  const r = await importTraktExport(wh, v2, { asOf: '2026-03-01T00:00:00.000Z' });
  assert.equal(r.counts.recordsNew, 0);
  assert.equal(r.identical, false, 'the content did change');
  assert.equal(r.counts.titlesChanged, 0, 'aired episodes are untracked');
  assert.equal(
    wh.db.get<{ n: number }>('SELECT total_episodes AS n FROM user_watch_history WHERE is_current = 1')!.n,
    1101,
  );
  wh.close();
});
