// The warehouse's promises to a person's data: one writer at a time, no lost update, atomic saves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, hostname } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Warehouse } from '../src/warehouse/store.ts';
import { acquireLock } from '../src/lib/lock.ts';
import { BusyError } from '../src/lib/errors.ts';
import { listSnapshots, SNAPSHOTS_KEPT } from '../src/warehouse/snapshots.ts';
import { spawnTs, waitForExit, waitForLine } from './helpers/proc.ts';
import { setTimeout as sleep } from 'node:timers/promises';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'anidex-store-'));
}

function metaKeys(wh: Warehouse): string[] {
  return wh.db.all<{ key: string }>('SELECT key FROM meta ORDER BY key').map((r) => r.key);
}

test('a write is saved as an ordinary SQLite file that a new process reads back', async () => {
  const dir = tmp();
  const a = await Warehouse.open(dir);
  await a.write((db) => db.run("INSERT INTO meta (key, value) VALUES ('k', 'v')"));
  a.close();
  assert.equal(readFileSync(join(dir, 'warehouse.sqlite')).subarray(0, 15).toString(), 'SQLite format 3');
  const b = await Warehouse.open(dir);
  assert.deepEqual(metaKeys(b), ['k']);
  b.close();
});

test('a failed write leaves the file byte-for-byte unchanged and the copy in memory rolled back', async () => {
  const dir = tmp();
  const wh = await Warehouse.open(dir);
  await wh.write((db) => db.run("INSERT INTO meta (key, value) VALUES ('a', '1')"));
  const before = readFileSync(wh.file);
  await assert.rejects(
    wh.write((db) => {
      db.run("INSERT INTO meta (key, value) VALUES ('b', '2')");
      throw new Error('boom');
    }),
    /boom/,
  );
  assert.deepEqual(readFileSync(wh.file), before);
  assert.deepEqual(metaKeys(wh), ['a']);
  assert.ok(!existsSync(join(dir, 'warehouse.lock')), 'the lock is released after a failure');
  wh.close();
});

test('two handles on one warehouse: the second writer reloads first, so no update is lost', async () => {
  const dir = tmp();
  const a = await Warehouse.open(dir);
  const b = await Warehouse.open(dir);
  await a.write((db) => db.run("INSERT INTO meta (key, value) VALUES ('from-a', '1')"));
  await b.write((db) => db.run("INSERT INTO meta (key, value) VALUES ('from-b', '1')"));
  await a.write((db) => db.run("INSERT INTO meta (key, value) VALUES ('from-a-2', '1')"));
  const c = await Warehouse.open(dir);
  assert.deepEqual(metaKeys(c), ['from-a', 'from-a-2', 'from-b']);
  for (const w of [a, b, c]) w.close();
});

test('two real processes writing at once lose nothing', async () => {
  const dir = tmp();
  const p1 = spawnTs('test/helpers/writer.ts', [dir, 'p1', '15']);
  const p2 = spawnTs('test/helpers/writer.ts', [dir, 'p2', '15']);
  const [r1, r2] = await Promise.all([waitForExit(p1), waitForExit(p2)]);
  assert.equal(r1.code, 0, r1.stderr);
  assert.equal(r2.code, 0, r2.stderr);
  const wh = await Warehouse.open(dir);
  const keys = metaKeys(wh);
  assert.equal(keys.length, 30);
  assert.equal(keys.filter((k) => k.startsWith('p1-')).length, 15);
  assert.equal(keys.filter((k) => k.startsWith('p2-')).length, 15);
  assert.equal(wh.db.get<{ integrity_check: string }>('PRAGMA integrity_check')?.integrity_check, 'ok');
  wh.close();
});

test('a live holder makes another writer wait, then fail with a busy error naming its pid', async () => {
  const dir = tmp();
  const holder = spawnTs('test/helpers/writer.ts', [dir, 'holder', '1', '3000']);
  await waitForLine(holder, 'holding');
  const wh = await Warehouse.open(dir);
  await assert.rejects(
    wh.write((db) => db.run("INSERT INTO meta (key, value) VALUES ('late', '1')"), { lockWaitMs: 300 }),
    (err: unknown) => err instanceof BusyError && err.message.includes(`pid ${holder.pid}`),
  );
  holder.kill('SIGTERM');
  await waitForExit(holder);
  wh.close();
});

test('a lock left by a dead process is taken over', async () => {
  const dir = tmp();
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
  writeFileSync(
    join(dir, 'warehouse.lock'),
    JSON.stringify({
      pid: Number(dead),
      host: hostname(),
      token: 'old',
      startedAt: '2020-01-01T00:00:00Z',
      what: 'crashed',
    }),
  );
  const wh = await Warehouse.open(dir);
  await wh.write((db) => db.run("INSERT INTO meta (key, value) VALUES ('after-crash', '1')"), { lockWaitMs: 0 });
  assert.deepEqual(metaKeys(wh), ['after-crash']);
  assert.ok(!existsSync(join(dir, 'warehouse.lock')));
  wh.close();
});

test('a lock held by another machine is never taken over', async () => {
  const dir = tmp();
  writeFileSync(
    join(dir, 'warehouse.lock'),
    JSON.stringify({
      pid: 1,
      host: 'some-other-host',
      token: 't',
      startedAt: '2020-01-01T00:00:00Z',
      what: 'importing',
    }),
  );
  await assert.rejects(
    acquireLock(join(dir, 'warehouse.lock'), { waitMs: 0 }),
    (err: unknown) => err instanceof BusyError && /some-other-host/.test((err as Error).message),
  );
});

test('a save killed at random moments always leaves the old file or the new one, whole', async () => {
  const dir = tmp();
  const file = join(dir, 'image.bin');
  for (let round = 0; round < 12; round++) {
    const child = spawnTs('test/helpers/atomic-writer.ts', [file]);
    await waitForLine(child, 'ready');
    await sleep(20 + Math.random() * 150);
    child.kill('SIGKILL');
    await waitForExit(child);
    if (!existsSync(file)) continue; // killed before the first rename finished: no file yet is also "old"
    const data = readFileSync(file);
    assert.equal(data.length, 8 * 1024 * 1024, `round ${round}: size`);
    const first = data[0];
    assert.ok(first === 0x61 || first === 0x62);
    assert.ok(
      data.every((x) => x === first),
      `round ${round}: the file mixes two saves`,
    );
  }
});

test('snapshots: one per snapshotting write, newest first, only the last 10 kept', async () => {
  const dir = tmp();
  const wh = await Warehouse.open(dir);
  await wh.write((db) => db.run("INSERT INTO meta (key, value) VALUES ('v', '0')"));
  assert.equal(listSnapshots(dir).length, 0, 'no snapshot without a file before the write... and none requested');
  for (let i = 1; i <= 12; i++) {
    await wh.write((db) => db.run('UPDATE meta SET value = ? WHERE key = ?', [String(i), 'v']), { snapshot: 'import' });
  }
  const snaps = listSnapshots(dir);
  assert.equal(snaps.length, SNAPSHOTS_KEPT);
  assert.ok(snaps[0]!.id > snaps[1]!.id, 'newest first');
  assert.equal(readdirSync(join(dir, 'snapshots')).filter((f) => f.endsWith('.json')).length, SNAPSHOTS_KEPT);
  // Restore the newest snapshot: the state before the last write (value 11).
  const { backup } = await wh.restore(snaps[0]!.id);
  assert.equal(wh.db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'v'")!.value, '11');
  assert.ok(backup, 'the state before a restore is kept too');
  await wh.restore(backup!.id);
  assert.equal(wh.db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'v'")!.value, '12');
  wh.close();
});

test('restoring the oldest of ten snapshots works (its own backup snapshot must not prune it)', async () => {
  const dir = tmp();
  const wh = await Warehouse.open(dir);
  await wh.write((db) => db.run("INSERT INTO meta (key, value) VALUES ('v', '0')"));
  for (let i = 1; i <= 10; i++)
    await wh.write((db) => db.run('UPDATE meta SET value = ? WHERE key = ?', [String(i), 'v']), { snapshot: 'import' });
  const oldest = listSnapshots(dir).at(-1)!;
  await wh.restore(oldest.id);
  assert.equal(wh.db.get<{ value: string }>("SELECT value FROM meta WHERE key = 'v'")!.value, '0');
  wh.close();
});

test('a lock file naming this very process (a reused pid) is stale, not a live holder', async () => {
  const dir = tmp();
  writeFileSync(
    join(dir, 'warehouse.lock'),
    JSON.stringify({
      pid: process.pid,
      host: hostname(),
      token: 'from-a-previous-boot',
      startedAt: '2020-01-01T00:00:00Z',
      what: 'importing',
    }),
  );
  const release = await acquireLock(join(dir, 'warehouse.lock'), { waitMs: 0 });
  release();
});

test('a failed write does not leave temp files behind, and saves keep the file mode', async () => {
  const dir = tmp();
  const wh = await Warehouse.open(dir);
  await wh.write((db) => db.run("INSERT INTO meta (key, value) VALUES ('a', '1')"));
  chmodSync(wh.file, 0o600);
  writeFileSync(join(dir, '.warehouse.sqlite.tmp-999999-dead'), 'left by a killed save');
  await wh.write((db) => db.run("INSERT INTO meta (key, value) VALUES ('b', '1')"));
  assert.equal(statSync(wh.file).mode & 0o777, 0o600);
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.includes('.tmp-')),
    [],
  );
  wh.close();
});

test("a snapshot copy killed half-way leaves no file behind for long: the next snapshot sweeps dead processes' temps", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'anidex-snaptmp-'));
  const wh = await Warehouse.open(dir);
  await wh.write((db) => db.run('CREATE TABLE t (x)'));
  await wh.write((db) => db.run('INSERT INTO t VALUES (1)'), { snapshot: 'import' });
  const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // a pid whose process has exited
  const snaps = join(dir, 'snapshots');
  const orphan = join(snaps, `.20260101T000000000Z-import.sqlite.tmp-${dead}-abcd1234`);
  const live = join(snaps, `.20260101T000000000Z-import.sqlite.tmp-1-abcd1234`); // pid 1 is alive
  writeFileSync(orphan, 'half a copy');
  writeFileSync(live, 'another process is still copying');
  await wh.write((db) => db.run('INSERT INTO t VALUES (2)'), { snapshot: 'import' });
  assert.equal(existsSync(orphan), false);
  assert.equal(existsSync(live), true, "a live process's temp file is left alone");
  wh.close();
});
