// The screen kit (src/ui/components): the list state and its commands, the Table beside the CLI's renderTable, the
// Pager's position, the Screen layout with the app's chrome, and the ink-select-input Picker fed by the key router.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createElement as h, type ReactNode } from 'react';
import { render } from 'ink-testing-library';
import { KeyRouter, useCommand } from '../../src/ui/keys/use-command.ts';
import { initialList, listReducer, moveFor, useListState } from '../../src/ui/components/use-list-state.ts';
import { tableLines, useTableLayout } from '../../src/ui/components/table.ts';
import { Pager, usePager } from '../../src/ui/components/pager.tsx';
import { ChromeContext, Screen, titleRow, type FrameLine } from '../../src/ui/components/screen.tsx';
import { Picker } from '../../src/ui/components/picker.tsx';
import { App } from '../../src/ui/app.tsx';
import { themeFromEnv } from '../../src/ui/theme/theme.ts';
import { renderTable, type Column } from '../../src/commands/output.ts';
import { widest } from '../../src/lib/text/table.ts';
import { displayWidth } from '../../src/lib/text/cells.ts';
import type { TuiServices } from '../../src/app/tui-session.ts';
import { setTimeout as sleep } from 'node:timers/promises';

const NO_COLOUR = themeFromEnv({ NO_COLOR: '1' });
type Rendered = ReturnType<typeof render>;

async function waitFor(app: Rendered, pattern: RegExp, ms = 4000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const f = app.lastFrame() ?? '';
    if (pattern.test(f)) return f;
    if (Date.now() > end) assert.fail(`no frame matched ${pattern} within ${ms} ms; last frame:\n${f}`);
    await sleep(10);
  }
}

/** Wait until `check` holds (keys are handled one render at a time). */
async function until(check: () => boolean, what: string, ms = 4000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`${what} within ${ms} ms`);
    await sleep(10);
  }
}

test('list state: commands from the bindings move the cursor, page keys by half the window, the window follows', () => {
  let s = initialList(20, 6);
  const apply = (cmd: Parameters<typeof moveFor>[0]) => (s = listReducer(s, moveFor(cmd, s.height)!));
  apply('down');
  assert.deepEqual([s.cursor, s.offset], [1, 0]);
  apply('pageDown');
  assert.deepEqual([s.cursor, s.offset], [4, 0], 'half of 6 rows');
  apply('pageDown');
  assert.deepEqual([s.cursor, s.offset], [7, 2], 'the window keeps the cursor in view');
  apply('bottom');
  assert.deepEqual([s.cursor, s.offset], [19, 14]);
  apply('pageUp');
  apply('up');
  assert.deepEqual([s.cursor, s.offset], [15, 14], 'moving up inside the window leaves it where it is');
  apply('top');
  assert.deepEqual([s.cursor, s.offset], [0, 0]);
  assert.equal(moveFor('open', 6), null, 'other commands are not moves');
  assert.equal(
    moveFor('pageDown', 1)!.type === 'move' && (moveFor('pageDown', 1) as { by: number }).by,
    1,
    'a page key moves at least one row',
  );
  s = listReducer(s, { type: 'select', index: 50 });
  assert.equal(s.cursor, 19, 'a selection past the end stops on the last row');
  assert.deepEqual(initialList(0, 5), { cursor: 0, offset: 0, count: 0, height: 5 });
});

test('a list that shrinks under its cursor is fitted on read, without a second render', async () => {
  let count = 10;
  let nav: ReturnType<typeof useListState> | null = null;
  function Harness() {
    nav = useListState(count, 4, { liveCount: () => count });
    return h(ListView, { state: nav.state });
  }
  const app = render(h(Harness));
  nav!.dispatch({ type: 'bottom' });
  count = 3;
  assert.equal(nav!.get().cursor, 2, 'the live count bounds the cursor at once');
  app.unmount();
});

function ListView({ state }: { state: { cursor: number; offset: number } }) {
  return h(Screen, {
    title: 't',
    body: [{ text: `${state.cursor}/${state.offset}` }],
    footer: 'f',
    width: 20,
    height: 5,
    theme: NO_COLOUR,
  });
}

interface Row {
  title: string;
  year: number | null;
  stream: string;
}

const COLUMNS: ReadonlyArray<Column<Row>> = [
  { header: 'Title', value: (r) => r.title, flex: 2, min: 10 },
  { header: 'Year', value: (r) => (r.year === null ? '' : String(r.year)), align: 'right', drop: 1 },
  { header: 'Stream', value: (r) => r.stream, flex: true, min: 6 },
];
const ROWS: Row[] = [
  { title: 'Frieren: Beyond Journey’s End', year: 2023, stream: 'Crunchyroll' },
  { title: '進撃の巨人', year: 2013, stream: 'Amazon Prime Video' },
  { title: 'Evil \u001b[31mTitle', year: null, stream: '' },
];

test("the TUI's Table lays out a column spec exactly as the CLI's renderTable (one marker cell before each row)", () => {
  for (const width of [80, 40, 24]) {
    let lines: FrameLine[] = [];
    function Harness() {
      const layout = useTableLayout(ROWS, COLUMNS, width);
      lines = tableLines(layout, ROWS.slice(1), { offset: 1, cursor: 2, key: (r) => r.title });
      return null;
    }
    render(h(Harness)).unmount();
    const cli = renderTable(ROWS, COLUMNS, width - 1).split('\n');
    assert.deepEqual(
      lines.map((l) => l.text),
      [` ${cli[0]}`, ` ${cli[2]}`, `>${cli[3]}`],
      `at ${width} columns`,
    );
    assert.equal(lines[0]!.tone, 'muted');
    assert.equal(lines[2]!.tone, 'selected', 'the row under the cursor is marked and selected');
    assert.ok(!lines.some((l) => l.text.includes('\u001b')), 'cells are sanitised');
  }
  // Widths skip measuring values that cannot be the widest: the result is the widest all the same.
  const tricky = ['abc', '👨‍👩‍👧‍👦 Family', '進撃の巨人', 'Poke\u0301mon', '1️⃣ keycap', '©️ mark', 'plain text that is long'];
  for (const order of [tricky, [...tricky].reverse()])
    assert.equal(widest(order), Math.max(...order.map(displayWidth)));
  assert.equal(widest(['a'.repeat(50), 'b'.repeat(80)], 0, 20), 50, 'measured only up to the cap');
  // Too narrow for every column: the droppable Year goes, as in the CLI.
  assert.doesNotMatch(renderTable(ROWS, COLUMNS, 23).split('\n')[0]!, /Year/);
});

function PagerHarness({ lines, height }: { lines: FrameLine[]; height: number }) {
  const scroll = usePager(lines, 40, height);
  useCommand(() => {}, { active: true, nav: () => scroll });
  return h(Pager, {
    title: 'anidex · Pager',
    lines,
    scroll,
    footer: 'j/k scroll',
    width: 40,
    height,
    theme: NO_COLOUR,
  });
}

test('the Pager says where it is in the title row and scrolls with the movement commands', async () => {
  const lines = Array.from({ length: 50 }, (_, i) => ({ text: `line ${i + 1}` }));
  const app = render(h(KeyRouter, null, h(PagerHarness, { lines, height: 10 })));
  const first = await waitFor(app, /lines 1–7 of 50/);
  assert.match(first, /^anidex · Pager +lines 1–7 of 50\nline 1\n/);
  assert.equal(first.split('\n').length, 10);
  app.stdin.write('j');
  await waitFor(app, /lines 2–8 of 50\nline 2\n/);
  app.stdin.write('\u0004'); // ctrl-d: half of the 7 body rows
  await waitFor(app, /lines 5–11 of 50\nline 5\n/);
  app.stdin.write('G');
  const last = await waitFor(app, /lines 44–50 of 50/);
  assert.match(last, /line 50\n\nj\/k scroll$/, 'the last line, the blank status row, the footer');
  app.stdin.write('j');
  await sleep(30);
  assert.equal(app.lastFrame(), last, 'no scrolling past the end');
  app.unmount();
  const short = render(h(KeyRouter, null, h(PagerHarness, { lines: lines.slice(0, 3), height: 10 })));
  assert.doesNotMatch(await waitFor(short, /line 3/), /lines \d/, 'a text that fits says nothing of lines');
  short.unmount();
});

test('the Screen: DEMO line, title with its position, body padded or cut, wrapped status, footer, banner', () => {
  const chrome = (children: ReactNode) =>
    h(
      ChromeContext.Provider,
      { value: { demoLine: 'DEMO · the bundled sample', banner: ['! Something went wrong.', '  Try again.'] } },
      children,
    );
  const body = Array.from({ length: 20 }, (_, i) => ({ text: `row ${i}` }));
  const app = render(
    chrome(
      h(Screen, {
        title: 'anidex · A title far too long for the row it is given',
        position: 'lines 1–3 of 9',
        body,
        status: 'a status that is long enough to wrap onto a second row',
        footer: 'q quit',
        width: 40,
        height: 10,
        theme: NO_COLOUR,
      }),
    ),
  );
  const rows = app.lastFrame()!.split('\n');
  assert.equal(rows.length, 1 + 10 + 2, 'the screen is its height; the DEMO line and the banner come on top');
  assert.equal(rows[0], 'DEMO · the bundled sample');
  assert.match(rows[1]!, /^anidex · A title far to… {2}lines 1–3 of 9$/, 'the title is cut so the position shows');
  assert.deepEqual(
    rows.slice(2, 8),
    ['row 0', 'row 1', 'row 2', 'row 3', 'row 4', 'row 5'],
    'the body gives a row to the second status row',
  );
  assert.deepEqual(rows.slice(8, 10), ['a status that is long enough to wrap', 'onto a second row']);
  assert.deepEqual(rows.slice(10), ['q quit', '! Something went wrong.', '  Try again.']);
  app.unmount();
  assert.equal(
    titleRow('anidex · Stats', 'lines 1–2 of 3', 12),
    'anidex · St…',
    'no room for the position: the title alone',
  );
});

const CHOICES = [
  { label: 'first', value: 'a' },
  { label: 'second', value: 'b' },
  { label: 'third', value: 'c' },
] as const;

function PickerHarness({ chosen }: { chosen: string[] }) {
  const list = useListState(CHOICES.length, CHOICES.length);
  useCommand((cmd) => cmd === 'open' && chosen.push(CHOICES[list.get().cursor]!.value), {
    active: true,
    nav: () => list,
  });
  return h(Picker, { items: CHOICES, cursor: list.state.cursor, indent: '  ', width: 30, theme: NO_COLOUR });
}

test('the ink-select-input Picker follows the key router: Down then Enter in one chunk chooses the item moved to', async () => {
  const chosen: string[] = [];
  const app = render(h(KeyRouter, null, h(PickerHarness, { chosen })));
  assert.equal(app.lastFrame(), '  > first\n    second\n    third');
  app.stdin.write('j\r');
  await until(() => chosen.length === 1, 'Enter chose nothing');
  assert.deepEqual(chosen, ['b']);
  assert.equal(
    app.lastFrame(),
    '    first\n  > second\n    third',
    'ink-select-input draws the highlight where the router moved it',
  );
  app.stdin.write('j');
  app.stdin.write('\r'); // two writes before any render
  await until(() => chosen.length === 2, 'the second Enter chose nothing');
  assert.deepEqual(chosen, ['b', 'c']);
  app.stdin.write('gjj\r\r');
  await until(() => chosen.length === 4, 'the chunk chose less than twice');
  assert.deepEqual(
    chosen.slice(2),
    ['c', 'c'],
    'g, two downs and two Enters in one chunk: each key on the state the last one left',
  );
  app.stdin.write('\u001b[A'); // the up arrow
  app.stdin.write('\r');
  await until(() => chosen.length === 5, 'Enter after an arrow chose nothing');
  assert.equal(chosen[4], 'b');
  app.unmount();
});

test('the welcome menu in the app: Down and Enter in one chunk open the import of an export, not the demo', async () => {
  const services = {
    sampleNotice: async () => null,
    isDemo: () => false,
    engines: () => ['local'],
  } as unknown as TuiServices;
  const app = render(
    h(App, { services, rows: [], empty: true, dataDir: '/data', width: 80, height: 24, theme: NO_COLOUR }),
  );
  await waitFor(app, /> Try the demo/);
  app.stdin.write('j\r');
  await waitFor(app, /^anidex · Import my export/);
  app.unmount();
});
