// An export whose files are byte for byte those of the last import is not read again (its fingerprint says so);
// everything it reports and writes must be what reading it again would have given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../../src/warehouse/store.ts';
import { transaction } from '../../src/warehouse/db.ts';
import { importTraktExport, loadTraktExport } from '../../src/app/import.ts';
import { openExport } from '../../src/sources/trakt/index.ts';
import { finishRun, startRun, ZERO_COUNTS } from '../../src/warehouse/runs.ts';
import type { ImportEvent } from '../../src/app/events.ts';
import { InputError } from '../../src/lib/errors.ts';
import { ROOT } from '../helpers/proc.ts';

const V1 = join(ROOT, 'data/sample/trakt-2026-05-01');
const T1 = '2026-05-01T12:00:00.000Z';
const T2 = '2026-06-01T12:00:00.000Z';

async function fresh(): Promise<Warehouse> {
  return Warehouse.open(mkdtempSync(join(tmpdir(), 'anidex-same-')));
}

function copyOfSample(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'anidex-same-export-')), 'export');
  cpSync(V1, dir, { recursive: true });
  return dir;
}

function dump(wh: Warehouse, table: string, drop: string[] = []): unknown[] {
  return wh.db
    .all<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY 1`)
    .map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !drop.includes(k))));
}

/** Forget the recorded fingerprint, so the next import reads every record (the path the shortcut must agree with). */
function forgetFingerprint(wh: Warehouse): Promise<void> {
  return wh.write((db) => void db.run("DELETE FROM meta WHERE key LIKE 'files_fingerprint:%'"));
}

function stagesOf(events: ImportEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'stage' ? [e.stage] : []));
}

test('the same files again are not parsed, and report and write exactly what reading them would', async () => {
  const a = await fresh();
  const b = await fresh();
  await importTraktExport(a, V1, { asOf: T1 });
  await importTraktExport(b, V1, { asOf: T1 });
  await forgetFingerprint(b);

  const events: ImportEvent[] = [];
  const quick = await importTraktExport(a, V1, { asOf: T2, onEvent: (e) => events.push(e) });
  const read = await importTraktExport(b, V1, { asOf: T2 });
  assert.equal(quick.identical, true);
  assert.equal(read.identical, true);
  assert.deepEqual(stagesOf(events), ['read', 'save']);
  for (const k of ['counts', 'skipped', 'crossCheck', 'deletedTitles', 'validFrom', 'notes'] as const) {
    assert.deepEqual(quick[k], read[k], `the same ${k}`);
  }
  const runCols = ['run_id', 'started_at', 'finished_at'];
  assert.deepEqual(dump(a, 'pipeline_runs', runCols), dump(b, 'pipeline_runs', runCols), 'the same run rows');
  for (const t of [
    'bronze_trakt_history',
    'bronze_trakt_ratings',
    'bronze_trakt_watchlist',
    'bronze_trakt_watched',
    'silver_plays',
    'silver_titles',
    'user_watch_history',
  ]) {
    assert.deepEqual(dump(a, t), dump(b, t), t);
  }
  assert.deepEqual(dump(a, 'plan_to_watch', ['id']), dump(b, 'plan_to_watch', ['id']));
  a.close();
  b.close();
});

test('only the watchlist is parsed again (for the plan); the other files are read once, to be hashed', async () => {
  const wh = await fresh();
  await importTraktExport(wh, V1, { asOf: T1 });
  const source = await openExport(V1);
  const reads = new Map<string, number>();
  for (const f of source.files) {
    const read = f.read.bind(f);
    f.read = () => {
      reads.set(f.section, (reads.get(f.section) ?? 0) + 1);
      return read();
    };
  }
  const count = (section: string) => reads.get(section) ?? 0;
  const r = await transaction(wh.db, () => loadTraktExport(wh.db, source, T2));
  assert.equal(r.identical, true);
  const files = (section: string) => source.files.filter((f) => f.section === section).length;
  assert.equal(count('history'), files('history'), 'each history file read once (the fingerprint), not parsed');
  assert.equal(count('ratings'), files('ratings'));
  assert.equal(count('watchlist'), 2 * files('watchlist'), 'the watchlist is parsed for the plan');
  assert.equal(count('watched'), files('watched'), 'the cross-check is the last load’s');
  wh.close();
});

test('a file rewritten with the same records is read again, found identical, and its new fingerprint kept', async () => {
  const dir = copyOfSample();
  const wh = await fresh();
  await importTraktExport(wh, dir, { asOf: T1 });
  const file = join(dir, 'watched-history-2.json');
  writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(file, 'utf8')), null, 4));

  const events: ImportEvent[] = [];
  const r = await importTraktExport(wh, dir, { asOf: T2, onEvent: (e) => events.push(e) });
  assert.equal(r.identical, true, 'the same records');
  assert.ok(
    events.filter((e) => e.type === 'file').length > 1,
    'read file by file: the fingerprint differs from the last one',
  );
  const again: ImportEvent[] = [];
  const r2 = await importTraktExport(wh, dir, { asOf: '2026-07-01T00:00:00.000Z', onEvent: (e) => again.push(e) });
  assert.equal(r2.identical, true);
  assert.equal(again.filter((e) => e.type === 'file').length, 1, 'the rewritten export is now the last one');
  wh.close();
});

test('a changed record after the same files is a normal import: new version, new fingerprint', async () => {
  const dir = copyOfSample();
  const wh = await fresh();
  await importTraktExport(wh, dir, { asOf: T1 });
  const file = join(dir, 'ratings-shows.json');
  const ratings = JSON.parse(readFileSync(file, 'utf8')) as Array<{ rating: number }>;
  ratings[0]!.rating = ratings[0]!.rating === 10 ? 9 : 10;
  writeFileSync(file, JSON.stringify(ratings));
  const r = await importTraktExport(wh, dir, { asOf: T2 });
  assert.equal(r.identical, false);
  assert.equal(r.counts.titlesChanged, 1);
  assert.equal(r.counts.recordsNew, 1);
  wh.close();
});

test('--strict after a load that skipped a record reads the export again and refuses it', async () => {
  const dir = copyOfSample();
  const file = join(dir, 'watched-history-1.json');
  const plays = JSON.parse(readFileSync(file, 'utf8')) as Array<Record<string, unknown>>;
  plays[0]!.watched_at = 'not a date';
  writeFileSync(file, JSON.stringify(plays));
  const wh = await fresh();
  const first = await importTraktExport(wh, dir, { asOf: T1 });
  assert.equal(first.skipped.length, 1);

  await assert.rejects(importTraktExport(wh, dir, { asOf: T2, strict: true }), InputError);
  const quick = await importTraktExport(wh, dir, { asOf: T2 });
  assert.equal(quick.identical, true);
  assert.deepEqual(quick.skipped, first.skipped, 'the skipped record is still reported');
  assert.equal(quick.counts.recordsSkipped, 1);
  wh.close();
});

test('another load of the same source in between (an account sync) makes the same files a full read again', async () => {
  const wh = await fresh();
  await importTraktExport(wh, V1, { asOf: T1 });
  await wh.write((db) => {
    const run = startRun(db, 'sync-trakt', T1, 'trakt:someone', '2026-05-15T00:00:00.000Z');
    finishRun(db, run, ZERO_COUNTS, 'ok', [], 'another batch');
  });
  const events: ImportEvent[] = [];
  const r = await importTraktExport(wh, V1, { asOf: T2, onEvent: (e) => events.push(e) });
  assert.equal(r.identical, false, 'silver was the sync’s: rebuilt from this export');
  assert.ok(stagesOf(events).includes('silver'));
  wh.close();
});
