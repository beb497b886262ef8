// Hostile inputs through the real CLI: every case of test/fixtures/hostile/README.md is imported with
// `anidex import <case> --offline` into a copy of a warehouse that already holds the bundled sample, and gets the
// behaviour the README promises: a refusal (exit 1, one sentence naming the file — and record and field where one
// applies — then what to do, no stack trace, the warehouse byte for byte as it was) or an import whose skipped
// records are counted and listed. Big and binary cases are generated here at run time, never committed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { CHILD_LIMIT_MS } from './helpers/child-limit.ts';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import yazl from 'yazl';
import { App } from '../src/ui/app.tsx';
import { themeFromEnv } from '../src/ui/theme/theme.ts';
import { TuiSession } from '../src/app/tui-session.ts';
import { ROOT } from './helpers/proc.ts';
import { setTimeout as sleep } from 'node:timers/promises';

// Nothing here reaches the internet: imports run with --offline and the provider points at a closed port.
const ENV: NodeJS.ProcessEnv = {
  ...process.env,
  NO_COLOR: '1',
  ANIDEX_ANILIST_URL: 'http://127.0.0.1:9/',
  ANIDEX_PROVIDER: 'anilist',
};
delete ENV.GEMINI_API_KEY;
process.env.ANIDEX_ANILIST_URL = 'http://127.0.0.1:9/';
delete process.env.GEMINI_API_KEY;

const FIX = join(ROOT, 'test/fixtures/hostile');
const SAMPLE = join(ROOT, 'data/sample/trakt-2026-05-01');
const TMP = mkdtempSync(join(tmpdir(), 'anidex-hostile-'));
const GEN = join(TMP, 'generated');
const BASE = join(TMP, 'base');
const MiB = 1024 * 1024;
/** A child that has not finished by then is hung: killed, and the case fails. */
const CHILD_TIMEOUT_MS = 30_000;

/** C0 controls but newline, DEL and C1 controls: none may reach the terminal. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

after(() => rmSync(TMP, { recursive: true, force: true }));

// ---------- running the CLI ----------

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** `node bin/anidex.js --data-dir <dataDir> …args`, asynchronously, killed if it hangs. */
function anidex(dataDir: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/anidex.js', '--data-dir', dataDir, ...args], {
      cwd: ROOT,
      env: ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') reject(new Error(`anidex ${args.join(' ')} hung: killed after ${CHILD_TIMEOUT_MS} ms`));
      else resolve({ code, out: Buffer.concat(out).toString('utf8'), err: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** Build dist/ unless it is newer than every source file (`npm test` has just built it; rebuilding while other
 * test files run the CLI would rewrite the bundle under them). */
function buildIfStale(): void {
  const dist = join(ROOT, 'dist/cli.js');
  const builtAt = existsSync(dist) ? statSync(dist).mtimeMs : 0;
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((e) =>
        e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
      ),
    );
  if (newest(join(ROOT, 'src')) < builtAt) return;
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], {
    timeout: CHILD_LIMIT_MS,
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
}

/** A fresh copy of the base data dir (the sample, imported once). */
let copies = 0;
function copyOfBase(): string {
  const dir = join(TMP, `d${++copies}`);
  cpSync(BASE, dir, { recursive: true });
  return dir;
}

function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, prefix: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      out.push(prefix + e.name);
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
    }
  };
  walk(dir, '');
  return out.sort();
}

let baseWarehouse: Buffer;
let baseListing: string[];

// ---------- generated inputs ----------

const movie = (id: number, title = 'Akira', extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  watched_at: '2026-01-01T20:00:00.000Z',
  action: 'watch',
  type: 'movie',
  movie: { title, year: 1988, ids: { trakt: 7, slug: 'akira-1988' } },
  ...extra,
});
const AKIRA_HISTORY = JSON.stringify([movie(13000000001)], null, 2);

function folder(name: string, files: Record<string, string | Buffer>): string {
  const dir = join(GEN, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, c] of Object.entries(files)) writeFileSync(join(dir, f), c);
  return dir;
}

async function zip(name: string, add: (z: yazl.ZipFile) => void): Promise<string> {
  const z = new yazl.ZipFile();
  add(z);
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  const p = join(GEN, name);
  writeFileSync(p, Buffer.concat(chunks));
  return p;
}

/** `n` MiB of zeros, streamed so the test never holds them. */
function zeros(n: number): Readable {
  const block = Buffer.alloc(MiB);
  let sent = 0;
  return new Readable({
    read() {
      this.push(sent++ < n ? block : null);
    },
  });
}

/** Rewrite bytes of a file in place: same length, every occurrence (names in local and central headers). */
function patch(p: string, from: string, to: string): void {
  assert.equal(from.length, to.length);
  const buf = readFileSync(p);
  const needle = Buffer.from(from);
  let n = 0;
  for (let i = buf.indexOf(needle); i !== -1; i = buf.indexOf(needle, i + 1), n++) buf.write(to, i);
  assert.ok(n >= 2, `patched ${from} in the local and central headers`);
  writeFileSync(p, buf);
}

/** Declare `size` as every entry's uncompressed size, in the local and the central headers. */
function declareSize(p: string, size: number): void {
  const buf = readFileSync(p);
  for (let i = buf.indexOf('PK\x03\x04'); i !== -1; i = buf.indexOf('PK\x03\x04', i + 1))
    buf.writeUInt32LE(size, i + 22);
  for (let i = buf.indexOf('PK\x01\x02'); i !== -1; i = buf.indexOf('PK\x01\x02', i + 1))
    buf.writeUInt32LE(size, i + 24);
  writeFileSync(p, buf);
}

function malDoc(entries: Array<{ id: number; title: string }>): string {
  const anime = entries.map(
    ({ id, title }) =>
      `\t<anime>\n\t\t<series_animedb_id>${id}</series_animedb_id>\n\t\t<series_title><![CDATA[${title}]]></series_title>\n` +
      '\t\t<series_type>TV</series_type>\n\t\t<series_episodes>12</series_episodes>\n\t\t<my_watched_episodes>12</my_watched_episodes>\n' +
      '\t\t<my_start_date>0000-00-00</my_start_date>\n\t\t<my_finish_date>0000-00-00</my_finish_date>\n\t\t<my_score>8</my_score>\n' +
      '\t\t<my_status>Completed</my_status>\n\t\t<my_times_watched>0</my_times_watched>\n\t</anime>\n',
  );
  return `<?xml version="1.0" encoding="UTF-8" ?>\n<myanimelist>\n\t<myinfo>\n\t\t<user_id>1</user_id>\n\t\t<user_name>hostile</user_name>\n\t\t<user_export_type>1</user_export_type>\n\t</myinfo>\n${anime.join('')}</myanimelist>\n`;
}

/** Terminal-driving bytes: clear screen, colours, window title (OSC 0), hyperlink (OSC 8), clipboard (OSC 52), DCS, 8-bit CSI, BEL, BS, DEL, RLO. */
const EVIL_MAL_TITLE =
  'EvilMal\u001b[2J\u001b[31mRed\u001b]0;pwned\u0007\u001b]52;c;cm0gLXJmIH4=\u0007\u001bP+q544e\u001b\\\u009b1;31mC1\u0008\u007f\u202eTail';
const DEEP = 100_000;

const G = {
  tenMbTitle: join(GEN, 'ten-mb-title'),
  deepTop: join(GEN, 'deep-nesting-top-level'),
  deepRecord: join(GEN, 'deep-nesting-in-record'),
  deepObject: join(GEN, 'deep-nesting-object'),
  nulRaw: join(GEN, 'nul-byte-in-string'),
  nulFile: join(GEN, 'nul-filled-file'),
  badUtf8: join(GEN, 'invalid-utf8'),
  utf16: join(GEN, 'utf16'),
  zipDotDot: join(GEN, 'zip-dot-dot.zip'),
  zipAbsolute: join(GEN, 'zip-absolute.zip'),
  zipBackslash: join(GEN, 'zip-backslash.zip'),
  zipSymlink: join(GEN, 'zip-symlink-entry.zip'),
  zipBomb: join(GEN, 'zip-bomb.zip'),
  zipLiar: join(GEN, 'zip-bomb-lying-header.zip'),
  zipEntries: join(GEN, 'zip-too-many-entries.zip'),
  zipTotal: join(GEN, 'zip-total-over-limit.zip'),
  symOutside: join(GEN, 'symlink-to-outside'),
  symTrakt: join(GEN, 'symlink-trakt-file'),
  symWrapper: join(GEN, 'symlink-wrapper-folder'),
  malGzip: join(GEN, 'animelist_huge.xml.gz'),
  malCdata: join(GEN, 'mal-cdata-escapes.xml'),
  malDeep: join(GEN, 'mal-deep-nesting.xml'),
};

async function generate(): Promise<void> {
  mkdirSync(GEN, { recursive: true });
  folder('ten-mb-title', { 'watched-history.json': JSON.stringify([movie(13000000001, 'A'.repeat(10 * MiB))]) });
  const deepArray = '['.repeat(DEEP) + ']'.repeat(DEEP);
  folder('deep-nesting-top-level', { 'watched-history.json': deepArray });
  folder('deep-nesting-in-record', {
    'watched-history.json': `[${JSON.stringify(movie(13000000001))},\n${JSON.stringify(movie(13000000002)).replace(/}$/, `,"extra":${deepArray}}`)}]`,
  });
  folder('deep-nesting-object', { 'watched-history.json': '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP) });
  folder('nul-byte-in-string', { 'watched-history.json': AKIRA_HISTORY.replace('Akira', 'Ak\u0000ira') });
  folder('nul-filled-file', { 'watched-history.json': Buffer.alloc(4096) });
  // Latin-1 é, as an editor that re-saves the file in the wrong encoding writes it.
  const at = AKIRA_HISTORY.indexOf('Akira');
  folder('invalid-utf8', {
    'watched-history.json': Buffer.concat([
      Buffer.from(`${AKIRA_HISTORY.slice(0, at)}Pok`),
      Buffer.from([0xe9]),
      Buffer.from(`mon${AKIRA_HISTORY.slice(at + 5)}`),
    ]),
  });
  folder('utf16', {
    'watched-history.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(AKIRA_HISTORY, 'utf16le')]),
  });

  const history = readFileSync(join(FIX, 'zip-source/watched-history.json'));
  await zip('zip-dot-dot.zip', (z) => {
    z.addBuffer(history, 'watched-history.json');
    z.addBuffer(Buffer.from('[]'), 'xx/watched-history-2.json');
  });
  patch(G.zipDotDot, 'xx/watched-history-2.json', '../watched-history-2.json');
  await zip('zip-absolute.zip', (z) => {
    z.addBuffer(history, 'watched-history.json');
    z.addBuffer(Buffer.from('[]'), 'x/etc/watched-history-2.json');
  });
  patch(G.zipAbsolute, 'x/etc/watched-history-2.json', '/etc//watched-history-2.json');
  await zip('zip-backslash.zip', (z) => {
    z.addBuffer(history, 'watched-history.json');
    z.addBuffer(Buffer.from('[]'), 'xx_watched-history-2.json');
  });
  patch(G.zipBackslash, 'xx_watched-history-2.json', '..\\watched-history-2.json');
  // A symbolic-link entry (mode 0120777) whose content is the link's target.
  await zip('zip-symlink-entry.zip', (z) =>
    z.addBuffer(Buffer.from('/etc/passwd'), 'watched-history.json', { mode: 0o120777 }),
  );
  // A real bomb: 300 MiB of zeros in about 300 KiB, its header honest about the size.
  await zip('zip-bomb.zip', (z) => {
    z.addBuffer(history, 'watched-history.json');
    z.addReadStream(zeros(300), 'watched-history-2.json', { compressionLevel: 9 });
  });
  // The same zeros under a header that claims 1000 bytes: caught while inflating.
  await zip('zip-bomb-lying-header.zip', (z) =>
    z.addReadStream(zeros(300), 'watched-history.json', { compressionLevel: 9 }),
  );
  declareSize(G.zipLiar, 1000);
  await zip('zip-too-many-entries.zip', (z) => {
    z.addBuffer(history, 'watched-history.json');
    for (let i = 0; i < 10_000; i++) z.addBuffer(Buffer.alloc(0), `comments-${i}.txt`, { compress: false });
  });
  // Nine pages each declaring 250 MiB (under the per-file limit), 2.2 GiB in all.
  await zip('zip-total-over-limit.zip', (z) => {
    for (let i = 1; i <= 9; i++) z.addBuffer(history, `watched-history-${i}.json`);
  });
  declareSize(G.zipTotal, 250 * MiB);

  if (process.platform !== 'win32') {
    folder('symlink-to-outside', {});
    symlinkSync('/etc/passwd', join(G.symOutside, 'watched-history.json'));
    folder('symlink-trakt-file', { 'watched-history.json': history });
    symlinkSync(join(FIX, 'bad-numbers/ratings-shows.json'), join(G.symTrakt, 'ratings-shows.json'));
    folder('symlink-wrapper-folder', {});
    symlinkSync(join(FIX, 'zip-source'), join(G.symWrapper, 'trakt-export'));
  }

  // 300 MiB once inflated: the XML prologue, then spaces.
  writeFileSync(
    G.malGzip,
    gzipSync(
      Buffer.concat([
        Buffer.from('<?xml version="1.0" encoding="UTF-8" ?>\n<myanimelist>\n'),
        Buffer.alloc(300 * MiB, 0x20),
      ]),
      { level: 9 },
    ),
  );
  writeFileSync(
    G.malCdata,
    malDoc([
      { id: 987654, title: EVIL_MAL_TITLE },
      { id: 987655, title: 'Plain Title' },
    ]),
  );
  writeFileSync(
    G.malDeep,
    malDoc([]).replace('</myanimelist>', '<a>'.repeat(DEEP) + '</a>'.repeat(DEEP) + '</myanimelist>'),
  );
}

before(async () => {
  buildIfStale();
  const gen = generate();
  mkdirSync(BASE);
  const r = await anidex(BASE, ['import', SAMPLE, '--as-of', '2026-05-01T12:00:00Z', '--offline']);
  assert.equal(r.code, 0, r.err);
  baseWarehouse = readFileSync(join(BASE, 'warehouse.sqlite'));
  baseListing = listing(BASE);
  await gen;
});

// ---------- the cases ----------

type Check = (dataDir: string) => Promise<void>;

interface Case {
  /** As in the first column of test/fixtures/hostile/README.md. */
  id: string;
  path: string;
  args?: string[];
  /** A refusal: every pattern must match the `anidex: …` sentence. */
  refused?: RegExp[];
  /** An import: every pattern must match its summary on stdout. */
  imported?: RegExp[];
  /** More checks on the data dir after an import. */
  then?: Check;
  skip?: boolean;
}

const fx = (p: string): string => join(FIX, p);
const inFile = (p: string): RegExp => new RegExp(`^${esc(p)}`);
const linux = process.platform === 'linux';

/** Library rows as JSON. */
async function libraryJson(
  dataDir: string,
): Promise<Array<{ titleKey: string; title: string; totalPlays: number; sources: string[] }>> {
  const r = await anidex(dataDir, ['library', '--json']);
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out);
}

/** Every way the CLI shows a title prints no terminal control, and still shows the title's text. */
function titleShownHarmlessly(titleKey: string, visible: RegExp, onTerminal = false): Check {
  return async (dataDir) => {
    const outputs: Array<[string, string[]]> = [
      ['library', ['library']],
      ['library --json', ['library', '--json']],
      ['library --search', ['library', '--search', 'evil']],
      ['history', ['history', titleKey]],
      ['history --json', ['history', titleKey, '--json']],
    ];
    const runs = await Promise.all(outputs.map(([, args]) => anidex(dataDir, args)));
    outputs.forEach(([what], i) => {
      const r = runs[i]!;
      assert.equal(r.code, 0, `${what}: ${r.err}`);
      assert.ok(
        !CONTROL.test(r.out + r.err),
        `${what} printed a control character: ${JSON.stringify((r.out + r.err).match(new RegExp(`.{0,20}${CONTROL.source}.{0,20}`))?.[0])}`,
      );
      assert.ok(!/[\u202a-\u202e\u2066-\u2069]/.test(r.out + r.err), `${what} printed a bidi override`);
      if (!what.includes('json')) assert.match(r.out, visible, `${what} shows the title`);
    });
    // JSON keeps the value whole (escaped), so a program reading it gets the title as it was.
    const lib = JSON.parse(runs[1]!.out) as Array<{ titleKey: string; title: string }>;
    assert.ok(
      lib.some((row) => row.titleKey === titleKey && /\u001b\]0;pwned\u0007/.test(row.title)),
      'library --json keeps the title as imported',
    );
    // On a terminal (a pty from util-linux `script`), `export` to stdout must not drive it either.
    if (onTerminal && linux && spawnSync('script', ['--version']).status === 0) {
      for (const format of ['csv', 'json']) {
        const cmd = `'${process.execPath}' bin/anidex.js --data-dir '${dataDir}' export --format ${format}`;
        const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, env: ENV, encoding: 'utf8', input: '' });
        assert.equal(r.status, 0, r.stderr);
        assert.match(
          r.stdout,
          format === 'csv' ? visible : /"title": "Evil/,
          `export --format ${format} on a terminal shows the title`,
        );
        assert.ok(
          !/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(r.stdout),
          `export --format ${format} on a terminal printed a control character`,
        );
      }
    }
  };
}

const CASES: Case[] = [
  // --- Trakt JSON ---
  {
    id: 'truncated-json',
    path: fx('truncated-json'),
    refused: [
      inFile(fx('truncated-json/watched-history.json')),
      / is not valid JSON \(.*line \d+ column \d+\); it may be truncated\.$/,
    ],
  },
  {
    id: 'bom',
    path: fx('bom'),
    imported: [
      /records 1: 1 new, 0 already stored, 0 repeated within the export, 0 skipped/,
      /titles: 1 new, 0 changed/,
    ],
  },
  {
    id: 'top-level-object',
    path: fx('top-level-object'),
    refused: [
      inFile(fx('top-level-object/watched-history.json')),
      / holds an object at the top level, where Trakt writes a JSON array\.$/,
    ],
  },
  {
    id: 'top-level-null',
    path: fx('top-level-null-ratings'),
    refused: [
      inFile(fx('top-level-null-ratings/ratings-shows.json')),
      / holds null at the top level, where Trakt writes a JSON array\.$/,
    ],
  },
  {
    id: 'ten-mb-title',
    path: G.tenMbTitle,
    imported: [/records 1: 1 new, .* 0 skipped/],
    then: async (d) => {
      const r = await anidex(d, ['library']);
      assert.equal(r.code, 0, r.err);
      // Piped, values come out whole (`anidex library | grep` must find any title), and no slower than that.
      assert.ok(r.out.split('\n')[1]!.startsWith(`${'A'.repeat(10 * MiB)}  `), 'the title comes out whole in a pipe');
      assert.ok(!r.out.includes('…'), 'nothing is cut in a pipe');
    },
  },
  // Its only record is malformed, so the export holds no play: refused unless --allow-empty (see cli tests).
  {
    id: 'deep-nesting-top-level',
    path: G.deepTop,
    refused: [
      inFile(`${G.deepTop}/watched-history.json`),
      /: its one record is malformed \(record 0, field \(record\): is an array, not an object\), so it holds no usable play/,
    ],
  },
  {
    id: 'deep-nesting-in-record',
    path: G.deepRecord,
    imported: [
      /records 2: 1 new, .* 1 skipped/,
      new RegExp(`skipped ${esc(G.deepRecord)}/watched-history\\.json record 1, field \\(record\\): nests too deeply`),
    ],
  },
  {
    id: 'deep-nesting-object',
    path: G.deepObject,
    refused: [inFile(`${G.deepObject}/watched-history.json`), / holds an object at the top level/],
  },
  {
    id: 'nul-byte-in-string',
    path: G.nulRaw,
    refused: [
      inFile(`${G.nulRaw}/watched-history.json`),
      / holds a NUL byte at line 8 column 19, so it is not JSON; it is damaged or was not fully written\.$/,
    ],
  },
  {
    id: 'nul-filled-file',
    path: G.nulFile,
    refused: [inFile(`${G.nulFile}/watched-history.json`), / holds a NUL byte at line 1 column 1, so it is not JSON/],
  },
  {
    id: 'nul-escaped-title',
    path: fx('nul-escaped-title'),
    imported: [/records 1: 1 new, .* 0 skipped/],
    then: async (d) => {
      const r = await anidex(d, ['library']);
      assert.match(r.out, /\nAkira {2}/, 'shown without its NULs');
      assert.ok(!r.out.includes('\u0000'));
    },
  },
  {
    id: 'invalid-utf8',
    path: G.badUtf8,
    refused: [inFile(`${G.badUtf8}/watched-history.json`), / is not valid UTF-8 text\.$/],
  },
  { id: 'utf16', path: G.utf16, refused: [inFile(`${G.utf16}/watched-history.json`), / is not valid UTF-8 text\.$/] },
  {
    id: 'ansi-osc-title',
    path: fx('ansi-osc-title'),
    imported: [/records 1: 1 new, .* 0 skipped/],
    then: titleShownHarmlessly('trakt:movie:990001', /EvilRed/, true),
  },
  {
    id: 'impossible-date',
    path: fx('impossible-date'),
    imported: [
      /records 3: 1 new, .* 2 skipped/,
      /skipped .*impossible-date\/watched-history\.json record 1, field watched_at: is "2014-02-31T20:00:00\.000Z", not a real UTC date-time/,
      /record 2, field watched_at: is "2026-13-01T20:00:00\.000Z"/,
    ],
  },
  {
    id: 'impossible-date --strict',
    path: fx('impossible-date'),
    args: ['--strict'],
    refused: [
      inFile(fx('impossible-date/watched-history.json')),
      /, record 1 \(0-based\), field watched_at: is "2014-02-31T20:00:00\.000Z"/,
    ],
  },
  {
    id: 'bad-numbers',
    path: fx('bad-numbers'),
    imported: [
      /records 14: 2 new, .* 12 skipped/,
      /watched-history\.json record 1, field id: is a number too large to hold \(it reads as Infinity\)/,
      /watched-history\.json record 2, field id: is the number -1, not a non-negative integer/,
      /watched-history\.json record 3, field id: is the string "NaN", not a non-negative integer/,
      /watched-history\.json record 4, field id: is over 9007199254740991 \(2\^53 − 1\), too large to read exactly/,
      /watched-history\.json record 5, field movie\.year: is the number -1/,
      /watched-history\.json record 6, field episode\.season: is a number too large/,
      /watched-history\.json record 7, field episode\.number: is the number 2\.5, not a non-negative integer/,
      /watched-history\.json record 8, field movie\.ids\.trakt: is over 9007199254740991/,
      /ratings-shows\.json record 1, field rating: is the string "NaN"/,
      /ratings-shows\.json record 2, field rating: is the number -1/,
      /… and 2 more skipped records/,
    ],
  },
  {
    id: 'bad-numbers --strict',
    path: fx('bad-numbers'),
    args: ['--strict'],
    refused: [
      inFile(fx('bad-numbers/watched-history.json')),
      /, record 1 \(0-based\), field id: is a number too large to hold/,
    ],
  },
  {
    id: 'same-play-two-pages',
    path: fx('same-play-two-pages'),
    imported: [/files 2 · records 4: 3 new, 0 already stored, 1 repeated within the export, 0 skipped/],
    then: async (d) => {
      const bebop = (await libraryJson(d)).find((r) => r.title === 'Cowboy Bebop');
      assert.equal(bebop?.totalPlays, 3, 'the repeated play counts once');
    },
  },
  // --- zips ---
  {
    id: 'zip-dot-dot',
    path: G.zipDotDot,
    refused: [
      inFile(G.zipDotDot),
      /holds an entry "\.\.\/watched-history-2\.json" that climbs out of the archive with "\.\.", so anidex will not unpack it\.$/,
    ],
  },
  {
    id: 'zip-absolute',
    path: G.zipAbsolute,
    refused: [inFile(G.zipAbsolute), /holds an entry "\/etc\/\/watched-history-2\.json" that is an absolute path/],
  },
  {
    id: 'zip-backslash',
    path: G.zipBackslash,
    refused: [inFile(G.zipBackslash), /holds an entry "\.\.\\watched-history-2\.json" that contains a backslash/],
  },
  {
    id: 'zip-symlink-entry',
    path: G.zipSymlink,
    refused: [inFile(`${G.zipSymlink}:watched-history.json`), /is not valid JSON \(.*"\/etc\/passwd"/, /^(?!.*root:)/],
  },
  {
    id: 'zip-bomb',
    path: G.zipBomb,
    refused: [
      inFile(`${G.zipBomb}:watched-history-2.json`),
      / is 300\.0 MiB \(314572800 bytes\), over the 256\.0 MiB \(268435456 bytes\) limit for one file\.$/,
    ],
  },
  {
    id: 'zip-bomb-lying-header',
    path: G.zipLiar,
    refused: [
      inFile(`${G.zipLiar}:watched-history.json`),
      / inflates to more than the 1000 bytes its zip header declares, as a zip bomb would, so anidex stopped reading it\.$/,
    ],
  },
  {
    id: 'zip-too-many-entries',
    path: G.zipEntries,
    refused: [inFile(G.zipEntries), / lists 10001 entries, more than the 10000 a Trakt export can have\.$/],
  },
  {
    id: 'zip-total-over-limit',
    path: G.zipTotal,
    refused: [
      inFile(G.zipTotal),
      / holds 2\.2 GiB \(2359296000 bytes\) of Trakt files, over the 2\.0 GiB \(2147483648 bytes\) limit for one export\.$/,
    ],
  },
  // --- symbolic links in a folder export ---
  {
    id: 'symlink-to-outside',
    path: G.symOutside,
    skip: process.platform === 'win32',
    refused: [
      inFile(`${G.symOutside}/watched-history.json`),
      / is a symbolic link, and anidex does not follow links inside an export\.$/,
    ],
  },
  {
    id: 'symlink-trakt-file',
    path: G.symTrakt,
    skip: process.platform === 'win32',
    refused: [inFile(`${G.symTrakt}/ratings-shows.json`), / is a symbolic link/],
  },
  {
    id: 'symlink-wrapper-folder',
    path: G.symWrapper,
    skip: process.platform === 'win32',
    refused: [inFile(G.symWrapper), / contains no Trakt export files/],
  },
  // --- MyAnimeList where a Trakt export is expected, and hostile MAL files ---
  {
    id: 'mal-list-without-extension',
    path: fx('mal-list-without-extension'),
    imported: [
      /files 1 · records 2: 2 new, .* 0 skipped/,
      /titles: 2 new, 0 changed, 0 unchanged, 0 gone from this export/,
    ],
    then: async (d) => {
      const lib = await libraryJson(d);
      assert.ok(
        lib.some((r) => r.title === 'Trigun' && r.sources.includes('mal')),
        'read as a MyAnimeList list',
      );
      assert.ok(
        lib.some((r) => r.title === "Frieren: Beyond Journey's End"),
        'the Trakt titles stay',
      );
    },
  },
  {
    id: 'mal-manga-list',
    path: fx('mal-manga-list.xml'),
    refused: [
      inFile(fx('mal-manga-list.xml')),
      / is a MyAnimeList manga list; anidex reads anime lists: export your anime list and import that file\.$/,
    ],
  },
  {
    id: 'not-mal-xml',
    path: fx('not-mal.xml'),
    refused: [
      inFile(fx('not-mal.xml')),
      / is XML whose root element is <rss>, not a MyAnimeList export \(whose root is <myanimelist>\)\.$/,
    ],
  },
  {
    id: 'mal-billion-laughs',
    path: fx('mal-billion-laughs.xml'),
    refused: [
      inFile(fx('mal-billion-laughs.xml')),
      / declares a DOCTYPE \(line 2\), which MyAnimeList exports never have/,
    ],
  },
  {
    id: 'mal-huge-gzip',
    path: G.malGzip,
    refused: [
      inFile(G.malGzip),
      / inflates to more than that, over the 256\.0 MiB \(268435456 bytes\) limit for a MyAnimeList export\.$/,
    ],
  },
  {
    id: 'mal-deep-nesting',
    path: G.malDeep,
    refused: [inFile(G.malDeep), / cannot be read as XML \(Maximum nested tags exceeded\)\.$/],
  },
  {
    id: 'mal-cdata-escapes',
    path: G.malCdata,
    imported: [/records 2: 2 new, .* 0 skipped/],
    then: titleShownHarmlessly('mal:987654', /EvilMalRed/),
  },
];

describe('hostile inputs through `anidex import`', { concurrency: 2 }, () => {
  for (const c of CASES) {
    test(c.id, { skip: c.skip }, async () => {
      const dataDir = copyOfBase();
      const r = await anidex(dataDir, ['import', c.path, '--offline', ...(c.args ?? [])]);
      assert.ok(!/^\s+at /m.test(r.err), `no stack trace without --debug:\n${r.err}`);
      assert.ok(!CONTROL.test(r.out + r.err.replace(/\n/g, '')), 'no control character reaches the terminal');
      if (c.refused) {
        assert.equal(r.code, 1, `exit 1 (stdout: ${r.out.slice(0, 300)} stderr: ${r.err.slice(0, 600)})`);
        const lines = r.err.split('\n');
        const at = lines.findIndex((l) => l.startsWith('anidex: '));
        assert.ok(at >= 0, `an error line on stderr: ${r.err}`);
        assert.equal(lines.filter((l) => l.startsWith('anidex: ')).length, 1, 'one error');
        const message = lines[at]!.slice('anidex: '.length);
        for (const p of c.refused) assert.match(message, p);
        assert.match(message, /\.$/, 'one sentence, ended');
        assert.match(lines[at + 1] ?? '', /^ {2}\S.*\S/, 'followed by what to do');
        assert.deepEqual(
          readFileSync(join(dataDir, 'warehouse.sqlite')),
          baseWarehouse,
          'the warehouse is byte for byte unchanged',
        );
        assert.deepEqual(listing(dataDir), baseListing, 'no snapshot, temporary or lock file left behind');
      } else {
        assert.equal(r.code, 0, `exit 0 (stderr: ${r.err.slice(0, 600)})`);
        assert.ok(!r.err.split('\n').some((l) => l.startsWith('anidex: ')), `no error: ${r.err}`);
        for (const p of c.imported ?? []) assert.match(r.out, p);
        await c.then?.(dataDir);
      }
    });
  }
});

test('the TUI renders titles full of escape sequences harmlessly (library, search, title screen)', async () => {
  const dataDir = copyOfBase();
  for (const p of [fx('ansi-osc-title'), G.malCdata]) {
    const r = await anidex(dataDir, ['import', p, '--offline']);
    assert.equal(r.code, 0, r.err);
  }
  const waitFor = async (app: ReturnType<typeof render>, pattern: RegExp): Promise<string> => {
    for (const end = Date.now() + 8000; ; await sleep(20)) {
      const f = app.lastFrame() ?? '';
      if (pattern.test(f)) return f;
      if (Date.now() > end) assert.fail(`no frame matched ${pattern}; last frame:\n${f}`);
    }
  };
  const s = await TuiSession.open(dataDir);
  try {
    for (const theme of [themeFromEnv({ NO_COLOR: '1' }), themeFromEnv({})]) {
      const app = render(
        createElement(App, {
          services: s,
          rows: await s.library(),
          empty: await s.isEmpty(),
          dataDir: '/data',
          width: 100,
          height: 30,
          theme,
          clock: () => 0,
        }),
      );
      // Colours may add SGR sequences of anidex's own; nothing else may be in a frame.
      const clean = (f: string): void => {
        const rest = f.replace(/\u001b\[[0-9;]*m/g, '');
        assert.ok(
          !CONTROL.test(rest),
          `a control character in the frame: ${JSON.stringify(rest.match(new RegExp(`.{0,30}${CONTROL.source}.{0,30}`))?.[0])}`,
        );
        assert.ok(!/[\u202a-\u202e\u2066-\u2069]/.test(rest), 'a bidi override in the frame');
      };
      const library = await waitFor(app, /EvilRed/);
      assert.match(library, /EvilMalRed/);
      clean(library);
      app.stdin.write('/');
      for (const ch of 'evil') app.stdin.write(ch);
      clean(await waitFor(app, /\/evil/));
      app.stdin.write('\r');
      await sleep(40);
      app.stdin.write('\r');
      clean(await waitFor(app, /version/));
      app.unmount();
    }
  } finally {
    s.close();
  }
});

test('the README table lists exactly these cases', () => {
  const readme = readFileSync(join(FIX, 'README.md'), 'utf8');
  const ids = [...readme.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!);
  assert.deepEqual([...ids].sort(), [...CASES.map((c) => c.id), 'tui-escape-titles'].sort());
});
