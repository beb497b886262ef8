// The TUI remembers the person's sort, filters and title language in settings.json, started exactly as `anidex`
// starts it (loadTuiSettings): a file with comments keeps them through the TUI's writes, the next session opens as
// the last one left, and a broken file is said once (file, place, what to do) and never written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { App } from '../src/ui/app.tsx';
import { themeFromEnv } from '../src/ui/theme/theme.ts';
import { Warehouse } from '../src/warehouse/store.ts';
import { importSample } from '../src/app/sample.ts';
import { markDemo } from '../src/warehouse/demo-mark.ts';
import { TuiSession } from '../src/app/tui-session.ts';
import { enrichTitles } from '../src/app/enrich.ts';
import { AniListProvider } from '../src/enrich/anilist.ts';
import { loadTuiSettings, type TuiSettings } from '../src/settings/tui-settings.ts';
import { loadSettings, settingsPath } from '../src/settings/settings-file.ts';

const tmp = mkdtempSync(join(tmpdir(), 'anidex-tui-prefs-'));
let sampleDir: string;
let session: TuiSession;

before(async () => {
  sampleDir = join(tmp, 'sample');
  const wh = await Warehouse.open(sampleDir);
  await importSample(wh);
  // Offline: the sample's bundled answers (moods and English names come from them).
  await enrichTitles(wh, {
    provider: new AniListProvider({ url: 'http://127.0.0.1:9/', userAgent: 't' }),
    offline: true,
  });
  await wh.write((db) => markDemo(db, 'test'));
  wh.close();
  session = await TuiSession.open(sampleDir);
});
after(() => {
  session.close();
  rmSync(tmp, { recursive: true, force: true });
});

type Rendered = ReturnType<typeof render>;

async function waitFor(app: Rendered, pattern: RegExp, ms = 8000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const f = app.lastFrame() ?? '';
    if (pattern.test(f)) return f;
    if (Date.now() > end) assert.fail(`no frame matched ${pattern} within ${ms} ms; last frame:\n${f}`);
    await sleep(20);
  }
}

async function keys(app: Rendered, ...ks: string[]): Promise<void> {
  for (const k of ks) {
    app.stdin.write(k);
    await sleep(40);
  }
}

/** The app as `anidex` renders it from its settings (src/commands/tui.tsx). */
async function openApp(s: TuiSettings): Promise<Rendered> {
  const rows = await session.library();
  return render(
    createElement(App, {
      services: session,
      rows,
      empty: false,
      dataDir: sampleDir,
      width: 100,
      height: 30,
      theme: themeFromEnv({ NO_COLOR: '1' }),
      clock: () => 0,
      bindings: s.bindings,
      problems: s.problems,
      titleLanguage: s.titleLanguage,
      titleLanguageOverride: s.titleLanguageOverride,
      remembered: s.remembered,
      preferences: s.saver ?? undefined,
      settingsPath: s.path,
    }),
  );
}

test('the sort, a filter and the title language chosen in the TUI are saved with the comments kept, and the next session opens with them', async () => {
  const config = mkdtempSync(join(tmp, 'config-'));
  const mine = [
    '// my anidex settings',
    '{',
    '  /* vim-ish, with Q to quit */',
    '  "keys": { "quit": "Q", }, // a trailing comma too',
    '}',
    '',
  ].join('\n');
  writeFileSync(settingsPath(config), mine);

  const first = await loadTuiSettings(config, undefined, {});
  assert.deepEqual(first.problems, []);
  const app = await openApp(first);
  await waitFor(app, /Library · 109 of 109 titles · title A–Z/);
  await keys(app, 's');
  await waitFor(app, /· last watched/);
  // The filter panel: the first value of the first facet included, then back to the list.
  await keys(app, 'f', ' ', '\u001b');
  const filtered = await waitFor(app, /Library · \d+ of 109 titles · .+ · last watched/);
  const summary = /Library · (\d+) of 109 titles · (.+) · last watched/.exec(filtered)!;
  await keys(app, 't');
  await waitFor(app, /Titles by their English names; saved in settings\.json\./);
  app.unmount();
  assert.equal(await first.saver!.flush(), null);

  const text = readFileSync(settingsPath(config), 'utf8');
  // The person's lines are all there, in order; anidex's values were added inside the object.
  assert.ok(
    text.startsWith(
      '// my anidex settings\n{\n  /* vim-ish, with Q to quit */\n  "keys": { "quit": "Q", }, // a trailing comma too\n',
    ),
    text,
  );
  assert.ok(text.endsWith('}\n'), text);
  const saved = await loadSettings(config);
  assert.deepEqual(saved.problems, []);
  assert.deepEqual(saved.bindings.quit.keys, ['Q']);
  assert.equal(saved.titleLanguage, 'english');
  assert.equal(saved.tui.sort, 'recent');
  assert.equal(Object.keys(saved.tui.filter ?? {}).length, 1, JSON.stringify(saved.tui.filter));

  // The next session: the same sort, filter and names, without a key pressed (and nothing written).
  const second = await loadTuiSettings(config, undefined, {});
  const again = await openApp(second);
  await waitFor(
    again,
    new RegExp(
      `Library · ${summary[1]} of 109 titles · ${summary[2]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · last watched`,
    ),
  );
  await keys(again, 't');
  await waitFor(again, /Titles by their romaji names; saved in settings\.json\./);
  again.unmount();
  assert.equal(await second.saver!.flush(), null);
  assert.equal((await loadSettings(config)).titleLanguage, 'romaji');
  assert.ok(
    readFileSync(settingsPath(config), 'utf8').startsWith(
      '// my anidex settings\n{\n  /* vim-ish, with Q to quit */\n',
    ),
  );

  // --title-language (or the environment) still chooses at start: the key's note says so.
  const flagged = await loadTuiSettings(config, 'exported', {});
  assert.equal(flagged.titleLanguage, 'exported');
  const third = await openApp(flagged);
  await waitFor(third, /Library · /);
  await keys(third, 't');
  await waitFor(third, /saved in settings\.json, but --title-language exported still chooses\s+when anidex starts\./);
  third.unmount();
  await flagged.saver!.flush();
});

test('a broken settings.json: the banner names the file, the place and what to do; the TUI runs on the defaults and never writes it', async () => {
  const config = mkdtempSync(join(tmp, 'config-'));
  const broken = '{\n  "keys": {"quit": "Q"}\n  "titleLanguage": "english"\n}\n';
  writeFileSync(settingsPath(config), broken);
  const s = await loadTuiSettings(config, undefined, {});
  const app = await openApp(s);
  const frame = await waitFor(app, /! .*settings\.json is not valid JSON/);
  const banner = frame
    .split('\n')
    .filter((l) => /^[! ] /.test(l))
    .join(' ')
    .replace(/\s+/g, ' ');
  assert.match(
    banner,
    /settings\.json is not valid JSON \(line 3, column 3: unexpected '"', a comma is missing before it\)\. Fix it or delete it to use the default settings; nothing is saved into it until then\./,
  );
  await keys(app, 's', 't');
  await waitFor(app, /· last watched/);
  app.unmount();
  // Told at start, so the banner said nothing new at the keys; at the end (the screen gone) the session says on
  // stderr what was not saved.
  assert.match(
    (await s.saver!.flush()) ?? '',
    /^Preferences not saved: .*settings\.json is not valid JSON \(line 3, column 3/,
  );
  assert.equal(readFileSync(settingsPath(config), 'utf8'), broken);
});

test('the demo starts from the defaults, keeps its sort and title language for the session and never writes settings.json', async () => {
  const config = mkdtempSync(join(tmp, 'config-'));
  const mine = '// mine\n{ "titleLanguage": "romaji", "tui": { "sort": "year" } }\n';
  writeFileSync(settingsPath(config), mine);
  const s = await loadTuiSettings(config, undefined, {}, { demo: true });
  assert.equal(s.saver, null);
  assert.equal(s.titleLanguage, 'romaji', "the person's title language is read");
  const app = await openApp(s);
  await waitFor(app, /Library · 109 of 109 titles · title A–Z/);
  await keys(app, 's', 't');
  await waitFor(app, /· last watched/);
  await waitFor(app, /Titles as your export has them for this session \(not saved\)\./);
  app.unmount();
  await sleep(100);
  assert.equal(readFileSync(settingsPath(config), 'utf8'), mine);
});
