// The eleven SCD2 golden cases of docs/data-model.md, against the real loader on an in-memory sql.js warehouse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqlJs, transaction, type SqlDb } from '../../src/warehouse/db.ts';
import { migrate } from '../../src/warehouse/migrations.ts';
import { loadGold } from '../../src/warehouse/scd2.ts';
import { versionsAt } from '../../src/warehouse/queries.ts';
import type { GoldValues } from '../../src/domain/scd2-plan.ts';
import { LoadRefusedError } from '../../src/lib/errors.ts';

const T1 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-02-01T00:00:00.000Z';
const T3 = '2026-03-01T00:00:00.000Z';
const T4 = '2026-04-01T00:00:00.000Z';

function title(id: number, over: Partial<GoldValues> = {}): GoldValues {
  return {
    titleKey: `trakt:show:${id}`,
    traktId: id,
    malId: null,
    title: `Show ${id}`,
    normTitle: `show ${id}`,
    year: 2020,
    mediaType: 'show',
    userRating: 8,
    episodesWatched: 12,
    totalPlays: 12,
    totalEpisodes: 12,
    firstWatchedAt: '2025-01-01T20:00:00.000Z',
    lastWatchedAt: '2025-01-03T22:00:00.000Z',
    watchDurationDays: 3,
    bingeIndicator: 1,
    ...over,
  };
}

interface Row {
  version_id: number;
  title_key: string;
  valid_from: string;
  valid_to: string | null;
  is_current: number;
  is_deleted: number;
  user_rating: number | null;
  title: string;
}

async function fresh(): Promise<SqlDb> {
  const db = await openSqlJs();
  migrate(db);
  return db;
}

let run = 0;
function load(db: SqlDb, batch: GoldValues[], at: string) {
  return loadGold(db, batch, at, ++run);
}

function rows(db: SqlDb, key?: string): Row[] {
  return key
    ? db.all<Row>('SELECT * FROM user_watch_history WHERE title_key = ? ORDER BY valid_from, version_id', [key])
    : db.all<Row>('SELECT * FROM user_watch_history ORDER BY title_key, valid_from, version_id');
}

function count(db: SqlDb): number {
  return db.get<{ n: number }>('SELECT count(*) AS n FROM user_watch_history')!.n;
}

function currentPerTitle(db: SqlDb): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows(db)) if (r.is_current) m.set(r.title_key, (m.get(r.title_key) ?? 0) + 1);
  return m;
}

test('1. first load: one current row per title, valid_from = load time, valid_to NULL', async () => {
  const db = await fresh();
  load(db, [title(1), title(2), title(3)], T1);
  const all = rows(db);
  assert.equal(all.length, 3);
  for (const r of all) {
    assert.equal(r.valid_from, T1);
    assert.equal(r.valid_to, null);
    assert.equal(r.is_current, 1);
    assert.equal(r.is_deleted, 0);
  }
});

test('2. reload of identical data inserts 0 rows and closes 0 rows', async () => {
  const db = await fresh();
  load(db, [title(1), title(2)], T1);
  const before = rows(db);
  const plan = load(db, [title(1), title(2)], T2);
  assert.equal(plan.insert.length, 0);
  assert.equal(plan.close.length, 0);
  assert.deepEqual(rows(db), before);
});

test("3. a tracked change closes the old row at exactly the new row's valid_from; one current row", async () => {
  const db = await fresh();
  load(db, [title(1)], T1);
  load(db, [title(1, { episodesWatched: 20, totalPlays: 20 })], T2);
  const [old, cur] = rows(db, 'trakt:show:1');
  assert.equal(old!.valid_to, cur!.valid_from);
  assert.equal(cur!.valid_from, T2);
  assert.equal(old!.is_current, 0);
  assert.equal(cur!.is_current, 1);
  assert.equal(currentPerTitle(db).get('trakt:show:1'), 1);
});

test('4. an untracked change (title, year, aired episodes) makes no new version', async () => {
  const db = await fresh();
  load(db, [title(1)], T1);
  const plan = load(
    db,
    [title(1, { title: 'Renamed Show', normTitle: 'renamed show', year: 2021, totalEpisodes: 24 })],
    T2,
  );
  assert.equal(plan.insert.length, 0);
  assert.equal(plan.close.length, 0);
  const all = rows(db, 'trakt:show:1');
  assert.equal(all.length, 1);
  assert.equal(all[0]!.valid_from, T1);
  assert.equal(all[0]!.title, 'Renamed Show', 'the current row carries the newest name (type-1 correction)');
});

test('5. NULL→value and value→NULL are changes; NULL→NULL is not', async () => {
  const db = await fresh();
  load(db, [title(1, { userRating: null })], T1);
  load(db, [title(1, { userRating: null })], T2);
  assert.equal(rows(db, 'trakt:show:1').length, 1, 'NULL→NULL');
  load(db, [title(1, { userRating: 7 })], T3);
  assert.equal(rows(db, 'trakt:show:1').length, 2, 'NULL→value');
  load(db, [title(1, { userRating: null })], T4);
  const all = rows(db, 'trakt:show:1');
  assert.equal(all.length, 3, 'value→NULL');
  assert.equal(all[2]!.user_rating, null);
});

test('6. A→B→A gives three versions, exactly one current', async () => {
  const db = await fresh();
  load(db, [title(1, { userRating: 6 })], T1);
  load(db, [title(1, { userRating: 9 })], T2);
  load(db, [title(1, { userRating: 6 })], T3);
  const all = rows(db, 'trakt:show:1');
  assert.deepEqual(
    all.map((r) => r.user_rating),
    [6, 9, 6],
  );
  assert.equal(all.filter((r) => r.is_current).length, 1);
  assert.equal(all[2]!.is_current, 1);
});

test('7. a title missing from a later full export: closed, one deletion marker, no second marker', async () => {
  const db = await fresh();
  load(db, [title(1), title(2, { userRating: 5 })], T1);
  load(db, [title(1)], T2);
  let two = rows(db, 'trakt:show:2');
  assert.equal(two.length, 2);
  assert.equal(two[0]!.valid_to, T2);
  assert.equal(two[1]!.is_deleted, 1);
  assert.equal(two[1]!.is_current, 1);
  assert.equal(two[1]!.user_rating, 5, 'the marker keeps the last known values');
  assert.equal(two[1]!.valid_from, T2);
  load(db, [title(1)], T3);
  two = rows(db, 'trakt:show:2');
  assert.equal(two.length, 2, 'still missing: no second marker');
});

test('8. the title comes back: marker closed, live row current, history contiguous', async () => {
  const db = await fresh();
  load(db, [title(1), title(2)], T1);
  load(db, [title(1)], T2);
  load(db, [title(1), title(2)], T3);
  const two = rows(db, 'trakt:show:2');
  assert.equal(two.length, 3);
  assert.deepEqual(
    two.map((r) => r.is_deleted),
    [0, 1, 0],
  );
  assert.equal(two[1]!.valid_to, T3);
  assert.equal(two[2]!.is_current, 1);
  for (let i = 1; i < two.length; i++) assert.equal(two[i - 1]!.valid_to, two[i]!.valid_from, 'no gap, no overlap');
});

test('9. a duplicate title key inside one batch refuses the import and writes nothing', async () => {
  const db = await fresh();
  load(db, [title(1)], T1);
  const before = rows(db);
  await assert.rejects(
    transaction(db, () => load(db, [title(2), title(2, { userRating: 3 })], T2)),
    (err: unknown) => err instanceof LoadRefusedError && /trakt:show:2/.test((err as Error).message),
  );
  assert.deepEqual(rows(db), before);
});

test('10. --as-of earlier than the newest valid_from is refused with a clear message, nothing written', async () => {
  const db = await fresh();
  load(db, [title(1)], T2);
  const before = rows(db);
  await assert.rejects(
    transaction(db, () => load(db, [title(1, { userRating: 2 })], T1)),
    (err: unknown) =>
      err instanceof LoadRefusedError && (err as Error).message.includes(T1) && (err as Error).message.includes(T2),
  );
  assert.deepEqual(rows(db), before);
});

test('11. time travel gives exactly one row per title known at any time t', async () => {
  const db = await fresh();
  load(db, [title(1), title(2)], T1);
  load(db, [title(1, { userRating: 10 }), title(3)], T2);
  load(db, [title(1, { userRating: 10 }), title(2), title(3, { totalPlays: 40 })], T3);
  const probes = [T1, '2026-01-15T00:00:00.000Z', T2, '2026-02-20T00:00:00.000Z', T3, '2030-01-01T00:00:00.000Z'];
  for (const t of probes) {
    const at = versionsAt(db, t);
    const keys = at.map((r) => r.titleKey);
    assert.equal(new Set(keys).size, keys.length, `one row per title at ${t}`);
  }
  assert.deepEqual(
    versionsAt(db, T1).map((r) => r.titleKey),
    ['trakt:show:1', 'trakt:show:2'],
  );
  assert.equal(versionsAt(db, '2026-01-15T00:00:00.000Z').find((r) => r.titleKey === 'trakt:show:1')!.userRating, 8);
  assert.equal(versionsAt(db, T2).find((r) => r.titleKey === 'trakt:show:1')!.userRating, 10);
  assert.equal(versionsAt(db, T2).find((r) => r.titleKey === 'trakt:show:2')!.isDeleted, true);
  assert.equal(versionsAt(db, '2025-12-31T00:00:00.000Z').length, 0, 'nothing known before the first load');
  assert.equal(count(db), 7);
});

test('the database itself refuses a second current row for a title', async () => {
  const db = await fresh();
  load(db, [title(1)], T1);
  assert.throws(() =>
    db.run(
      `INSERT INTO user_watch_history (title_key, title, norm_title, media_type, valid_from, is_current, is_deleted, run_id)
       VALUES ('trakt:show:1', 'x', 'x', 'show', ?, 1, 0, 99)`,
      [T2],
    ),
  );
});
