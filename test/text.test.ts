// Text that fits: widths, cuts and wraps through string-width, cli-truncate and wrap-ansi (what Ink uses), on
// titles with emoji, ZWJ sequences, CJK and combining marks; CLI tables on a terminal and in a pipe.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CHILD_LIMIT_MS } from './helpers/child-limit.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createElement } from 'react';
import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import fc from 'fast-check';
import { chop, displayWidth, fit, truncate } from '../src/lib/text/cells.ts';
import inkStringWidth from '../src/lib/text/ink-string-width.ts';
import { clampLines, wrapLines } from '../src/lib/text/wrap.ts';
import { outputWidth, renderTable, wrapForStream, type Column } from '../src/commands/output.ts';
import { wrapText } from '../src/ui/components/wrap.ts';
import { ROOT } from './helpers/proc.ts';
import { setTimeout as sleep } from 'node:timers/promises';

const FAMILY = '👨‍👩‍👧‍👦';
const POKEMON = 'Poke\u0301mon'; // "e" and a combining acute accent
const TITLES = [
  '✨ Sparkle ☕ Café ❤️ Love 🚀 Rocket',
  `${FAMILY} Family Time`,
  '葬送のフリーレン',
  '進撃の巨人',
  `${POKEMON}: The First Movie`,
  'Re:ゼロから始める異世界生活 ✨',
  '🇯🇵 Nippon 👍🏽 ｶﾀｶﾅ ﾞ hangul 한국어 ᄀᄀ각',
  'Cowboy Bebop',
];
const graphemes = (s: string): string[] =>
  [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].map((x) => x.segment);

test("widths are string-width's (what Ink measures): emoji and ZWJ sequences 2, CJK 2, combining marks 0", () => {
  for (const [s, w] of [
    ['✨', 2],
    ['☕', 2],
    ['❤️', 2],
    ['🚀', 2],
    [FAMILY, 2],
    ['葬送のフリーレン', 16],
    ['進撃の巨人', 10],
    [POKEMON, 7],
    ['Pokémon', 7],
  ] as const) {
    assert.equal(displayWidth(s), w, s);
    assert.equal(displayWidth(s), stringWidth(s), s);
  }
  for (const t of TITLES) assert.equal(displayWidth(t), stringWidth(t), t);
  // The characters counted without string-width (one by one, and in pairs) are counted as it counts them.
  const ranges = [
    [0x20, 0x7e],
    [0xa0, 0x24f],
    [0x2026, 0x2026],
    [0x3041, 0x3096],
    [0x30a1, 0x30fc],
    [0x4e00, 0x9fff],
  ] as const;
  for (const [a, b] of ranges) {
    for (let c = a - 2; c <= b + 2; c++) {
      const ch = String.fromCodePoint(c);
      assert.equal(displayWidth(ch), stringWidth(ch), `U+${c.toString(16)}`);
      assert.equal(
        displayWidth(`${ch}\u0301${ch}`),
        stringWidth(`${ch}\u0301${ch}`),
        `U+${c.toString(16)} with a combining mark`,
      );
    }
  }
});

test('any mix of tricky clusters, short or long, measures as string-width measures it', () => {
  const cluster = fc.constantFrom(
    'a',
    ' ',
    'é',
    POKEMON,
    '✨',
    '❤️',
    '☕',
    FAMILY,
    '葬',
    'の',
    'ｶ',
    'ﾞ',
    '🇯🇵',
    '👍🏽',
    '\u0301',
    '\u200d',
    '\u00ad',
    'ᄀ',
    '각',
    '…',
    '\u200b',
    '\ufe0f',
    '\u3099',
  );
  fc.assert(
    // Up to 26 000 code units, measured in pieces past 1024, cut between plain characters: "ab" comes at least
    // every 442 code units, as letters, digits or spaces do in any real title or sentence.
    fc.property(fc.array(cluster, { maxLength: 40 }), fc.integer({ min: 1, max: 60 }), (parts, repeat) => {
      const s = `${parts.join('')}ab`.repeat(repeat);
      assert.equal(displayWidth(s), stringWidth(s));
    }),
    { numRuns: 150 },
  );
});

// Measured whole, string-width would take minutes here (Intl.Segmenter is quadratic in Node 20): the timeout
// turns that into a failure rather than a hang.
test(
  'long text measures, cuts and wraps in pieces: 200 000 accented letters or emoji, or 10 MiB of ASCII',
  { timeout: 60_000 },
  () => {
    assert.equal(displayWidth('é'.repeat(200_000)), 200_000);
    assert.equal(displayWidth('✨'.repeat(100_000)), 200_000);
    assert.equal(displayWidth(`${POKEMON} ${FAMILY} 葬送`.repeat(20_000)), 15 * 20_000);
    assert.equal(displayWidth('A'.repeat(10 * 1024 * 1024)), 10 * 1024 * 1024);
    assert.equal(truncate('é'.repeat(200_000), 40), `${'é'.repeat(39)}…`);
    assert.equal(truncate(`${'✨'.repeat(100_000)}end`, 10, 'start'), '…✨✨✨end');
    assert.equal(fit(`${POKEMON} `.repeat(50_000), 20), `${POKEMON} ${POKEMON} Pok…`);
    // A 10 MiB title on a terminal: 131 073 lines (more than a function call takes as arguments), cut by width
    // alone (a paragraph past 4 KiB is not prose).
    const huge = wrapLines(`title ${'A'.repeat(10 * 1024 * 1024)}`, 80);
    assert.equal(huge.length, 131_073);
    assert.ok(huge.every((l, i) => l.length === 80 || i === huge.length - 1));
    assert.ok(huge[0]!.startsWith('title AAA'));
    const wrapped = wrapLines(`${FAMILY}`.repeat(5000), 80);
    assert.equal(wrapped.length, 125);
    assert.ok(wrapped.every((l) => l === FAMILY.repeat(40)));
  },
);

test("Ink's string-width in the bundle (ink-string-width.ts) measures as string-width: plain, styled, options", () => {
  const rows = [
    ...TITLES,
    '',
    ' Frieren: Beyond Journey’s End  2023  show    9  28/28  long   cozy, bittersweet · Adventure, Drama, Fan…',
    '/frieren▏',
    ...TITLES.map((t) => `\u001b[1m\u001b[36m${t}\u001b[39m\u001b[22m`),
    '±§×÷ ‑ ‒ – — ― ‖ ‗ ‘ ’ ‚ ‛ “ ” „ ‟ † ‡ • ‣ ․ ‥ … ‧',
  ];
  for (const r of rows) assert.equal(inkStringWidth(r), stringWidth(r), JSON.stringify(r));
  // The options Ink never passes go to string-width itself.
  assert.equal(inkStringWidth('±×', { ambiguousIsNarrow: false }), stringWidth('±×', { ambiguousIsNarrow: false }));
  assert.equal(
    inkStringWidth('\u001b[1mx', { countAnsiEscapeCodes: true }),
    stringWidth('\u001b[1mx', { countAnsiEscapeCodes: true }),
  );
  assert.equal(inkStringWidth(undefined as unknown as string), 0);
});

test('truncate: at most the width, "…" when cut, clusters kept whole (also where cli-truncate 5 ends a cell over)', () => {
  for (const t of TITLES) {
    const full = displayWidth(t);
    for (let w = 0; w <= full + 1; w++) {
      for (const side of ['end', 'start'] as const) {
        const cut = truncate(t, w, side);
        assert.ok(displayWidth(cut) <= w, `${t} at ${w} (${side}): ${cut}`);
        if (w >= full) assert.equal(cut, t);
        else if (w > 0) {
          assert.ok(side === 'end' ? cut.endsWith('…') : cut.startsWith('…'), `${t} at ${w}: ${cut}`);
          const kept = graphemes(cut.replace('…', ''));
          const whole = graphemes(t);
          assert.deepEqual(
            kept,
            side === 'end' ? whole.slice(0, kept.length) : whole.slice(whole.length - kept.length),
            `${t} at ${w}: a cluster was torn`,
          );
        }
      }
      const padded = fit(t, w);
      assert.equal(displayWidth(padded), w, `fit ${t} to ${w}: ${padded}`);
      assert.equal(displayWidth(fit(t, w, 'right')), w);
    }
  }
  // cli-truncate 5 alone gives "葬送の…" (7 cells) for 6: a wide character straddles the cut.
  assert.equal(truncate('葬送のフリーレン', 6), '葬送…');
  assert.equal(fit('葬送のフリーレン', 6), '葬送… ');
  assert.equal(truncate(`${FAMILY} Family Time`, 4), `${FAMILY} …`);
});

test('wrapLines: at spaces, within the width, clusters whole, indent and hanging indent, line breaks kept', () => {
  const text = `because you loved 葬送のフリーレン (rated 10/10) and ✨ Sparkle ☕ Café ❤️ Love 🚀 and the ${FAMILY} family of ${POKEMON} averyveryverylongwordthatfitsnowhere`;
  for (const w of [12, 20, 33, 80]) {
    const lines = wrapLines(text, w, { indent: '  ', hang: '    ' });
    for (const l of lines) assert.ok(displayWidth(l) <= w, `${w}: ${l}`);
    assert.ok(lines[0]!.startsWith('  ') && !lines[0]!.startsWith('   '));
    assert.ok(lines.slice(1).every((l) => l.startsWith('    ')));
    // Nothing lost, nothing torn: the words come back when the lines are joined.
    const words = lines
      .map((l) => l.trim())
      .join(' ')
      .normalize()
      .split(' ');
    const original = text.normalize().split(' ');
    if (w >= 40) assert.deepEqual(words, original);
    assert.equal(graphemes(lines.join('')).filter((g) => g === FAMILY).length, 1, 'the ZWJ family stays one cluster');
    // wrap-ansi writes text in NFC, as Ink's own wrapping does: "e" and its accent become "é", drawn the same.
    assert.ok(lines.join('').normalize('NFD').includes(POKEMON), 'the accent stays on its letter');
  }
  assert.deepEqual(wrapLines('one two three\n\nfour', 9), ['one two', 'three', '', 'four']);
  assert.deepEqual(chop('葬送のフリーレン', 5), ['葬送', 'のフ', 'リー', 'レン']);
  assert.deepEqual(clampLines(wrapLines('one two three four five six', 9), 2, 9), ['one two', 'three fo…']);
  // The TUI's wrapper: sanitised, a paragraph's own indent kept on each of its rows.
  const rows = wrapText(`${FAMILY} \u001b[31mred\u001b[0m words go on and on\n  second ✨ paragraph goes on`, 14, '  ');
  assert.ok(rows.every((r) => displayWidth(r.text) <= 14 && !r.text.includes('\u001b')));
  assert.deepEqual(
    rows.map((r) => r.text),
    [`  ${FAMILY} red words`, '  go on and on', '    second ✨', '    paragraph', '    goes on'],
  );
});

test('Ink draws a row fitted to the width on one line, whatever the title holds', async () => {
  for (const width of [20, 33, 80]) {
    const rows = TITLES.map((t) => `>${fit(t, width - 1)}`);
    const app = render(
      createElement(Box, { flexDirection: 'column', width }, ...rows.map((r, i) => createElement(Text, { key: i }, r))),
    );
    await sleep(20);
    const frame = app.lastFrame()!.split('\n');
    app.unmount();
    assert.equal(frame.length, TITLES.length, `at ${width} a row wrapped:\n${frame.join('\n')}`);
    for (const l of frame) assert.ok(stringWidth(l) <= width, l);
  }
});

interface Row {
  title: string;
  year: string;
}
const COLUMNS: ReadonlyArray<Column<Row>> = [
  { header: 'Title', value: (r) => r.title, flex: true, min: 10 },
  { header: 'Year', value: (r) => r.year, align: 'right' },
];
const LONG = `The Long Title of an Anime That Goes On and On: ${'✨ '.repeat(50)}The End`;

test('tables: fitted to a terminal, values whole and aligned in a pipe', () => {
  const rows = [...TITLES, LONG].map((title, i) => ({ title, year: String(2000 + i) }));
  const onTerminal = renderTable(rows, COLUMNS, 40).split('\n');
  for (const l of onTerminal) assert.ok(displayWidth(l) <= 40, l);
  const yearAt = (l: string): number => displayWidth(l.slice(0, l.search(/(Year|\d{4})$/)));
  assert.equal(new Set(onTerminal.map(yearAt)).size, 1, `the year column is aligned:\n${onTerminal.join('\n')}`);
  assert.ok(onTerminal.some((l) => l.includes('…')));
  const piped = renderTable(rows, COLUMNS, null).split('\n');
  assert.ok(!piped.join('\n').includes('…'), 'nothing is cut in a pipe');
  assert.ok(
    piped.some((l) => l.startsWith(`${LONG}  2008`)),
    'the long title comes out whole',
  );
  assert.equal(new Set(piped.map(yearAt)).size, 1, 'the year column is aligned in a pipe too');
  // A terminal narrower than the fixed columns: the row is cut, not folded by the terminal.
  for (const l of renderTable(rows, [...COLUMNS, { header: 'Note', value: () => 'x'.repeat(30) }], 24).split('\n'))
    assert.ok(displayWidth(l) <= 24, l);
});

test("output width: the terminal's columns on a terminal, none in a pipe; text wraps only on a terminal", () => {
  const tty = { isTTY: true, columns: 30 } as NodeJS.WriteStream;
  const pipe = { isTTY: false, columns: undefined } as unknown as NodeJS.WriteStream;
  assert.equal(outputWidth(tty), 30);
  assert.equal(outputWidth(pipe), null);
  const text = `anidex: ${LONG} is not in the warehouse.\n  Run anidex library --search <words> to find it.`;
  assert.equal(wrapForStream(text, pipe), text);
  const lines = wrapForStream(text, tty).split('\n');
  for (const l of lines) assert.ok(displayWidth(l) <= 30, l);
  assert.ok(lines.length > 4);
  assert.ok(lines.includes('  Run anidex library --search'), lines.join('\n'));
  assert.ok(lines.includes('    <words> to find it.'), "a continuation goes two cells past the line's indent");
});

const FIXTURE = join(ROOT, 'test/fixtures/wide-titles');
const ENV = {
  ...process.env,
  NO_COLOR: '1',
  ANIDEX_ANILIST_URL: 'http://127.0.0.1:9/',
  ANIDEX_PROVIDER: 'anilist',
  COLUMNS: '80',
};
let dataDir: string;

function anidex(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/anidex.js', '--data-dir', dataDir, ...args], {
    timeout: CHILD_LIMIT_MS,
    cwd: ROOT,
    encoding: 'utf8',
    env: ENV,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

before(() => {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], {
    timeout: CHILD_LIMIT_MS,
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(b.status, 0, b.stderr);
  dataDir = mkdtempSync(join(tmpdir(), 'anidex-text-'));
  const r = anidex('import', FIXTURE, '--offline', '--as-of', '2026-04-01T00:00:00Z');
  assert.equal(r.code, 0, r.err);
});

test('piped CLI output prints every value whole: `anidex library | grep` finds a title longer than 120 columns', () => {
  const long =
    'The Long Title of an Anime That Goes On and On: A Tale of Ever Longer Subtitles, Season Names and Other Things No Column Holds';
  assert.ok(displayWidth(long) > 120);
  const lib = anidex('library');
  assert.equal(lib.code, 0, lib.err);
  assert.ok(!lib.out.includes('…'), 'no value is cut in a pipe (COLUMNS is for terminals)');
  const rows = lib.out.split('\n');
  for (const t of [
    '✨ Sparkle ☕ Café ❤️ Love 🚀 Rocket',
    `${FAMILY} Family Time`,
    '葬送のフリーレン',
    '進撃の巨人',
    `${POKEMON}: The First Movie`,
    long,
  ]) {
    assert.ok(
      rows.some((l) => l.startsWith(`${t}  `)),
      `library prints "${t}" whole`,
    );
  }
  // Columns line up by cells, so `less -S` shows a table.
  const yearAt = rows
    .filter((l) => /\s(19|20)\d\d\s/.test(l))
    .map((l) => displayWidth(l.slice(0, l.search(/\s(19|20)\d\d\s/))));
  assert.equal(new Set(yearAt).size, 1, lib.out);
  const search = anidex('library', '--search', 'column holds');
  assert.match(search.out, /Other Things No Column Holds {2}/);
  const history = anidex('history', 'No Column Holds');
  assert.equal(history.code, 0, history.err);
  assert.ok(history.out.split('\n')[0]!.startsWith(`${long} (2020, show)`), history.out);
});

const hasScript = process.platform === 'linux' && spawnSync('script', ['--version']).status === 0;

test(
  'on a terminal (a pty at 80 columns), tables and messages fit its width',
  { skip: !hasScript && 'needs util-linux script' },
  () => {
    const onPty = (args: string): string => {
      const cmd = `stty cols 80 rows 24; '${process.execPath}' bin/anidex.js --data-dir '${dataDir}' ${args}`;
      const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, env: ENV, encoding: 'utf8', input: '' });
      assert.equal(r.status === 0 || r.status === 1, true, r.stderr);
      return r.stdout.replace(/\r/g, '');
    };
    const lib = onPty('library').split('\n').filter(Boolean);
    assert.ok(lib.length >= 9, lib.join('\n'));
    for (const l of lib) assert.ok(displayWidth(l) <= 80, `wider than the terminal: ${l}`);
    assert.ok(
      lib.some((l) => l.startsWith('The Long Title') && l.includes('…')),
      'the long title is cut to its column',
    );
    assert.ok(
      lib.some((l) => l.startsWith('✨ Sparkle ☕ Café')),
      'emoji titles are drawn',
    );
    const err = onPty(`history 'No Column Holds but not this one at all, a title nobody has in a library'`)
      .split('\n')
      .filter(Boolean);
    assert.ok(err.length >= 2, err.join('\n'));
    for (const l of err) assert.ok(displayWidth(l) <= 80, `an error line wider than the terminal: ${l}`);
  },
);
