// TUI screens under ink-testing-library: keys in, frames out, compared with the golden frames in snapshots/
// (100×30, no colour). `npm run snapshots:update` rewrites them on purpose.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { App } from '../src/ui/app.tsx';
import { themeFromEnv } from '../src/ui/theme/theme.ts';
import { listReducer } from '../src/ui/components/list-state.ts';
import { commandFor, helpLines, keyName } from '../src/ui/keys/bindings.ts';
import { Warehouse } from '../src/warehouse/store.ts';
import { importTraktExport } from '../src/pipeline/import.ts';
import { enrichTitles } from '../src/pipeline/enrich.ts';
import { AniListProvider } from '../src/enrich/anilist.ts';
import { loadLibraryView } from '../src/pipeline/library-view.ts';
import { loadTitleView } from '../src/pipeline/title-view.ts';
import { loadStatsView } from '../src/pipeline/stats-view.ts';
import type { EnrichedRow } from '../src/warehouse/queries.ts';
import { ROOT } from './helpers/proc.ts';

const SNAPSHOTS = join(ROOT, 'snapshots');
const NO_COLOUR = themeFromEnv({ NO_COLOR: '1' });
let rows: EnrichedRow[];
let dataDir: string;
const loadTitle = (key: string) => loadTitleView(dataDir, key);
const loadStats = () => loadStatsView(dataDir);

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'anidex-tui-'));
  const wh = await Warehouse.open(dir);
  await importTraktExport(wh, join(ROOT, 'data/sample/trakt-2026-05-01'), { asOf: '2026-05-01T12:00:00.000Z' });
  await importTraktExport(wh, join(ROOT, 'data/sample/trakt-2026-08-15.zip'), { asOf: '2026-08-15T12:00:00.000Z' });
  await enrichTitles(wh, { provider: new AniListProvider({ url: 'http://127.0.0.1:9/', userAgent: 't' }), offline: true });
  wh.close();
  dataDir = dir;
  rows = await loadLibraryView(dir);
});

// Generous: CI runs two test files at once on two cores, and Ink renders on its own schedule.
const tick = () => new Promise((r) => setTimeout(r, 80));

function golden(name: string, frame: string): void {
  const path = join(SNAPSHOTS, `${name}.txt`);
  if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(path)) {
    mkdirSync(SNAPSHOTS, { recursive: true });
    writeFileSync(path, frame + '\n');
    if (process.env.UPDATE_SNAPSHOTS !== '1') assert.fail(`no golden frame ${name}.txt yet: written; review it and commit`);
    return;
  }
  assert.equal(frame + '\n', readFileSync(path, 'utf8'), `frame ${name} differs from snapshots/${name}.txt (npm run snapshots:update to accept)`);
}

test('library: first frame, j/k/G/g movement, fuzzy search, help and back', async () => {
  const app = render(createElement(App, { rows, loadTitle, loadStats, width: 100, height: 30, theme: NO_COLOUR }));
  await tick();
  golden('library', app.lastFrame()!);
  app.stdin.write('j');
  app.stdin.write('j');
  await tick();
  assert.match(app.lastFrame()!, /\n>Sound! Euphonium/);
  app.stdin.write('G');
  await tick();
  assert.match(app.lastFrame()!, /\n>.*\n\s*\n.*q quit/s);
  app.stdin.write('g');
  await tick();
  app.stdin.write('/');
  for (const ch of 'natsume') app.stdin.write(ch);
  await tick();
  golden('library-search', app.lastFrame()!);
  app.stdin.write('\u001b'); // Esc clears the search
  await new Promise((r) => setTimeout(r, 150));
  assert.match(app.lastFrame()!, /109 of 109 titles/);
  app.stdin.write('?');
  await tick();
  golden('help', app.lastFrame()!);
  app.stdin.write('q');
  await tick();
  // Enter on a title that changed between the exports: its SCD2 timeline.
  app.stdin.write('/');
  for (const ch of 'steins') app.stdin.write(ch);
  app.stdin.write('\r');
  await tick();
  app.stdin.write('\r');
  await new Promise((r) => setTimeout(r, 300));
  golden('title', app.lastFrame()!);
  assert.match(app.lastFrame()!, /2 versions, newest first/);
  assert.match(app.lastFrame()!, /rating 9 → 10/);
  // Back from the title: 'h' (Esc would do too, but Ink waits to tell a lone Esc from an escape sequence).
  app.stdin.write('h');
  await tick();
  assert.match(app.lastFrame()!, /Library · \d+ of 109/, 'the search survives a visit to a title');
  assert.match(app.lastFrame()!, /\n>Steins;Gate/, 'and so does the selection');
  app.stdin.write('\t');
  await new Promise((r) => setTimeout(r, 300));
  golden('stats', app.lastFrame()!);
  assert.match(app.lastFrame()!, /Binge rate/);
  app.stdin.write('\t');
  await tick();
  assert.match(app.lastFrame()!, /Library/);
  app.unmount();
});

test('untrusted titles are rendered harmlessly', async () => {
  const evil = { ...rows[0]!, titleKey: 'x', title: '\u001b]52;c;ZXZpbA==\u0007\u001b[2JEvil \u001b[31mTitle' };
  const app = render(createElement(App, { rows: [evil], loadTitle, loadStats, width: 80, height: 10, theme: NO_COLOUR }));
  await tick();
  const frame = app.lastFrame()!;
  assert.match(frame, /Evil Title/);
  assert.ok(!frame.includes('\u001b]52') && !frame.includes('\u001b[2J'));
  app.unmount();
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

test('key bindings are data: several keys per command, help generated from them', () => {
  assert.equal(commandFor(keyName('j', {})), 'down');
  assert.equal(commandFor(keyName('', { downArrow: true })), 'down');
  assert.equal(commandFor(keyName('d', { ctrl: true })), 'pageDown');
  assert.equal(commandFor(keyName('x', {})), null);
  assert.ok(helpLines().some((l) => /^down, j\s+move down$/.test(l)));
});
