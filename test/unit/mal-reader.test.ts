import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildSyntheticMal, generateSyntheticMal } from '../../scripts/gen-synthetic-mal.ts';
import { InputError } from '../../src/lib/errors.ts';
import type { MalEntry } from '../../src/domain/mal.ts';
import {
  looksLikeMalExport,
  parseMalEntry,
  readMalExport,
  scanProlog,
  type MalExport,
} from '../../src/sources/mal/index.ts';
import { parseMalRecord } from '../../src/sources/mal/parse-entry.ts';
import { XmlChildStream, XmlRecordStream, type XmlValue } from '../../src/sources/mal/xml.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'mal');
const fixture = (name: string): string => path.join(FIXTURES, name);
const REAL = fixture('animelist_1734298612_-_16433979.xml');

const dirs: string[] = [];
after(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempFile(name: string, content: string | Buffer): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'anidex-mal-'));
  dirs.push(d);
  const p = path.join(d, name);
  await writeFile(p, content);
  return p;
}

async function rejectsInput(p: Promise<unknown>, ...mustContain: string[]): Promise<InputError> {
  let caught: unknown;
  await assert.rejects(p, (err: unknown) => {
    caught = err;
    return true;
  });
  assert.ok(caught instanceof InputError, `expected InputError, got ${String(caught)}`);
  for (const s of mustContain) assert.ok(caught.message.includes(s), `"${caught.message}" should mention "${s}"`);
  assert.ok(caught.hint, 'an InputError says what to do next');
  return caught;
}

function byId(x: MalExport, id: number): MalEntry {
  const e = x.entries.find((r) => r.value.malId === id);
  assert.ok(e, `entry ${id} is read`);
  return e.value;
}

// A minimal 1.1.0 export around the given <anime> bodies.
function doc(animeBodies: string[], myinfo = '<user_export_type>1</user_export_type>'): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" ?>\n<!-- Version 1.1.0 -->\n<myanimelist>\n' +
    `<myinfo>${myinfo}</myinfo>\n` +
    animeBodies.map((b) => `<anime>${b}</anime>\n`).join('') +
    '</myanimelist>\n'
  );
}

describe('the real MyAnimeList export (schema 1.1.0, 506 entries)', () => {
  test('is copied as-is from the reference', async () => {
    const ours = await readFile(REAL);
    assert.equal(ours.length, 487885);
    assert.ok(ours.subarray(0, 40).toString().startsWith('<?xml version="1.0" encoding="UTF-8" ?>'));
  });

  test('reads every entry with the right status counts and no disagreement with <myinfo>', async () => {
    const x = await readMalExport(REAL);
    assert.equal(x.path, REAL);
    assert.equal(x.schema, '1.1.0');
    assert.equal(x.entries.length, 506);
    assert.deepEqual(x.skipped, []);
    assert.deepEqual(x.totalsDiffer, []);
    const counts: Record<string, number> = {};
    for (const { value } of x.entries) counts[value.status] = (counts[value.status] ?? 0) + 1;
    assert.deepEqual(counts, { Completed: 454, Dropped: 23, 'On-Hold': 1, 'Plan to Watch': 15, Watching: 13 });
    assert.deepEqual(x.declared, {
      userId: 16433979,
      userName: 'tim____',
      total: 506,
      watching: 13,
      completed: 454,
      onHold: 1,
      dropped: 23,
      planToWatch: 15,
    });
  });

  test('the first entry, field by field, and its bronze row', async () => {
    const x = await readMalExport(REAL);
    const first = x.entries[0]!;
    assert.deepEqual(first.value, {
      malId: 52034,
      title: '"Oshi no Ko"',
      seriesType: 'TV',
      seriesEpisodes: 11,
      watchedEpisodes: 11,
      startDate: null,
      finishDate: '2024-10-07',
      score: 8,
      status: 'Completed',
      timesWatched: 0,
      rewatching: false,
      priority: 'Low',
      tags: '',
      comments: '',
    });
    assert.equal(first.raw.section, 'mal');
    assert.equal(first.raw.file, 'animelist_1734298612_-_16433979.xml');
    assert.equal(first.raw.index, 0);
    assert.equal(first.raw.key, '52034');
    const json = JSON.parse(first.raw.json) as Record<string, string>;
    assert.equal(Object.keys(json).length, 23, 'all 23 elements of schema 1.1.0 are kept');
    assert.equal(json['series_title'], '"Oshi no Ko"');
    assert.equal(json['my_priority'], 'LOW', 'bronze keeps the text as written');
    assert.equal(json['my_storage_value'], '0.00', 'strings, not numbers');
    assert.ok(!first.raw.json.includes('\n'), 'compact JSON');
    assert.deepEqual(
      x.entries.map((e) => e.raw.index),
      [...Array(506).keys()],
    );
  });

  test('keeps Unicode titles and reads MAL placeholders as null', async () => {
    const x = await readMalExport(REAL);
    const titles = new Set(x.entries.map((e) => e.value.title));
    for (const t of ['5-toubun no Hanayome ∬', 'Lovely★Complex', 'SK∞', 'Tokyo Ghoul √A']) assert.ok(titles.has(t), t);
    assert.equal(x.entries.filter((e) => e.value.score === null).length, 22, 'score 0 = unscored');
    assert.equal(x.entries.filter((e) => e.value.seriesEpisodes === null).length, 4, 'series_episodes 0 = unknown');
    assert.ok(
      x.entries.some((e) => e.value.seriesType === 'Unknown'),
      'series_type kept as MAL writes it',
    );
    assert.ok(x.entries.every((e) => e.value.priority === 'Low'));
  });
});

describe('schema generations and odd fields', () => {
  test('the legacy schema (20 elements, my_dvd, no priority) is read by element name', async () => {
    const x = await readMalExport(fixture('legacy-schema.xml'));
    assert.equal(x.schema, 'legacy');
    assert.equal(x.entries.length, 3);
    assert.deepEqual(x.skipped, []);
    assert.deepEqual(x.totalsDiffer, []);
    const bebop = byId(x, 1);
    assert.deepEqual(bebop, {
      malId: 1,
      title: 'Cowboy Bebop',
      seriesType: 'TV',
      seriesEpisodes: 26,
      watchedEpisodes: 26,
      startDate: '2009-03-01',
      finishDate: '2009-03-20',
      score: 9,
      status: 'Completed',
      timesWatched: 2,
      rewatching: false,
      priority: null,
      tags: 'classic',
      comments: '',
    });
    const raw = JSON.parse(x.entries[0]!.raw.json) as Record<string, string>;
    assert.equal(Object.keys(raw).length, 20);
    assert.ok('my_dvd' in raw && !('my_priority' in raw));
    assert.equal(byId(x, 36904).score, null);
    assert.equal(byId(x, 5114).status, 'Plan to Watch');
  });

  test('a file without the version comment but with 1.1.0 fields is 1.1.0', async () => {
    const p = await tempFile(
      'a.xml',
      doc([
        '<series_animedb_id>1</series_animedb_id><series_title>A</series_title><my_status>Completed</my_status><my_sns>default</my_sns>',
      ]).replace('<!-- Version 1.1.0 -->\n', ''),
    );
    assert.equal((await readMalExport(p)).schema, '1.1.0');
  });

  test('CRLF line ends and a UTF-8 BOM', async () => {
    const bytes = await readFile(fixture('crlf-bom.xml'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the fixture starts with a BOM');
    assert.ok(bytes.includes('\r\n'), 'the fixture has CRLF line ends');
    const x = await readMalExport(fixture('crlf-bom.xml'));
    assert.equal(x.entries.length, 2);
    assert.deepEqual(x.totalsDiffer, []);
    const fma = byId(x, 5114);
    assert.equal(fma.title, 'Fullmetal Alchemist: Brotherhood');
    assert.equal(fma.finishDate, '2020-01-15');
    const op = byId(x, 21);
    assert.equal(op.seriesEpisodes, null);
    assert.equal(op.priority, 'High');
    assert.equal(op.comments, 'line one\nline two', 'no stray \\r inside CDATA');
    assert.equal(x.declared.userName, 'fixture_user');
  });

  test('odd fields: empty my_rewatching, placeholders, priorities, CDATA, entities, partial dates, status codes', async () => {
    const x = await readMalExport(fixture('odd-fields.xml'));
    assert.deepEqual(x.skipped, []);
    assert.deepEqual(x.totalsDiffer, []);
    assert.equal(x.entries.length, 6);

    const frieren = byId(x, 52991);
    assert.equal(frieren.rewatching, false, 'empty my_rewatching = not rewatching');
    assert.equal(frieren.seriesEpisodes, null, 'series_episodes 0 = unknown');
    assert.equal(frieren.score, null, 'my_score 0 = unscored');
    assert.equal(frieren.startDate, null, '0000-00-00 = no date');
    assert.equal(frieren.finishDate, null);
    assert.equal(frieren.priority, 'Low', '`Low` as the site writes it');

    const incident = byId(x, 100001);
    assert.equal(
      incident.title,
      'The ]]> Incident ★∞ 🎸 &amp; co',
      'split CDATA joins; CDATA text is not entity-decoded',
    );
    assert.equal(incident.priority, 'High', '`HIGH`');
    assert.equal(incident.tags, 'favorite, 🎸');
    assert.equal(incident.comments, 'Tom & Jerry <3');

    const naruto = byId(x, 20);
    assert.equal(naruto.title, 'Naruto', 'whitespace around values is trimmed');
    assert.equal(naruto.seriesEpisodes, 220);
    assert.equal(naruto.score, 6);
    assert.equal(naruto.startDate, '2005-00-00', 'partial dates are kept as written');
    assert.equal(naruto.finishDate, '2007-03-00');
    assert.equal(naruto.priority, 'Medium', '`MEDIUM`');

    const deathNote = byId(x, 1535);
    assert.equal(deathNote.title, 'Death & Note é📓 <3', 'the five XML entities and character references are expanded');
    assert.equal(deathNote.status, 'Plan to Watch', 'MAL status code 6');
    assert.equal(deathNote.priority, 'Low', '`low`');

    const sg = byId(x, 9253);
    assert.equal(sg.status, 'Completed', '`completed` in another case');
    assert.equal(sg.rewatching, true);
    assert.equal(sg.timesWatched, 2);
    assert.equal(sg.startDate, '2012-02-29', 'a leap day is a real date');

    assert.deepEqual(
      byId(x, 30),
      {
        malId: 30,
        title: 'Neon Genesis Evangelion',
        seriesType: null,
        seriesEpisodes: null,
        watchedEpisodes: 0,
        startDate: null,
        finishDate: null,
        score: null,
        status: 'Plan to Watch',
        timesWatched: 0,
        rewatching: false,
        priority: null,
        tags: '',
        comments: '',
      },
      'missing optional elements take defaults',
    );
  });

  test('numeric statuses 1–4 and 6, and values are never coerced as numbers', async () => {
    const bodies = ['1', '2', '3', '4', '6'].map(
      (code, i) =>
        `<series_animedb_id>${i + 1}</series_animedb_id><series_title>${i === 0 ? '86' : '22/7'}</series_title><my_status>${code}</my_status><my_score>0${i + 1}</my_score>`,
    );
    const x = await readMalExport(await tempFile('codes.xml', doc(bodies)));
    assert.deepEqual(
      x.entries.map((e) => e.value.status),
      ['Watching', 'Completed', 'On-Hold', 'Dropped', 'Plan to Watch'],
    );
    assert.equal(x.entries[0]!.value.title, '86');
    assert.equal(typeof x.entries[0]!.value.title, 'string');
    assert.equal(x.entries[1]!.value.score, 2);
    const bad = await readMalExport(
      await tempFile(
        'code5.xml',
        doc(['<series_animedb_id>1</series_animedb_id><series_title>A</series_title><my_status>5</my_status>']),
      ),
    );
    assert.equal(bad.skipped[0]?.field, 'my_status', 'MAL has no status 5');
  });

  test('a NUL never reaches a title', async () => {
    const p = await tempFile(
      'nul.xml',
      doc([
        '<series_animedb_id>1</series_animedb_id><series_title><![CDATA[Bad\u0000Title]]></series_title><my_status>Completed</my_status>',
        '<series_animedb_id>2</series_animedb_id><series_title>Ref&#0;Title</series_title><my_status>Completed</my_status>',
      ]),
    );
    const x = await readMalExport(p);
    assert.equal(byId(x, 1).title, 'BadTitle');
    assert.equal(byId(x, 2).title, 'Ref&#0;Title', 'a reference to a character XML forbids stays as written');
    for (const e of x.entries) assert.ok(!e.value.title.includes('\u0000'));
  });
});

describe('<myinfo> totals', () => {
  test('each disagreeing total is one sentence; the entries are trusted', async () => {
    const x = await readMalExport(fixture('totals-differ.xml'));
    assert.equal(x.entries.length, 3);
    assert.deepEqual(x.totalsDiffer, [
      '<myinfo> declares 5 anime in all, but anidex read 3 usable entries; it uses the entries.',
      '<myinfo> declares 2 Watching, but the file lists 1 Watching entry; anidex uses the entries.',
      '<myinfo> declares 1 On-Hold, but the file lists 0 On-Hold entries; anidex uses the entries.',
    ]);
    assert.equal(x.declared.total, 5);
  });

  test('absent totals are null and compared with nothing', async () => {
    const x = await readMalExport(
      await tempFile(
        'noinfo.xml',
        doc(
          ['<series_animedb_id>1</series_animedb_id><series_title>A</series_title><my_status>Completed</my_status>'],
          '',
        ),
      ),
    );
    assert.deepEqual(x.declared, {
      userId: null,
      userName: null,
      total: null,
      watching: null,
      completed: null,
      onHold: null,
      dropped: null,
      planToWatch: null,
    });
    assert.deepEqual(x.totalsDiffer, []);
  });
});

describe('skipped entries', () => {
  test('a missing or invalid id, unknown status, negative number, impossible date, score over 10, empty title', async () => {
    const x = await readMalExport(fixture('bad-entries.xml'));
    assert.deepEqual(
      x.entries.map((e) => e.value.malId),
      [1, 7],
    );
    assert.deepEqual(
      x.entries.map((e) => e.raw.index),
      [0, 8],
      'bronze rows keep the entry index in the file',
    );
    assert.deepEqual(
      x.skipped.map((s) => [s.file, s.index, s.field]),
      [
        ['bad-entries.xml', 1, 'series_animedb_id'],
        ['bad-entries.xml', 2, 'series_animedb_id'],
        ['bad-entries.xml', 3, 'my_status'],
        ['bad-entries.xml', 4, 'my_watched_episodes'],
        ['bad-entries.xml', 5, 'my_finish_date'],
        ['bad-entries.xml', 6, 'my_score'],
        ['bad-entries.xml', 7, 'series_title'],
      ],
    );
    assert.match(x.skipped[0]!.reason, /missing/);
    assert.match(x.skipped[1]!.reason, /"abc"/);
    assert.match(x.skipped[2]!.reason, /"Rewatching"/);
    assert.match(x.skipped[3]!.reason, /negative/);
    assert.match(x.skipped[4]!.reason, /2021-02-30.*not a real date/);
    assert.match(x.skipped[5]!.reason, /11/);
    assert.match(
      x.totalsDiffer[0]!,
      /declares 9 anime in all, but anidex read 2 usable entries \(7 more entries were skipped\)/,
    );
  });

  test('--strict refuses the whole file, naming the first entry and field', async () => {
    const err = await rejectsInput(
      readMalExport(fixture('bad-entries.xml'), { strict: true }),
      'bad-entries.xml',
      'entry 1 (0-based)',
      'series_animedb_id',
      '7 entries in all',
    );
    assert.match(err.hint ?? '', /without --strict/);
  });

  test('a duplicate MAL id keeps the last entry and skips the earlier one, saying why', async () => {
    const x = await readMalExport(fixture('duplicate-ids.xml'));
    assert.deepEqual(
      x.entries.map((e) => [e.value.malId, e.raw.index]),
      [
        [1, 1],
        [5114, 2],
      ],
      'file order, the later 5114 kept',
    );
    assert.equal(byId(x, 5114).score, 10);
    assert.equal(byId(x, 5114).status, 'Completed');
    assert.equal(x.skipped.length, 1);
    assert.deepEqual(
      { ...x.skipped[0]!, reason: '' },
      { file: 'duplicate-ids.xml', index: 0, field: 'series_animedb_id', reason: '' },
    );
    assert.match(x.skipped[0]!.reason, /repeats MAL id 5114.*entry 2.*later entry is kept/);
    assert.deepEqual(x.totalsDiffer, []);
    await rejectsInput(readMalExport(fixture('duplicate-ids.xml'), { strict: true }), 'entry 0', 'repeats MAL id 5114');
  });

  test('parseMalEntry is pure and reports repeated or nested elements', () => {
    const twice = parseMalEntry(
      { series_animedb_id: ['1', '2'], series_title: 'A', my_status: 'Completed' },
      { file: 'f.xml', index: 4 },
    );
    assert.deepEqual(twice, {
      ok: false,
      skipped: { file: 'f.xml', index: 4, field: 'series_animedb_id', reason: 'appears 2 times in one entry' },
    });
    const nested = parseMalEntry(
      { series_animedb_id: '1', series_title: { b: 'x' }, my_status: 'Completed' },
      { file: 'f.xml', index: 0 },
    );
    assert.equal(nested.ok ? '' : nested.skipped.field, 'series_title');
    const empty = parseMalEntry('', { file: 'f.xml', index: 0 });
    assert.equal(empty.ok ? '' : empty.skipped.field, 'series_animedb_id');
  });
});

describe('files anidex refuses', () => {
  test('a manga list, by export type or by <manga> entries', async () => {
    const err = await rejectsInput(
      readMalExport(fixture('manga.xml')),
      'manga.xml',
      'is a MyAnimeList manga list; anidex reads anime lists: export your anime list',
    );
    assert.match(err.hint ?? '', /Anime List/);
    const mangaEntries = doc([]).replace(
      '</myanimelist>',
      '<manga><manga_mangadb_id>2</manga_mangadb_id></manga></myanimelist>',
    );
    await rejectsInput(readMalExport(await tempFile('m.xml', mangaEntries)), 'manga list');
  });

  test('a billion-laughs DOCTYPE is refused at once, and entities it declares never expand', async () => {
    const started = performance.now();
    await rejectsInput(readMalExport(fixture('billion-laughs.xml')), 'billion-laughs.xml', 'DOCTYPE');
    assert.ok(performance.now() - started < 2000);
    const text = await readFile(fixture('billion-laughs.xml'), 'utf8');
    // Even handed straight to the parser (past the DOCTYPE check), `&lol9;` stays ten characters.
    const children: Array<[string, XmlValue]> = [];
    const xml = new XmlChildStream((name, value) => children.push([name, value]));
    xml.write(text);
    xml.close();
    const parsed = JSON.stringify(children);
    assert.ok(parsed.includes('&lol9;'));
    assert.ok(parsed.length < 2000, `parsed to ${parsed.length} characters`);
    assert.equal(scanProlog(text).kind, 'doctype');
  });

  test('truncated XML names the file and where it stops', async () => {
    await rejectsInput(
      readMalExport(fixture('truncated.xml')),
      'truncated.xml',
      'not well-formed XML',
      'line 60',
      '<anime>',
      'may be truncated',
    );
    const real = await readFile(REAL, 'utf8');
    await rejectsInput(readMalExport(await tempFile('cut.xml', real.slice(0, 200_000))), 'cut.xml', 'may be truncated');
    await rejectsInput(
      readMalExport(await tempFile('prolog.xml', '<?xml version="1.0"?>\n<!-- Created by')),
      'prolog.xml',
      'may be truncated',
    );
  });

  test('empty, whitespace, not XML, JSON, another XML root', async () => {
    await rejectsInput(readMalExport(await tempFile('empty.xml', '')), 'empty.xml', 'is empty');
    await rejectsInput(readMalExport(await tempFile('blank.xml', '\ufeff \n\t\n')), 'blank.xml', 'is empty');
    await rejectsInput(
      readMalExport(await tempFile('notes.xml', 'hello, world\n')),
      'notes.xml',
      'not XML',
      'line 1 column 1',
    );
    await rejectsInput(readMalExport(await tempFile('data.xml', '[{"id": 1}]')), 'data.xml', 'is JSON, not XML');
    await rejectsInput(
      readMalExport(await tempFile('feed.xml', '<?xml version="1.0"?><rss><channel/></rss>')),
      'feed.xml',
      'root element is <rss>',
      '<myanimelist>',
    );
  });

  test('a missing path, a folder, bad UTF-8, UTF-16', async () => {
    const missing = path.join(tmpdir(), 'anidex-no-such-dir', 'animelist.xml');
    await rejectsInput(readMalExport(missing), missing, 'does not exist');
    const dir = path.dirname(await tempFile('x.txt', ''));
    await rejectsInput(readMalExport(dir), 'is a folder');
    const bad = Buffer.concat([
      Buffer.from(doc([]).slice(0, 60)),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(doc([]).slice(60)),
    ]);
    await rejectsInput(readMalExport(await tempFile('bad.xml', bad)), 'bad.xml', 'not valid UTF-8');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc([]), 'utf16le')]);
    await rejectsInput(readMalExport(await tempFile('u16.xml', utf16)), 'u16.xml', 'UTF-16');
  });

  test('a file over maxBytes, plain or once inflated', async () => {
    const real = await readFile(REAL);
    await rejectsInput(readMalExport(REAL, { maxBytes: 100_000 }), 'over the 97.7 KiB (100000 bytes) limit');
    const gz = await tempFile('animelist_1_-_2.xml.gz', gzipSync(real));
    assert.ok((await readFile(gz)).length < 100_000);
    await rejectsInput(readMalExport(gz, { maxBytes: 100_000 }), 'inflates to more than that');
    // A gzip bomb: 16 MiB of zeros in about 16 KiB, refused once 1 MiB has been inflated.
    const bomb = await tempFile('bomb.xml.gz', gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 }));
    await rejectsInput(readMalExport(bomb, { maxBytes: 1024 * 1024 }), 'bomb.xml.gz', 'inflates to more than');
  });
});

describe('gzip', () => {
  test('a .xml.gz as MAL sends it reads the same as the .xml', async () => {
    const real = await readFile(REAL);
    const gz = await tempFile('animelist_1734298612_-_16433979.xml.gz', gzipSync(real));
    const [a, b] = await Promise.all([readMalExport(REAL), readMalExport(gz)]);
    assert.deepEqual(
      b.entries.map((e) => e.value),
      a.entries.map((e) => e.value),
    );
    assert.deepEqual(
      b.entries.map((e) => e.raw.json),
      a.entries.map((e) => e.raw.json),
    );
    assert.equal(b.entries[0]!.raw.file, 'animelist_1734298612_-_16433979.xml.gz');
    assert.deepEqual(b.declared, a.declared);
  });

  test('gzip is recognised by its magic bytes, whatever the name', async () => {
    const renamed = await tempFile('my-list.download', gzipSync(await readFile(fixture('legacy-schema.xml'))));
    assert.equal((await readMalExport(renamed)).entries.length, 3);
  });

  test('a truncated gzip is refused as damaged', async () => {
    const whole = gzipSync(await readFile(REAL));
    const cut = await tempFile('animelist_1_-_2.xml.gz', whole.subarray(0, Math.floor(whole.length / 2)));
    await rejectsInput(readMalExport(cut), 'damaged or truncated gzip');
  });
});

describe('looksLikeMalExport', () => {
  test('by name (.xml, .xml.gz) or by content whose root is <myanimelist>', async () => {
    assert.equal(await looksLikeMalExport(REAL), true);
    assert.equal(await looksLikeMalExport(await tempFile('animelist_1_-_2.xml.gz', gzipSync('<myanimelist/>'))), true);
    assert.equal(
      await looksLikeMalExport(await tempFile('ANIMELIST.XML', 'not even xml')),
      true,
      'the name is enough; reading says what is wrong',
    );
    assert.equal(await looksLikeMalExport(await tempFile('list', await readFile(REAL))), true, 'renamed, sniffed');
    assert.equal(
      await looksLikeMalExport(await tempFile('list.gz', gzipSync(await readFile(REAL)))),
      true,
      'renamed gzip, sniffed',
    );
    assert.equal(await looksLikeMalExport(await tempFile('feed', '<?xml version="1.0"?><rss/>')), false);
    assert.equal(await looksLikeMalExport(await tempFile('watched-history.json', '[]')), false);
    assert.equal(await looksLikeMalExport(await tempFile('other.gz', gzipSync('{"a":1}'))), false);
    assert.equal(await looksLikeMalExport(await tempFile('export.zip', Buffer.from('PK\u0003\u0004rest'))), false);
    assert.equal(await looksLikeMalExport(path.join(tmpdir(), 'anidex-none', 'x.json')), false);
    assert.equal(
      await looksLikeMalExport(path.join(tmpdir(), 'anidex-none', 'x.xml')),
      true,
      'missing .xml: the reader reports it',
    );
    const d = await mkdtemp(path.join(tmpdir(), 'anidex-mal-'));
    dirs.push(d);
    await mkdir(path.join(d, 'folder.xml'));
    assert.equal(await looksLikeMalExport(path.join(d, 'folder.xml')), false);
  });

  test('reads only the start of a large gzip', async () => {
    // 64 MiB of comment after the root start: sniffing must not inflate it all.
    const big = gzipSync(Buffer.concat([Buffer.from('<myanimelist><!--'), Buffer.alloc(64 * 1024 * 1024, 0x20)]), {
      level: 1,
    });
    const p = await tempFile('blob', big);
    const started = performance.now();
    assert.equal(await looksLikeMalExport(p), true);
    assert.ok(performance.now() - started < 1500, `took ${Math.round(performance.now() - started)} ms`);
  });
});

describe('the flat reading of entries', () => {
  // Every entry MAL writes is flat (elements of text, each once) and is read without building its tree; anything
  // else is read as its tree. Both must give the same bronze JSON and the same entry, or a re-import after an
  // upgrade would not be recognised as identical.
  const ODD = [
    '<series_animedb_id>2</series_animedb_id><series_title>A<b>x</b>tail</series_title><my_status>Completed</my_status>',
    '<x><y>1</y><y>2</y></x><series_animedb_id>3</series_animedb_id><series_title>T</series_title><my_status>Completed</my_status>',
    '<series_animedb_id>4</series_animedb_id><series_title>A</series_title><series_title>B</series_title><my_status>Completed</my_status>',
    ' own text <series_animedb_id>5</series_animedb_id><series_title>A</series_title><my_status>Completed</my_status>',
    '<__proto__>p</__proto__><series_animedb_id>6</series_animedb_id><series_title>A</series_title><my_status>Completed</my_status><constructor>c</constructor>',
    '<series_animedb_id>7</series_animedb_id><series_title>"q" \\ &#9;&#10; &lt;&amp; &#xD800; \u2028 ★ 🎸</series_title><my_status>Completed</my_status><my_tags/>',
    '<my_status>Dropped</my_status><series_title><![CDATA[  spaced  ]]></series_title><series_animedb_id>8</series_animedb_id>',
    'just text',
    '',
  ];

  function readBothWays(
    text: string,
    step: number,
  ): Array<{ json: string; tree: string; flat: string; fromTree: string }> {
    const out: Array<{ json: string; tree: string; flat: string; fromTree: string }> = [];
    const xml = new XmlRecordStream((name, record) => {
      if (name !== 'anime') return;
      const ctx = { file: 'f.xml', index: out.length };
      out.push({
        json: record.json(),
        tree: JSON.stringify(record.value()),
        flat: JSON.stringify(parseMalRecord(record, ctx)),
        fromTree: JSON.stringify(parseMalEntry(record.value(), ctx)),
      });
    });
    for (let i = 0; i < text.length; i += step) xml.write(text.slice(i, i + step));
    xml.close();
    return out;
  }

  test("gives the tree's JSON and entry, whole or a character at a time, on every fixture and odd shapes", async () => {
    const texts = [doc(ODD)];
    for (const name of ['odd-fields.xml', 'legacy-schema.xml', 'bad-entries.xml', 'crlf-bom.xml', 'duplicate-ids.xml'])
      texts.push((await readFile(fixture(name), 'utf8')).replace(/^\uFEFF/, ''));
    texts.push(await readFile(REAL, 'utf8'));
    for (const text of texts) {
      const whole = readBothWays(text, text.length);
      assert.ok(whole.length > 0);
      for (const r of whole) {
        assert.equal(r.json, r.tree);
        assert.equal(r.flat, r.fromTree);
      }
      assert.deepEqual(readBothWays(text, text.length > 100_000 ? 13 : 1), whole);
    }
  });

  test("a status or priority named like an object's own property is no status or priority", async () => {
    const x = await readMalExport(
      await tempFile(
        'proto.xml',
        doc([
          '<series_animedb_id>1</series_animedb_id><series_title>A</series_title><my_status>constructor</my_status>',
          '<series_animedb_id>2</series_animedb_id><series_title>B</series_title><my_status>Completed</my_status><my_priority>toString</my_priority>',
        ]),
      ),
    );
    assert.deepEqual(
      x.skipped.map((k) => [k.index, k.field]),
      [[0, 'my_status']],
    );
    assert.equal(byId(x, 2).priority, null);
  });
});

describe('scripts/gen-synthetic-mal.ts', () => {
  test('is deterministic, and reads back with totals that agree', async () => {
    const a = buildSyntheticMal({ entries: 1500, seed: 7 });
    assert.equal(a.xml, buildSyntheticMal({ entries: 1500, seed: 7 }).xml);
    assert.notEqual(a.xml, buildSyntheticMal({ entries: 1500, seed: 8 }).xml);
    const d = await mkdtemp(path.join(tmpdir(), 'anidex-mal-'));
    dirs.push(d);
    const s = generateSyntheticMal(path.join(d, 'syn.xml.gz'), { entries: 1500, seed: 7 });
    assert.equal(s.gz, true);
    const x = await readMalExport(s.path, { strict: true });
    assert.equal(x.schema, '1.1.0');
    assert.equal(x.entries.length, 1500);
    assert.deepEqual(x.totalsDiffer, []);
    const counts: Record<string, number> = { Watching: 0, Completed: 0, 'On-Hold': 0, Dropped: 0, 'Plan to Watch': 0 };
    for (const e of x.entries) counts[e.value.status]!++;
    assert.deepEqual(counts, s.statuses);
    assert.ok(
      s.statuses.Completed > s.statuses['Plan to Watch'] &&
        s.statuses['Plan to Watch'] > 0 &&
        s.statuses['On-Hold'] > 0,
    );
    assert.ok(x.entries.some((e) => e.value.score === null) && x.entries.some((e) => e.value.startDate === null));
    assert.ok(
      x.entries.some((e) => e.value.startDate !== null && e.value.startDate.endsWith('-00')),
      'some partial dates',
    );
  });
});
