// TUI screens under ink-testing-library: keys in, frames out, compared with the golden frames in snapshots/
// (100×30, no colour). `npm run snapshots:update` rewrites them on purpose.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { App, type AppProps } from '../src/ui/app.tsx';
import { themeFromEnv } from '../src/ui/theme/theme.ts';
import { listReducer } from '../src/ui/components/use-list-state.ts';
import { commandFor, DEFAULT_BINDINGS, footerText, helpLines, keyName } from '../src/ui/keys/bindings.ts';
import { applyKeyOverrides } from '../src/settings/key-overrides.ts';
import { Warehouse } from '../src/warehouse/store.ts';
import { importSample } from '../src/app/sample.ts';
import { markDemo } from '../src/warehouse/demo-mark.ts';
import { importTraktExport } from '../src/app/import.ts';
import { enrichTitles } from '../src/app/enrich.ts';
import { AniListProvider } from '../src/enrich/anilist.ts';
import { TuiSession, type TuiServices } from '../src/app/tui-session.ts';
import { passesFilter } from '../src/domain/filters.ts';
import { sortRows } from '../src/domain/library-query.ts';
import { AnidexError } from '../src/lib/errors.ts';
import type { EnrichedRow } from '../src/warehouse/queries.ts';
import { ROOT } from './helpers/proc.ts';
import { startFakeGemini } from './fakes/gemini-server.ts';
import { setTimeout as sleep } from 'node:timers/promises';

// Nothing here may reach the internet: the recommender's provider points at a closed port, and no Gemini key.
process.env.ANIDEX_ANILIST_URL = 'http://127.0.0.1:9/';
delete process.env.GEMINI_API_KEY;

const SNAPSHOTS = join(ROOT, 'snapshots');
const NO_COLOUR = themeFromEnv({ NO_COLOR: '1' });
const tmp = mkdtempSync(join(tmpdir(), 'anidex-tui-'));
let sampleDir: string;
let rows: EnrichedRow[];

before(async () => {
  sampleDir = join(tmp, 'sample');
  const wh = await Warehouse.open(sampleDir);
  // The sample's warehouse is the demo's: enriched from the bundled answers, and no "sample in your warehouse" notice.
  await wh.write((db) => markDemo(db, 'test'));
  await importSample(wh);
  await enrichTitles(wh, {
    provider: new AniListProvider({ url: 'http://127.0.0.1:9/', userAgent: 't' }),
    offline: true,
  });
  wh.close();
  const s = await TuiSession.open(sampleDir);
  rows = await s.library();
  s.close();
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A fresh copy of the sample warehouse, so tests that write (plan, imports) never disturb each other. */
function copyOfSample(name: string): string {
  const dir = join(tmp, name);
  cpSync(sampleDir, dir, { recursive: true });
  return dir;
}

const esc = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Rendered = ReturnType<typeof render>;

/** Wait until the frame matches (Ink renders on its own schedule, and CI runs two test files at once). */
async function waitFor(app: Rendered, pattern: RegExp, ms = 8000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const f = app.lastFrame() ?? '';
    if (pattern.test(f)) return f;
    if (Date.now() > end) assert.fail(`no frame matched ${pattern} within ${ms} ms; last frame:\n${f}`);
    await sleep(20);
  }
}

/** Write keys one at a time, letting the screen catch up after each. */
async function keys(app: Rendered, ...ks: string[]): Promise<void> {
  for (const k of ks) {
    app.stdin.write(k);
    await sleep(40);
  }
}

function golden(name: string, frame: string): void {
  const path = join(SNAPSHOTS, `${name}.txt`);
  if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(path)) {
    mkdirSync(SNAPSHOTS, { recursive: true });
    writeFileSync(path, frame + '\n');
    if (process.env.UPDATE_SNAPSHOTS !== '1')
      assert.fail(`no golden frame ${name}.txt yet: written; review it and commit`);
    return;
  }
  assert.equal(
    frame + '\n',
    readFileSync(path, 'utf8'),
    `frame ${name} differs from snapshots/${name}.txt (npm run snapshots:update to accept)`,
  );
}

async function openApp(services: TuiServices, extra: Partial<AppProps> = {}): Promise<Rendered> {
  const r = await services.library();
  return render(
    createElement(App, {
      services,
      rows: r,
      empty: await services.isEmpty(),
      dataDir: '/data',
      width: 100,
      height: 30,
      theme: NO_COLOUR,
      clock: () => 0,
      ...extra,
    }),
  );
}

test('library: first frame, j/k/G/g movement, fuzzy search, help, a title and back, stats', async () => {
  const s = await TuiSession.open(sampleDir);
  const app = await openApp(s);
  golden('library', await waitFor(app, /Library · 109 of 109/));
  const byTitle = sortRows(rows, 'title');
  await keys(app, 'j', 'j');
  await waitFor(app, new RegExp(`\\n>${esc(byTitle[2]!.title.slice(0, 12))}`));
  await keys(app, 'G');
  await waitFor(app, new RegExp(`\\n>${esc(byTitle.at(-1)!.title.slice(0, 12))}`));
  await keys(app, 'g', '/');
  for (const ch of 'natsume') app.stdin.write(ch);
  golden('library-search', await waitFor(app, /\/natsume▏ *\n/));
  app.stdin.write('\u001b'); // Esc clears the search
  await waitFor(app, /109 of 109 titles/);
  await keys(app, '?');
  golden('help', await waitFor(app, /Help · keys/));
  await keys(app, 'q');
  await waitFor(app, /Library/);
  // Enter on a title that changed between the exports: its SCD2 timeline.
  await keys(app, '/');
  for (const ch of 'steins') app.stdin.write(ch);
  await keys(app, '\r', '\r');
  golden('title', await waitFor(app, /2 versions, newest first/));
  assert.match(app.lastFrame()!, /rating 9 → 10/);
  // Back from the title: 'h' (Esc would do too, but Ink waits to tell a lone Esc from an escape sequence).
  await keys(app, 'h');
  const back = await waitFor(app, /Library · \d+ of 109/);
  assert.match(back, /\n>Steins;Gate/, 'the search and the selection survive a visit to a title');
  await keys(app, '4');
  golden('stats', await waitFor(app, /Binge rate/));
  await keys(app, 'q');
  await waitFor(app, /Library/);
  app.unmount();
  s.close();
});

test('library search finds a title by any name of its anime; the title language changes the name shown and sorted', async () => {
  const s = await TuiSession.open(sampleDir);
  const app = await openApp(s);
  await waitFor(app, /Library · 109 of 109/);
  await keys(app, '/');
  for (const ch of 'shingeki') app.stdin.write(ch);
  assert.match(await waitFor(app, /\/shingeki▏/), /\n>Attack on Titan /, 'its romaji name');
  await keys(app, '\u001b', '/');
  for (const ch of '進撃') app.stdin.write(ch);
  assert.match(await waitFor(app, /\/進撃▏/), /\n>Attack on Titan /, 'its native name');
  app.unmount();

  const romaji = await openApp(s, { titleLanguage: 'romaji' });
  const first = await waitFor(romaji, /Library · 109 of 109/);
  assert.doesNotMatch(first, /Frieren: Beyond/, 'romaji names are shown');
  assert.match(
    first,
    /\n>3-gatsu no Lion /,
    'and sorted by: 3-gatsu no Lion is March Comes In Like a Lion as exported',
  );
  await keys(romaji, '/');
  for (const ch of 'attack on titan') romaji.stdin.write(ch);
  assert.match(
    await waitFor(romaji, /\/attack on titan▏/),
    /\n>Shingeki no Kyojin /,
    'the exported title is still searched',
  );
  await keys(romaji, '\r', '\r');
  const title = await waitFor(romaji, /version/);
  assert.match(title, /^anidex · Shingeki no Kyojin \(2013, show\)/);
  assert.match(title, /Also known as Shingeki no Kyojin · 進撃の巨人 · SnK · AoT/);
  romaji.unmount();
  s.close();
});

test('library filters: include and exclude moods, lengths and genres; sort keys; counts agree with the filter', async () => {
  const s = await TuiSession.open(sampleDir);
  const app = await openApp(s);
  await waitFor(app, /Library · 109/);
  await keys(app, 'f', ' '); // include the first mood, cozy
  const cozy = rows.filter((r) => passesFilter(r, { moods: ['cozy'] })).length;
  await waitFor(app, new RegExp(`Library · ${cozy} of 109 titles · mood cozy`));
  // Down to "short" (10 moods, then movie, short) and include it; then exclude Comedy.
  for (let i = 0; i < 11; i++) app.stdin.write('j');
  await keys(app, ' ');
  const both = rows.filter((r) => passesFilter(r, { moods: ['cozy'], lengths: ['short'] })).length;
  await waitFor(app, new RegExp(`${both} titles match`));
  golden('library-filters', app.lastFrame()!);
  await keys(app, 'f');
  const list = await waitFor(app, new RegExp(`Library · ${both} of 109 titles · mood cozy · length short`));
  assert.match(list, /Bocchi the Rock!/);
  // Exclude a genre by toggling it twice: include → exclude.
  await keys(app, 'f', 'G', ' ', ' ');
  await waitFor(app, /\[-\]/);
  await keys(app, 'f');
  await waitFor(app, /· not /);
  // Sort: the second order is "last watched", most recent first.
  await keys(app, 'c', 's');
  const sorted = await waitFor(app, /Library · 109 of 109 titles · last watched/);
  const latest = [...rows].sort((a, b) => (b.lastWatchedAt ?? '').localeCompare(a.lastWatchedAt ?? ''))[0]!;
  assert.match(sorted, new RegExp(`\\n>${esc(latest.title.slice(0, 12))}`));
  // Unmatched titles are shown as such.
  app.unmount();
  const unmatched = rows.find((r) => r.matchStatus === 'unmatched');
  assert.ok(unmatched, 'the sample has non-anime titles');
  s.close();
});

test('recommend: the library filters carry over, local results with reasons, what was sent, add to plan', async () => {
  const dir = copyOfSample('recommend');
  const s = await TuiSession.open(dir);
  const app = await openApp(s);
  await waitFor(app, /Library · 109/);
  await keys(app, 'f', ' ', 'f', 'r'); // cozy, then to the recommend screen
  await waitFor(app, /Mood\s+cozy/);
  await keys(app, 'r');
  const results = await waitFor(app, /Recommend · local engine · 10 results/, 20000);
  golden('recommend', results);
  assert.match(results, /fans of [^(]+\(you rated it \d+\/10\)/, 'the reason names their own title and rating');
  await keys(app, 'v');
  const sent = await waitFor(app, /what was sent to the AI/);
  assert.match(sent, /The local engine sent nothing/);
  await keys(app, 'h');
  await waitFor(app, /10 results/);
  const first = /\n>\s+1 (.+?) \(\d{4}\)/.exec(app.lastFrame()!)?.[1]?.trim();
  assert.ok(first, 'the first result is selected after a run');
  await keys(app, 'a');
  await waitFor(app, /Added .* to your plan to watch/);
  const plan = await s.plan();
  assert.ok(
    plan.some((p) => p.title === first && p.source === 'local'),
    'the selected result is on the plan',
  );
  await keys(app, 'a');
  await waitFor(app, /already on your plan/);
  app.unmount();
  s.close();
});

test('recommend with Gemini (the fake server): the engine is offered only with a key, answers are validated, what was sent is shown', async () => {
  const gemini = await startFakeGemini({ apiKey: 'AIzaTUI-TEST' });
  gemini.setRespond((body) => {
    const text =
      (body as { contents?: Array<{ parts?: Array<{ text?: string }> }> }).contents?.[0]?.parts?.[0]?.text ?? '';
    const ids = [...text.matchAll(/^(\d+) \| /gm)].map((m) => Number(m[1]));
    return {
      recommendations: [
        { mal_id: ids[0], confidence: 0.9, reason: 'Because you rated Mushishi 10/10', priority: 1 },
        { mal_id: 999999, confidence: 0.99, reason: 'invented', priority: 2 },
      ],
    };
  });
  Object.assign(process.env, { GEMINI_API_KEY: 'AIzaTUI-TEST', ANIDEX_GEMINI_URL: gemini.url });
  const dir = copyOfSample('gemini');
  const s = await TuiSession.open(dir);
  try {
    assert.deepEqual(s.engines(), ['local', 'gemini']);
    const app = await openApp(s);
    await waitFor(app, /Library · 109/);
    await keys(app, 'r');
    await waitFor(app, /Engine\s+gemini/);
    await keys(app, 'r');
    const f = await waitFor(app, /gemini engine · 1 results/, 20000);
    assert.match(f, /1 answers dropped by validation/);
    assert.doesNotMatch(f, /AIzaTUI-TEST/);
    await keys(app, 'v');
    const sent = await waitFor(app, /System instruction:/);
    assert.doesNotMatch(sent, /AIzaTUI-TEST/, 'the key is never shown');
    app.unmount();
  } finally {
    delete process.env.GEMINI_API_KEY;
    delete process.env.ANIDEX_GEMINI_URL;
    s.close();
    await gemini.close();
  }
});

test('plan: the list, reorder with K/J, remove asks twice', async () => {
  const dir = copyOfSample('plan');
  const s = await TuiSession.open(dir);
  const app = await openApp(s);
  await waitFor(app, /Library · 109/);
  await keys(app, 'p');
  golden('plan', await waitFor(app, /Plan to watch · 11 titles/));
  const before = await s.plan();
  await keys(app, 'J');
  await waitFor(app, new RegExp(`\\n>\\s+2\\s+${before[0]!.title.slice(0, 10)}`));
  const moved = await s.plan();
  assert.deepEqual(
    moved.slice(0, 2).map((p) => p.id),
    [before[1]!.id, before[0]!.id],
  );
  await keys(app, 'x');
  await waitFor(app, /Remove .* from the plan\? x again to remove/);
  await keys(app, 'j', 'x');
  await waitFor(app, /Plan to watch · 11 titles/); // another key in between keeps it
  await keys(app, 'x', 'x');
  await waitFor(app, /Plan to watch · 10 titles/);
  assert.equal((await s.plan()).length, 10);
  app.unmount();
  s.close();
});

test('welcome on an empty warehouse: the demo is built from the bundled sample with live stages, marked, and the own warehouse stays empty', async () => {
  const dir = join(tmp, 'welcome');
  const dirs = { config: join(tmp, 'w-config'), cache: join(tmp, 'w-cache'), state: join(tmp, 'w-state') };
  const s = await TuiSession.open(dir, { dirs });
  const app = await openApp(s, { dataDir: '/data' });
  golden('welcome', await waitFor(app, /Welcome/));
  await keys(app, '\r');
  const done = await waitFor(app, /Import · done/, 20000);
  golden('import-done', done);
  assert.match(done, /✓ enrich/);
  assert.match(done, /titles: 109 new/);
  await keys(app, '\r');
  const lib = await waitFor(app, /Library · 109 of 109/);
  assert.match(lib, /^DEMO · the bundled sample, not your data/, 'the demo says so above every screen');
  assert.ok(!existsSync(join(dir, 'warehouse.sqlite')), "the person's own warehouse is never written by the demo");
  assert.ok(existsSync(join(dirs.cache, 'demo', 'warehouse.sqlite')), 'the demo lives in the cache folder');
  app.unmount();
  s.close();
});

test('import my export: the path is completed and checked before anything is imported', async () => {
  const dir = join(tmp, 'import-path');
  const s = await TuiSession.open(dir);
  const app = await openApp(s);
  await waitFor(app, /Welcome/);
  // Down and Enter typed back to back: Enter chooses the item the Down moved to (the menu reads its cursor now).
  app.stdin.write('j');
  app.stdin.write('\r');
  golden('import-path', await waitFor(app, /^anidex · Import my export/));
  const bad = join(tmp, 'not-an-export.txt');
  writeFileSync(bad, 'hello');
  app.stdin.write(bad);
  await keys(app, '\r');
  // The check's answer, not the typed path: keys typed while it checks are ignored.
  await waitFor(app, /not-an-export\.txt is neither/);
  assert.match(app.lastFrame()!, /Trakt/, 'the problem says what anidex expected');
  // Tab completion: a unique prefix completes to the folder.
  for (let i = 0; i < bad.length; i++) app.stdin.write('\u007f');
  app.stdin.write(join(ROOT, 'data/sample/trakt-2026-05'));
  await keys(app, '\t');
  await waitFor(app, /trakt-2026-05-01\/▏/);
  await keys(app, '\r');
  await waitFor(app, /Import · done/, 20000);
  assert.equal(await s.isEmpty(), false);
  app.unmount();
  s.close();
});

test('cancelling an import before the save leaves the warehouse as it was', async () => {
  const dir = copyOfSample('cancel');
  const file = join(dir, 'warehouse.sqlite');
  const bytes = readFileSync(file);
  const real = await TuiSession.open(dir);
  // The real import, slowed down after its first file so the cancel lands mid-read.
  const services: TuiServices = Object.assign(Object.create(real) as TuiSession, {
    importExport: (path: string | null, o: { signal: AbortSignal; onEvent: (e: never) => void }) =>
      real.importExport(path, {
        signal: o.signal,
        onEvent: (e) => {
          o.onEvent(e as never);
          const until = Date.now() + 150;
          while (Date.now() < until);
        },
      }),
  });
  const app = await openApp(services);
  await waitFor(app, /Library/);
  await keys(app, 'i');
  await waitFor(app, /Import my export/);
  app.stdin.write(join(ROOT, 'data/sample/trakt-2026-08-15.zip'));
  await keys(app, '\r');
  await waitFor(app, /read files/);
  await keys(app, 'h');
  const stopped = await waitFor(app, /Import · stopped/, 20000);
  assert.match(stopped, /Cancelled: nothing was imported; the warehouse is as it was/);
  assert.ok(readFileSync(file).equals(bytes), 'the warehouse file is byte-for-byte unchanged');
  await keys(app, '\r');
  await waitFor(app, /Library · 109/);
  app.unmount();
  real.close();
});

test('errors appear in one banner with what to do, and go with the next key; settings problems show at start', async () => {
  const real = await TuiSession.open(sampleDir);
  const services: TuiServices = Object.assign(Object.create(real) as TuiSession, {
    stats: () =>
      Promise.reject(
        new AnidexError(
          'The warehouse is busy: another anidex is importing.',
          'Wait for it to finish, then try again.',
        ),
      ),
  });
  const app = await openApp(services, { problems: ['settings.json `keys.down`: "ctrl+" is not a key name.'] });
  await waitFor(app, /! settings\.json `keys\.down`/);
  await keys(app, 'j');
  await waitFor(app, /^(?![\s\S]*! settings)/);
  await keys(app, '4');
  const f = await waitFor(
    app,
    /! The warehouse is busy: another anidex is importing\. Wait for it to finish, then try again\./,
  );
  assert.doesNotMatch(f, /at .*\.ts:\d+/, 'no stack trace');
  assert.equal(f.split('\n').length, 29, 'the banner takes rows from the screen, not beyond it');
  app.unmount();
  real.close();
});

test('key overrides reach every screen: the key works, help and footers name it', async () => {
  const { bindings, problems } = applyKeyOverrides({ down: ['n', 'down'], recommend: ['R'] });
  assert.deepEqual(problems, []);
  const s = await TuiSession.open(sampleDir);
  const app = await openApp(s, { bindings });
  await waitFor(app, /n\/k move/);
  const third = new RegExp(`\\n>${esc(sortRows(rows, 'title')[2]!.title.slice(0, 12))}`);
  await keys(app, 'n', 'n');
  await waitFor(app, third);
  await keys(app, 'j');
  assert.match(app.lastFrame()!, third, 'j no longer moves');
  await keys(app, '?');
  await waitFor(app, /n, ↓\s+move down/);
  app.unmount();
  s.close();
});

test('keys that arrive in one chunk are handled one by one, each on the screen the last one left', async () => {
  const s = await TuiSession.open(sampleDir);
  const app = await openApp(s);
  await waitFor(app, /Library · 109/);
  app.stdin.write('f f jj\r'); // filter cozy, back, two down, open
  const title = await waitFor(app, /newest first/);
  const third = rows
    .filter((r) => passesFilter(r, { moods: ['cozy'] }))
    .sort((a, b) => a.normTitle.localeCompare(b.normTitle))[2]!;
  assert.match(title, new RegExp(`anidex · ${third.title.slice(0, 10)}`));
  // A typo: exact hits come with the key, close (fuzzy) matches follow.
  await keys(app, 'h', 'c', '/');
  app.stdin.write('natsme');
  await waitFor(app, /\/natsme▏ *\n/);
  assert.match(app.lastFrame()!, /Natsume's Book of Friends/);
  app.stdin.write('\u001b');
  await waitFor(app, /109 of 109/);
  // A paste into the search field that ends in Enter: the text is the query, the Enter ends the search.
  await keys(app, 'h', 'c', '/');
  app.stdin.write('steins\r');
  await waitFor(app, /search: steins\n/);
  app.stdin.write('\r');
  await waitFor(app, /anidex · Steins;Gate/);
  app.unmount();
  s.close();
});

test('untrusted titles are rendered harmlessly', async () => {
  const evil = { ...rows[0]!, titleKey: 'x', title: '\u001b]52;c;ZXZpbA==\u0007\u001b[2JEvil \u001b[31mTitle' };
  const s = await TuiSession.open(sampleDir);
  const app = render(
    createElement(App, {
      services: s,
      rows: [evil],
      empty: false,
      dataDir: '/d',
      width: 80,
      height: 10,
      theme: NO_COLOUR,
    }),
  );
  const frame = await waitFor(app, /Evil Title/);
  assert.ok(!frame.includes('\u001b]52') && !frame.includes('\u001b[2J'));
  app.unmount();
  s.close();
});

test('every screen fits 80×24', async () => {
  const s = await TuiSession.open(copyOfSample('narrow'));
  const app = render(
    createElement(App, { services: s, rows, empty: false, dataDir: '/d', width: 80, height: 24, theme: NO_COLOUR }),
  );
  const check = (f: string) => {
    const lines = f.split('\n');
    assert.equal(lines.length, 23, f); // the last row stays empty, so Ink never clears the screen
    for (const l of lines) assert.ok(stringWidth(l) <= 80, `too wide: ${l}`);
  };
  check(await waitFor(app, /Library/));
  for (const [k, screen] of [
    ['f', /Filters/],
    ['f', /Library/],
    ['r', /Recommend/],
    ['p', /Plan to watch/],
    ['4', /Stats/],
    ['?', /Help/],
  ] as const) {
    await keys(app, k);
    check(await waitFor(app, screen));
  }
  app.unmount();
  s.close();
});

test('titles with emoji, ZWJ sequences, CJK and combining marks never wrap a row at 80×24: the header stays on top', async () => {
  const dir = join(tmp, 'wide-titles');
  const wh = await Warehouse.open(dir);
  await importTraktExport(wh, join(ROOT, 'test/fixtures/wide-titles'), { asOf: '2026-04-01T00:00:00.000Z' });
  wh.close();
  const s = await TuiSession.open(dir);
  const wide = await s.library();
  const app = render(
    createElement(App, {
      services: s,
      rows: wide,
      empty: false,
      dataDir: '/d',
      width: 80,
      height: 24,
      theme: NO_COLOUR,
      clock: () => 0,
    }),
  );
  // Ink measures with string-width: a row one cell too wide would wrap and push the header off the screen.
  const fits = (f: string): string => {
    const lines = f.split('\n');
    assert.equal(lines.length, 23, f);
    for (const l of lines) assert.ok(stringWidth(l) <= 80, `too wide (${stringWidth(l)}): ${l}`);
    assert.match(lines[0]!, /^anidex · /);
    return f;
  };
  const library = fits(await waitFor(app, /Library · 8 of 8 titles/));
  for (const t of [
    '✨ Sparkle ☕ Café',
    '👨‍👩‍👧‍👦 Family Time',
    '葬送のフリーレン',
    '進撃の巨人',
    'Poke\u0301mon: The First Movie',
    'Re:ゼロから始める異世界',
  ]) {
    assert.ok(library.includes(t), `the library shows ${t}`);
  }
  golden('library-wide-titles', library);
  await keys(app, '/');
  app.stdin.write('sparkle');
  await keys(app, '\r', '\r');
  golden('title-wide-titles', fits(await waitFor(app, /1 version, newest first/)));
  await keys(app, 'h');
  fits(await waitFor(app, /Library · 1 of 8/));
  app.unmount();
  s.close();
});

test('at 80 columns a long error wraps in the banner instead of being cut', async () => {
  const real = await TuiSession.open(sampleDir);
  const long = new AnidexError(
    'The warehouse /home/someone/.local/share/anidex/warehouse.sqlite is busy: another anidex (pid 4242) is importing an export.',
    'Wait for it to finish, then try again; `anidex doctor` shows who holds the lock.',
  );
  const services: TuiServices = Object.assign(Object.create(real) as TuiSession, { stats: () => Promise.reject(long) });
  const app = render(
    createElement(App, {
      services,
      rows,
      empty: false,
      dataDir: '/d',
      width: 80,
      height: 24,
      theme: NO_COLOUR,
      clock: () => 0,
    }),
  );
  await waitFor(app, /Library · 109/);
  await keys(app, '4');
  const f = await waitFor(app, /! The warehouse/);
  const lines = f.split('\n');
  assert.equal(lines.length, 23, f);
  assert.match(lines[0]!, /^anidex · Library/);
  const banner = lines.slice(lines.findIndex((l) => l.startsWith('! The warehouse')));
  assert.ok(banner.length >= 3, f);
  for (const l of banner) assert.ok(stringWidth(l) <= 80, l);
  assert.ok(!banner.join(' ').includes('…'), 'nothing is cut');
  assert.equal(banner.map((l) => l.replace(/^[! ] /, '')).join(' '), `${long.message} ${long.hint}`);
  app.unmount();
  real.close();
});

test('the list reducer keeps the cursor in the list and the window around it', () => {
  let s = listReducer({ cursor: 0, offset: 0, count: 0, height: 5 }, { type: 'resize', count: 20, height: 5 });
  s = listReducer(s, { type: 'move', by: 7 });
  assert.deepEqual([s.cursor, s.offset], [7, 3]);
  s = listReducer(s, { type: 'bottom' });
  assert.deepEqual([s.cursor, s.offset], [19, 15]);
  s = listReducer(s, { type: 'move', by: -100 });
  assert.deepEqual([s.cursor, s.offset], [0, 0]);
  s = listReducer(s, { type: 'resize', count: 0, height: 5 });
  assert.equal(s.cursor, 0);
});

test('key bindings are data: several keys per command, help and footers generated from them', () => {
  assert.equal(commandFor(keyName('j', {})), 'down');
  assert.equal(commandFor(keyName('', { downArrow: true })), 'down');
  assert.equal(commandFor(keyName('d', { ctrl: true })), 'pageDown');
  assert.equal(commandFor(keyName('', { tab: true, shift: true })), 'prevScreen');
  assert.equal(commandFor(keyName(' ', {})), 'toggle');
  assert.equal(commandFor(keyName('~', {})), null);
  assert.ok(helpLines().some((l) => /^↓, j\s+move down$/.test(l)));
  // No key means two commands.
  const seen = new Map<string, string>();
  for (const [cmd, b] of Object.entries(DEFAULT_BINDINGS))
    for (const k of b.keys) {
      assert.ok(!seen.has(k), `${k} is bound to ${seen.get(k)} and ${cmd}`);
      seen.set(k, cmd);
    }
  assert.equal(
    footerText([
      [['down', 'up'], 'move'],
      ['back', 'back'],
    ]),
    'j/k move · Esc back',
  );
  // Too narrow: entries go from the end, except the ways out and help.
  assert.equal(
    footerText(
      [
        [['down', 'up'], 'move'],
        ['open', 'open'],
        ['quit', 'quit'],
        ['help', 'help'],
      ],
      DEFAULT_BINDINGS,
      30,
    ),
    'j/k move · q quit · ? help',
  );
  assert.equal(
    footerText(
      [
        ['open', 'open'],
        ['quit', 'quit'],
        ['help', 'help'],
      ],
      DEFAULT_BINDINGS,
      5,
    ),
    'q quit · ? help',
    'the ways out and help always stay',
  );
});
