// The TUI's sync: S syncs the connected accounts from any screen (the welcome screen too), showing the same live
// stages as a file import and when each account last synced; a second sync right after writes nothing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { App } from '../src/ui/app.tsx';
import { themeFromEnv } from '../src/ui/theme/theme.ts';
import { TuiSession } from '../src/app/tui-session.ts';
import { writeAccount } from '../src/settings/accounts-setting.ts';
import { Warehouse } from '../src/warehouse/store.ts';
import { startFakeAniList } from './fakes/anilist-server.ts';
import { animeDb } from './fakes/anime-db.ts';

type Rendered = ReturnType<typeof render>;

async function waitFor(app: Rendered, pattern: RegExp, ms = 15000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const f = app.lastFrame() ?? '';
    if (pattern.test(f)) return f;
    if (Date.now() > end) assert.fail(`no frame matched ${pattern} within ${ms} ms; last frame:\n${f}`);
    await sleep(20);
  }
}

const anime = animeDb()
  .media.filter((m) => m.type === 'ANIME' && m.idMal)
  .slice(0, 3);
const fake = await startFakeAniList({
  lists: {
    Mika: {
      id: 7,
      name: 'Mika',
      scoreFormat: 'POINT_10',
      entries: anime.map((m) => ({ mediaId: m.id, status: 'COMPLETED' as const, score: 8, progress: 1 })),
    },
  },
});
after(() => fake.close());

test('S on the welcome screen syncs the connected AniList list with live stages; S again: unchanged, and the last sync is shown', async () => {
  process.env.ANIDEX_ANILIST_URL = fake.url;
  const root = mkdtempSync(join(tmpdir(), 'anidex-tui-sync-'));
  const dirs = { config: join(root, 'config'), cache: join(root, 'cache'), state: join(root, 'state') };
  await writeAccount(dirs.config, 'anilist', { user: 'Mika' });
  const dataDir = join(root, 'data');
  const s = await TuiSession.open(dataDir, { dirs });
  const app = render(
    createElement(App, {
      services: s,
      rows: [],
      empty: true,
      dataDir,
      width: 80,
      height: 24,
      theme: themeFromEnv({ NO_COLOR: '1' }),
      clock: () => 0,
    }),
  );
  await waitFor(app, /Welcome/);
  assert.match(app.lastFrame()!, /S syncs them now/);
  app.stdin.write('S');
  const done = await waitFor(app, /Sync · done/);
  assert.match(done, /AniList \(Mika\): last synced never/);
  assert.match(done, /✓ gold: version titles/, 'the stages of a file import');
  assert.match(done, /3 new, 0 changed/);
  app.stdin.write('\r');
  await waitFor(app, /Library · 3 of 3/);
  app.stdin.write('S');
  const again = await waitFor(app, /Sync · done/);
  assert.match(again, /AniList \(Mika\): last synced \d{4}-\d\d-\d\d \d\d:\d\d/);
  assert.match(again, /unchanged since the last sync/);
  app.unmount();
  s.close();
  const wh = await Warehouse.open(dataDir);
  assert.equal(
    wh.db.get<{ n: number }>('SELECT count(*) AS n FROM user_watch_history')!.n,
    3,
    '+0 versions the second time',
  );
  wh.close();
});
