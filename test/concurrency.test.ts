// Several real anidex processes writing one warehouse at once (issue #7): a long `anidex enrich` against a slow
// fake AniList (it checkpoints answers as it goes), a TUI-like session adding plan items in a loop from one
// long-held warehouse handle, and two CLI imports of different exports started at the same moment.
// Nothing may be lost (every import's run, every plan item, every version), nothing corrupted, and a process
// that cannot get the lock in time must say so in one sentence naming the holder (exit 1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Warehouse } from '../src/warehouse/store.ts';
import { acquireLock } from '../src/lib/lock.ts';
import { BusyError } from '../src/lib/errors.ts';
import { TuiSession } from '../src/app/tui-session.ts';
import type { Recommendation } from '../src/recommend/local.ts';
import { scd2Violations } from '../scripts/crash/inspect.ts';
import { isolatedEnv, runAnidex, startAnidex, startNode, type Exit, type Running } from '../scripts/crash/proc.ts';
import { startFakeAniList } from './fakes/anilist-server.ts';
import { setTimeout as sleep } from 'node:timers/promises';

const SAMPLE_1 = resolve('data/sample/trakt-2026-05-01');
const SAMPLE_2 = resolve('data/sample/trakt-2026-08-15.zip');
const MAL = resolve('test/fixtures/mal/animelist_1734298612_-_16433979.xml');
const SESSION_ITEMS = 30;
const FIRST_SESSION_MAL_ID = 900_001;

/** The busy error as the CLI prints it: one sentence naming the holder, then what to do. */
const BUSY =
  /^anidex: The warehouse is busy: another anidex process \(pid \d+, [^)]+ since [^)]+\) holds \S+warehouse\.lock\.\n {2}Wait for the other anidex process to finish, then run this again\.\n$/;

function lineSeen(r: Running, line: string): Promise<void> {
  return new Promise((res, rej) => {
    let buf = '';
    r.child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.split('\n').includes(line)) res();
    });
    r.exit.then((e) => rej(new Error(`exited (${e.code}) before printing "${line}": ${e.stderr}`)), rej);
  });
}

async function until(what: string, ok: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

interface ImportJson {
  runId: number;
  sourcePath: string;
  counts: { titlesNew: number; titlesChanged: number; titlesDeleted: number; titlesRestored: number };
}

test(
  'a long enrich, a TUI session writing the plan and two imports at once: no lost update, no corruption, clear busy message',
  { timeout: 180_000 },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'anidex-concurrency-'));
    const base = await runAnidex(dir, ['import', MAL, '--as-of', '2026-09-01T00:00:00.000Z', '--offline']);
    assert.equal(base.code, 0, base.stderr);
    const before = await Warehouse.open(dir);
    const baseVersions = before.db.get<{ n: number }>('SELECT count(*) AS n FROM user_watch_history')!.n;
    const basePlanMal = before.db.get<{ n: number }>("SELECT count(*) AS n FROM plan_to_watch WHERE source = 'mal'")!.n;
    before.close();

    // Every AniList answer takes 400 ms: the enrich run (hundreds of MAL ids whose details are missing) lasts
    // seconds, holds its warehouse copy throughout and checkpoints what it fetched.
    const anilist = await startFakeAniList({ latencyMs: 400 });
    try {
      const enrich = startAnidex(dir, ['enrich', '--json'], { env: isolatedEnv({ ANIDEX_ANILIST_URL: anilist.url }) });
      const session = startNode([
        '--import',
        'tsx',
        'test/helpers/session-writer.ts',
        dir,
        String(SESSION_ITEMS),
        '100',
        String(FIRST_SESSION_MAL_ID),
      ]);
      await Promise.all([
        lineSeen(session, 'ready'),
        until('the enrich run to reach AniList', () => anilist.requests > 0, 60_000),
      ]);

      const imports = [SAMPLE_1, SAMPLE_2].map((p) => ({
        path: p,
        run: startAnidex(dir, ['import', p, '--offline', '--json']),
      }));
      const [enrichExit, sessionExit, ...importExits] = (await Promise.all([
        enrich.exit,
        session.exit,
        ...imports.map((i) => i.run.exit),
      ])) as [Exit, Exit, ...Exit[]];

      // Who won and who waited.
      for (const [i, e] of importExits.entries())
        t.diagnostic(`import ${imports[i]!.path.split('/').pop()}: exit ${e.code} after ${(e.ms / 1000).toFixed(2)} s`);
      t.diagnostic(
        `enrich: exit ${enrichExit.code} after ${(enrichExit.ms / 1000).toFixed(2)} s, ${anilist.requests} AniList requests; session: ${sessionExit.stdout.trim().split('\n').at(-1)}`,
      );

      assert.equal(enrichExit.code, 0, enrichExit.stderr);
      assert.equal(sessionExit.code, 0, sessionExit.stdout + sessionExit.stderr);
      assert.match(sessionExit.stdout, new RegExp(`^done ${SESSION_ITEMS}$`, 'm'));

      const done: ImportJson[] = [];
      for (const [i, e] of importExits.entries()) {
        if (e.code === 0) done.push(JSON.parse(e.stdout) as ImportJson);
        else {
          // The only acceptable way to lose: exit 1 with the busy message, and nothing written.
          assert.equal(e.code, 1, `import ${imports[i]!.path}: ${e.stderr}`);
          assert.match(e.stderr, BUSY);
        }
      }
      assert.ok(done.length >= 1, 'at least one import got through');

      const wh = await Warehouse.open(dir);
      try {
        const db = wh.db;
        assert.equal(db.get<{ integrity_check: string }>('PRAGMA integrity_check')?.integrity_check, 'ok');
        assert.deepEqual(scd2Violations(db), []);

        // Every successful import's run is recorded, as what it said it did.
        for (const r of done) {
          const run = db.get<{ kind: string; source_path: string; status: string; titles_new: number }>(
            'SELECT kind, source_path, status, titles_new FROM pipeline_runs WHERE run_id = ?',
            [r.runId],
          );
          assert.ok(run, `run ${r.runId} of ${r.sourcePath} is in pipeline_runs`);
          assert.equal(run.source_path, r.sourcePath);
          assert.equal(run.status, 'ok');
          assert.equal(run.titles_new, r.counts.titlesNew);
        }
        assert.equal(
          db.get<{ n: number }>("SELECT count(*) AS n FROM pipeline_runs WHERE kind = 'import'")!.n,
          done.length,
        );

        // Versions: exactly the base's plus what each import reported inserting; each tied to a recorded run.
        const inserted = done.reduce(
          (a, r) => a + r.counts.titlesNew + r.counts.titlesChanged + r.counts.titlesDeleted + r.counts.titlesRestored,
          0,
        );
        assert.equal(db.get<{ n: number }>('SELECT count(*) AS n FROM user_watch_history')!.n, baseVersions + inserted);
        assert.equal(
          db.get<{ n: number }>(
            'SELECT count(*) AS n FROM user_watch_history WHERE run_id NOT IN (SELECT run_id FROM pipeline_runs)',
          )!.n,
          0,
        );
        // The MyAnimeList list loaded before is all still there.
        assert.equal(
          db.get<{ n: number }>(
            "SELECT count(*) AS n FROM user_watch_history WHERE title_key LIKE 'mal:%' AND is_current = 1 AND is_deleted = 0",
          )!.n,
          506,
        );

        // Plan: every item the session added, the MAL plan-to-watch items, the Trakt watchlist of the imports.
        assert.equal(
          db.get<{ n: number }>(
            "SELECT count(*) AS n FROM plan_to_watch WHERE source = 'local' AND mal_id BETWEEN ? AND ?",
            [FIRST_SESSION_MAL_ID, FIRST_SESSION_MAL_ID + SESSION_ITEMS - 1],
          )!.n,
          SESSION_ITEMS,
        );
        assert.equal(
          db.get<{ n: number }>("SELECT count(*) AS n FROM plan_to_watch WHERE source = 'mal'")!.n,
          basePlanMal,
        );
        assert.ok(
          db.get<{ n: number }>("SELECT count(*) AS n FROM plan_to_watch WHERE source = 'trakt-watchlist'")!.n > 0,
        );

        // How much the writers really overlapped (for the log; timing decides it, so it is not asserted).
        const imp = db.get<{ a: string; b: string }>(
          "SELECT min(started_at) AS a, max(finished_at) AS b FROM pipeline_runs WHERE kind = 'import'",
        )!;
        const when = (cond: string): number =>
          db.get<{ n: number }>(
            `SELECT count(*) AS n FROM plan_to_watch WHERE source = 'local' AND ${cond}`,
            [imp.a, imp.b].slice(0, (cond.match(/\?/g) ?? []).length),
          )!.n;
        t.diagnostic(
          `session plan items saved before the first import started: ${when('added_at < ?')}, between its start and the last import's end: ${when('added_at BETWEEN ? AND ?')}, after: ${SESSION_ITEMS - when('added_at < ?') - when('added_at BETWEEN ? AND ?')}`,
        );

        // The enrich run's work: its audit row with the calls it made, and the answers it fetched.
        const enrichRun = JSON.parse(enrichExit.stdout) as { runId: number; counts: { apiCalls: number } };
        assert.ok(enrichRun.counts.apiCalls > 0);
        assert.equal(
          db.get<{ n: number }>("SELECT api_calls AS n FROM pipeline_runs WHERE run_id = ? AND kind = 'enrich'", [
            enrichRun.runId,
          ])?.n,
          enrichRun.counts.apiCalls,
        );
        assert.ok(
          db.get<{ n: number }>("SELECT count(*) AS n FROM api_cache WHERE provider = 'anilist'")!.n >=
            enrichRun.counts.apiCalls,
        );
      } finally {
        wh.close();
      }
    } finally {
      await anilist.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test(
  'two imports started at once while another process holds the lock past the wait: both exit 1 with the busy sentence; its lock, once stale, is taken over',
  { timeout: 120_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anidex-busy-'));
    try {
      // A writer that would keep the lock far longer than the 10 s an anidex command waits.
      const holder = startNode(['--import', 'tsx', 'test/helpers/writer.ts', dir, 'holder', '1', '120000']);
      await lineSeen(holder, 'holding');
      const imports = [SAMPLE_1, MAL].map((p) => startAnidex(dir, ['import', p, '--offline']));
      const exits = await Promise.all(imports.map((r) => r.exit));
      for (const e of exits) {
        assert.equal(e.code, 1, e.stderr);
        assert.match(e.stderr, BUSY);
        assert.ok(e.stderr.includes(`(pid ${holder.child.pid}, test writer holder since `), e.stderr);
        assert.ok(e.ms >= 9_500, `waited ${e.ms} ms before giving up`);
      }
      // The holder dies without releasing: its lock is stale now, and the next import takes it over.
      holder.child.kill('SIGKILL');
      await holder.exit;
      const wh = await Warehouse.open(dir);
      try {
        assert.equal(
          wh.db.get<{ n: number }>('SELECT count(*) AS n FROM pipeline_runs')!.n,
          0,
          'the losers wrote nothing',
        );
      } finally {
        wh.close();
      }
      const again = await runAnidex(dir, ['import', SAMPLE_1, '--offline']);
      assert.equal(again.code, 0, again.stderr);
      assert.ok(again.ms < 9_000, `the stale lock was taken over without waiting out the 10 s (${again.ms} ms)`);
      const after = await Warehouse.open(dir);
      try {
        assert.equal(after.db.get<{ integrity_check: string }>('PRAGMA integrity_check')?.integrity_check, 'ok');
        assert.equal(
          after.db.get<{ n: number }>("SELECT count(*) AS n FROM pipeline_runs WHERE kind = 'import'")!.n,
          1,
        );
      } finally {
        after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

// Writes from one process overlap too: the TUI saves on a key press without waiting for the previous save, so
// pressing "add" twice quickly starts two writes. A lock naming this process's pid used to count as stale ("a
// reused pid"): the second write took it over, ran inside the first one's transaction and failed, and its
// release deleted the lock while the first was still saving, so another process could write at the same time
// and one of the two saves was lost.

test('a second writer in the same process waits for the lock held by the first instead of taking it over', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'anidex-samepid-'));
  try {
    const lock = join(dir, 'warehouse.lock');
    const release = await acquireLock(lock, { what: 'first write' });
    await assert.rejects(
      acquireLock(lock, { waitMs: 300, pollMs: 20 }),
      (err: unknown) => err instanceof BusyError && (err as Error).message.includes(`pid ${process.pid}, first write`),
    );
    release();
    const again = await acquireLock(lock, { waitMs: 0 });
    again();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('two handles in one process writing at once lose nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'anidex-samepid-'));
  try {
    const a = await Warehouse.open(dir);
    await a.write((db) => db.run("INSERT INTO meta (key, value) VALUES ('base', '1')"));
    const b = await Warehouse.open(dir);
    await Promise.all([
      a.write((db) => db.run("INSERT INTO meta (key, value) VALUES ('from-a', '1')")),
      b.write((db) => db.run("INSERT INTO meta (key, value) VALUES ('from-b', '1')")),
    ]);
    const c = await Warehouse.open(dir);
    assert.deepEqual(
      c.db.all<{ key: string }>('SELECT key FROM meta ORDER BY key').map((r) => r.key),
      ['base', 'from-a', 'from-b'],
    );
    for (const w of [a, b, c]) w.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a TUI session adding two plan items at once (a key pressed twice) saves both', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'anidex-samepid-'));
  try {
    const session = await TuiSession.open(dir);
    const rec = (malId: number): Recommendation => ({
      malId,
      title: `Pick ${malId}`,
      year: null,
      format: null,
      episodes: null,
      minutesPerEpisode: null,
      length: null,
      genres: [],
      moods: [],
      confidence: 0.5,
      reason: 'pressed twice',
      streaming: null,
      priority: 1,
    });
    const added = await Promise.all([
      session.addToPlan(rec(910_001), 'local'),
      session.addToPlan(rec(910_002), 'local'),
      session.addToPlan(rec(910_003), 'local'),
    ]);
    assert.deepEqual(added, [true, true, true]);
    session.close();
    const wh = await Warehouse.open(dir);
    assert.deepEqual(
      wh.db.all<{ mal_id: number }>('SELECT mal_id FROM plan_to_watch ORDER BY mal_id').map((r) => r.mal_id),
      [910_001, 910_002, 910_003],
    );
    wh.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
