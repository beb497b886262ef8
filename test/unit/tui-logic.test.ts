// The pure pieces behind the TUI screens: library queries, import progress, path completion, wrapping, scrolling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cycleFacet,
  facetOptions,
  facetState,
  filterSummary,
  isEmptyFilter,
  setSingle,
  sortRows,
  type Sortable,
} from '../../src/domain/library-query.ts';
import { passesFilter, type Filterable } from '../../src/domain/filters.ts';
import { endProgress, foldProgress, INITIAL_PROGRESS, progressLines } from '../../src/ui/screens/import-progress.tsx';
import { checkExportPath, completeExportPath, typedPath } from '../../src/app/export-path.ts';
import { wrapText } from '../../src/ui/components/wrap.ts';
import { initialList, listReducer, moveFor } from '../../src/ui/components/use-list-state.ts';
import type { UiCommand } from '../../src/ui/keys/bindings.ts';
import { displayWidth } from '../../src/lib/text/cells.ts';
import { searchTitles, MIN_EXACT_HITS } from '../../src/domain/title-search.ts';
import { ROOT } from '../helpers/proc.ts';

const row = (title: string, o: Partial<Sortable & Filterable> = {}): Sortable & Filterable => ({
  title,
  normTitle: title.toLowerCase(),
  year: null,
  userRating: null,
  totalPlays: null,
  lastWatchedAt: null,
  totalEpisodes: null,
  animeEpisodes: null,
  minutesPerEpisode: null,
  mediaType: 'show',
  format: null,
  genres: [],
  moods: [],
  ...o,
});

test('sort keys: each order, unknown values last, ties by title', () => {
  const rows = [
    row('b', {
      year: 2001,
      userRating: 7,
      totalPlays: 3,
      lastWatchedAt: '2024-01-01',
      totalEpisodes: 12,
      minutesPerEpisode: 24,
    }),
    row('a', {
      year: null,
      userRating: 9,
      totalPlays: 3,
      lastWatchedAt: null,
      totalEpisodes: 50,
      minutesPerEpisode: 24,
    }),
    row('c', { year: 2020, userRating: null, totalPlays: 10, lastWatchedAt: '2025-05-01' }),
  ];
  const order = (k: Parameters<typeof sortRows>[1]) =>
    sortRows(rows, k)
      .map((r) => r.title)
      .join('');
  assert.equal(order('title'), 'abc');
  assert.equal(order('year'), 'cba');
  assert.equal(order('rating'), 'abc');
  assert.equal(order('plays'), 'cab');
  assert.equal(order('recent'), 'cba');
  assert.equal(order('length'), 'abc');
  assert.deepEqual(
    rows.map((r) => r.title),
    ['b', 'a', 'c'],
    'the input is not reordered',
  );
});

test('facets: off → include → exclude → off, and the filter does what the panel shows', () => {
  let f = cycleFacet({}, 'mood', 'cozy');
  assert.equal(facetState(f, 'mood', 'cozy'), 'include');
  f = cycleFacet(f, 'genre', 'Horror');
  f = cycleFacet(f, 'genre', 'Horror');
  assert.equal(facetState(f, 'genre', 'Horror'), 'exclude');
  f = cycleFacet(f, 'length', 'short');
  assert.equal(filterSummary(f), 'mood cozy · length short · not Horror');
  const cozyShort = row('x', { moods: ['cozy'], totalEpisodes: 12, minutesPerEpisode: 24 });
  const horror = row('y', { moods: ['cozy'], genres: ['Horror'], totalEpisodes: 12 });
  const long = row('z', { moods: ['cozy'], totalEpisodes: 100 });
  assert.deepEqual(
    [cozyShort, horror, long].map((r) => passesFilter(r, f)),
    [true, false, false],
  );
  f = cycleFacet(cycleFacet(f, 'length', 'short'), 'length', 'short');
  assert.equal(facetState(f, 'length', 'short'), 'off');
  assert.equal(passesFilter(long, cycleFacet(cycleFacet({}, 'length', 'short'), 'length', 'short')), true);
  assert.equal(passesFilter(cozyShort, { excludeLengths: ['short'] }), false, 'excluded lengths are left out');
  assert.equal(isEmptyFilter({ moods: [], genres: [] }), true);
  assert.deepEqual(setSingle({ moods: ['cozy', 'dark'] }, 'mood', 'epic').moods, ['epic']);
  assert.deepEqual(setSingle({ moods: ['cozy'] }, 'mood', null).moods, []);
});

test('facet options: every mood and length from the vocabulary, genres from the library by count', () => {
  const opts = facetOptions(
    [
      { genres: ['Drama', 'Comedy'], moods: ['cozy'] },
      { genres: ['Comedy'], moods: [] },
    ],
    () => 'short',
  );
  assert.equal(opts.filter((o) => o.facet === 'mood').length, 10);
  assert.deepEqual(
    opts.filter((o) => o.facet === 'genre').map((o) => [o.value, o.count]),
    [
      ['Comedy', 2],
      ['Drama', 1],
    ],
  );
  assert.equal(opts.find((o) => o.value === 'short')?.count, 2);
});

test("import progress: stages finish as the next begins; the sample's two exports add up; a failure marks its stage", () => {
  let s = INITIAL_PROGRESS;
  const ev = (event: unknown) => ({ kind: 'import', label: 'x', event }) as never;
  s = foldProgress(s, ev({ type: 'stage', stage: 'read' }), 0);
  s = foldProgress(
    s,
    ev({ type: 'file', file: 'a', done: 1, total: 2, bytesDone: 5, bytesTotal: 10, records: 7, skipped: 1 }),
    10,
  );
  s = foldProgress(
    s,
    ev({ type: 'file', file: 'b', done: 2, total: 2, bytesDone: 10, bytesTotal: 10, records: 3, skipped: 0 }),
    20,
  );
  s = foldProgress(s, ev({ type: 'stage', stage: 'read' }), 30); // the second export
  s = foldProgress(
    s,
    ev({ type: 'file', file: 'c', done: 1, total: 3, bytesDone: 1, bytesTotal: 3, records: 1, skipped: 0 }),
    40,
  );
  assert.deepEqual([s.files.done, s.files.total, s.files.records, s.files.skipped], [3, 5, 11, 1]);
  s = foldProgress(s, ev({ type: 'stage', stage: 'silver' }), 1000);
  assert.equal(s.finished.read, 1000);
  s = foldProgress(
    s,
    {
      kind: 'enrich',
      event: { type: 'enrich', phase: 'search', done: 5, total: 10, calls: 1, cacheHits: 3, waitMs: 2000, etaMs: 4000 },
    },
    1500,
  );
  s = foldProgress(
    s,
    {
      kind: 'enrich',
      event: { type: 'enrich', phase: 'save', done: 0, total: 1, calls: 0, cacheHits: 0, waitMs: 0, etaMs: null },
    },
    1600,
  );
  assert.equal(s.enrich?.calls, 1, 'the save event keeps the lookup counts');
  const text = progressLines(s, 1700, 140)
    .map((l) => l.text)
    .join('\n');
  assert.match(text, /✓ read files → bronze\s+1\.0 s\s+3 files · 11 records · 1 skipped/);
  assert.match(text, /▸ enrich.*5\/10 · 1 API calls · 75% cached · 2 s rate-limit wait · ETA 4 s/);
  const failed = progressLines(endProgress(s, false, 2000), 3000, 100)
    .map((l) => l.text)
    .join('\n');
  assert.match(failed, /✗ enrich/);
  const ok = progressLines(endProgress(s, true, 2000), 3000, 100)
    .map((l) => l.text)
    .join('\n');
  assert.match(ok, /✓ enrich: anime metadata\s+0\.5 s/);
  assert.match(ok, /labels.*no Gemini key: moods from genres and tags/);
  const narrow = progressLines(s, 1700, 80);
  assert.ok(
    narrow.every((l) => displayWidth(l.text) <= 80),
    'details that do not fit go on the rows under their stage',
  );
  assert.match(
    narrow.map((l) => l.text).join('\n'),
    /▸ enrich: anime metadata\s+0\.2 s\n\s+search 5\/10 · 1 API calls · 75% cached/,
  );
});

test('export paths: typed or dropped paths are understood; completion offers folders and .zip files only', async () => {
  assert.equal(typedPath("  '/tmp/my export.zip' "), '/tmp/my export.zip');
  assert.equal(typedPath('/tmp/my\\ export.zip'), '/tmp/my export.zip');
  assert.equal(typedPath('~/x.zip'), join(homedir(), 'x.zip'));
  const dir = mkdtempSync(join(tmpdir(), 'anidex-complete-'));
  mkdirSync(join(dir, 'trakt-export'));
  writeFileSync(join(dir, 'trakt-2026.zip'), '');
  writeFileSync(join(dir, 'trakt-notes.txt'), '');
  mkdirSync(join(dir, '.hidden'));
  let c = await completeExportPath(join(dir, 'tr'));
  assert.equal(c.completed, join(dir, 'trakt-'));
  assert.deepEqual(c.options, ['trakt-2026.zip', 'trakt-export/']);
  c = await completeExportPath(join(dir, 'trakt-e'));
  assert.equal(c.completed, join(dir, 'trakt-export/'));
  c = await completeExportPath(dir + '/');
  assert.ok(!c.options.includes('.hidden/'), 'hidden folders only when asked for');
  c = await completeExportPath(join(dir, 'nothing'));
  assert.deepEqual(c, { completed: join(dir, 'nothing'), options: [] });
  assert.equal(await checkExportPath(join(ROOT, 'data/sample/trakt-2026-08-15.zip')), null);
  assert.match((await checkExportPath(join(dir, 'trakt-notes.txt')))!, /trakt-notes\.txt/);
  assert.match((await checkExportPath(join(dir, 'missing.zip')))!, /missing\.zip/);
  assert.match((await checkExportPath('  '))!, /Type the path/);
  // MyAnimeList lists are offered and checked too.
  writeFileSync(join(dir, 'animelist_1_-_2.xml.gz'), '');
  assert.ok((await completeExportPath(join(dir, 'anim'))).completed.endsWith('animelist_1_-_2.xml.gz'));
  assert.equal(await checkExportPath(join(ROOT, 'test/fixtures/mal/legacy-schema.xml')), null);
  assert.match((await checkExportPath(join(ROOT, 'test/fixtures/mal/manga.xml')))!, /manga/i);
});

test('wrapping keeps words, widths and indents; scrolling stays inside the text', () => {
  const lines = wrapText(
    'because you loved Frieren (rated 10/10) and you binged Mushishi \u001b[31m(rated 10/10)\n  second paragraph',
    30,
    '  ',
  );
  for (const l of lines) assert.ok(displayWidth(l.text) <= 30, l.text);
  assert.ok(lines.every((l) => !l.text.includes('\u001b')));
  assert.equal(lines.at(-1)!.text, '    second paragraph');
  // A pager is a list whose cursor is the first line shown: one position per line that can be on top.
  const scroll = (cmd: UiCommand, offset: number, total: number, rows: number): number | null => {
    const move = moveFor(cmd, rows);
    return move && listReducer(initialList(Math.max(1, total - rows + 1), 1, offset), move).cursor;
  };
  assert.equal(scroll('down', 0, 10, 4), 1);
  assert.equal(scroll('bottom', 0, 10, 4), 6);
  assert.equal(scroll('pageDown', 5, 10, 4), 6);
  assert.equal(scroll('top', 5, 10, 4), 0);
  assert.equal(scroll('up', 0, 10, 4), 0);
  assert.equal(scroll('down', 0, 3, 4), 0, 'a short text does not scroll');
  assert.equal(scroll('open', 0, 10, 4), null);
});

test('search: exact hits first (start, word start, inside), close matches only when exact ones are few', () => {
  const rows = ['Natsume Yuujinchou', 'Kamisama Natsume', 'Anatsume', 'Mushishi', 'Frieren'].map((t) => ({
    normTitle: t.toLowerCase(),
  }));
  let asked = 0;
  const fuzzy = (q: string) => {
    asked++;
    return q === 'mushsi' ? [rows[3]!] : [];
  };
  assert.deepEqual(
    searchTitles(rows, 'Natsume', fuzzy).map((r) => r.normTitle),
    ['natsume yuujinchou', 'kamisama natsume', 'anatsume'],
  );
  assert.equal(asked, 1, 'three exact hits are fewer than ' + MIN_EXACT_HITS + ': close matches are asked for');
  assert.deepEqual(
    searchTitles(rows, 'mushsi', fuzzy).map((r) => r.normTitle),
    ['mushishi'],
  );
  const many = Array.from({ length: 10 }, (_, i) => ({ normTitle: `title ${i}` }));
  asked = 0;
  assert.equal(searchTitles(many, 'title', fuzzy).length, 10);
  assert.equal(asked, 0, 'enough exact hits: no fuzzy pass');
  assert.equal(searchTitles(many, '  ', fuzzy).length, 10);
});
