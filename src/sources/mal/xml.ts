/**
 * XML handling for MyAnimeList exports: a cheap look at the prolog (declaration, comments, root name) and a
 * streaming reader that hands over the root's children one by one, their text exactly as written, as strings,
 * with no entity tricks.
 */

import { SaxesParser } from 'saxes';

/** What precedes the root element: enough to tell a MAL export from other files without parsing it all. */
export type PrologScan =
  | { kind: 'root'; name: string; comments: string[] }
  /** A `<!DOCTYPE`: MAL never writes one, and it is how entity bombs are declared. */
  | { kind: 'doctype'; line: number; column: number }
  /** Text that cannot start an XML document (the first offending character's position). */
  | { kind: 'not-xml'; line: number; column: number }
  /** The text ends before the root element starts. */
  | { kind: 'incomplete' };

/** Walk the XML declaration, processing instructions, comments and whitespace up to the root element's name. */
export function scanProlog(text: string): PrologScan {
  const comments: string[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const len = text.length;
  for (;;) {
    while (i < len && isXmlSpace(text.charCodeAt(i))) i++;
    if (i >= len) return { kind: 'incomplete' };
    if (text[i] !== '<') return { kind: 'not-xml', ...position(text, i) };
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return { kind: 'incomplete' };
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return { kind: 'incomplete' };
      comments.push(text.slice(i + 4, end));
      i = end + 3;
    } else if (text.slice(i, i + 9).toUpperCase() === '<!DOCTYPE') {
      return { kind: 'doctype', ...position(text, i) };
    } else {
      const m = /^<([A-Za-z_:][\w.:-]*)/.exec(text.slice(i, i + 256));
      if (!m) return { kind: 'not-xml', ...position(text, i) };
      // A name cut off by the end of a prefix might be longer than what we saw.
      if (i + m[0].length >= len) return { kind: 'incomplete' };
      return { kind: 'root', name: m[1]!, comments };
    }
  }
}

/** The schema version a `Version x.y.z` comment declares (MAL writes one since 1.1.0), or null. */
export function declaredVersion(comments: readonly string[]): string | null {
  for (const c of comments) {
    const m = /\bVersion\s+(\d+(?:\.\d+)*)/i.exec(c);
    if (m) return m[1]!;
  }
  return null;
}

/**
 * A document's structure broke (a tag left open at the end, a mismatched close, text outside the root…): the
 * sentence says where, by line and column.
 */
export class XmlMalformedError extends Error {}

/** The document is well-formed so far but not something anidex reads (nested far deeper than any export). */
export class XmlUnreadableError extends Error {}

/** An element's content as the export reader sees it: its text, or its children by name (repeats as a list). */
export type XmlValue = string | XmlFields;
export interface XmlFields {
  [name: string]: XmlValue | XmlValue[];
}

/** MAL nests three deep; a far deeper file is not an export and should not cost a deep stack of frames. */
export const MAX_XML_DEPTH = 32;

// saxes reports these and goes on, keeping the text as written: an entity it does not know (`&nbsp;`, or one a
// DOCTYPE declared, so nothing declared in a DTD ever expands), a reference to a character XML forbids (`&#0;`
// stays those four characters), a bare `&`, and raw control characters (a NUL or an escape sequence in a title,
// stripped or made harmless later). They concern one value, not the document's structure, and real exports
// edited by hand have them; every other complaint is about structure and refuses the file.
const VALUE_LEVEL_ERRORS =
  /^(?:disallowed character\.|undefined entity|malformed character entity|empty entity name|disallowed character in entity name)/;

/**
 * The names of a flat child's elements, in order (no name twice), with what turning such a child into JSON needs.
 * Children written alike (every `<anime>` of an export) share one layout, so each name is looked at once per file.
 */
export class FieldLayout {
  /** Position of each name. */
  readonly index: ReadonlyMap<string, number>;
  /** `{"name":` for the first field, `,"name":` for the others: the keys as JSON.stringify writes them. */
  private readonly keys: string[];
  /** The same with the value's quotes around them (`{"name":"`, `","name":"`), for values that need no escaping. */
  private readonly quotedKeys: string[];

  constructor(readonly names: readonly string[]) {
    this.index = new Map(names.map((n, i) => [n, i]));
    this.keys = names.map((n, i) => `${i === 0 ? '{' : ','}${JSON.stringify(n)}:`);
    this.quotedKeys = names.map((n, i) => `${i === 0 ? '{' : '",'}${JSON.stringify(n)}:"`);
  }

  /** What JSON.stringify gives for the object of these names holding `texts`, without building the object. */
  json(texts: readonly string[], parts: string[]): string {
    const n = this.names.length;
    let plain = true;
    for (let i = 0; i < n && plain; i++) plain = !NEEDS_JSON_ESCAPE.test(texts[i]!);
    const keys = plain ? this.quotedKeys : this.keys;
    for (let i = 0; i < n; i++) {
      parts[2 * i] = keys[i]!;
      parts[2 * i + 1] = plain ? texts[i]! : JSON.stringify(texts[i]);
    }
    parts[2 * n] = plain ? '"}' : '}';
    parts.length = 2 * n + 1;
    return parts.join('');
  }
}

// What JSON.stringify escapes in a string: quote, backslash, control characters and lone surrogates (any
// surrogate here, to stay simple: a value holding one is escaped by JSON.stringify itself).
const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * One child of the root, as it closes: valid only during the callback that hands it over (its arrays are the
 * stream's, reused for the next child).
 */
export class XmlRecord {
  /** Set when the child is flat (it holds elements, each only text, no name twice, and no text of its own): the names of its fields. */
  layout: FieldLayout | null = null;
  /** With a layout: each field's text (trimmed pieces; CDATA as written), in the layout's order. */
  readonly texts: string[] = [];
  /** @internal Names as read, text of the child itself, the tree when it is not flat. */
  names: string[] = [];
  count = 0;
  ownText = '';
  tree: XmlValue | null = null;
  private readonly parts: string[] = [];

  /** The child as a tree: its text, or its elements by name (a repeated name is a list, text beside elements is `#text`). */
  value(): XmlValue {
    if (this.tree !== null) return this.tree;
    if (this.count === 0) return this.ownText;
    const fields: XmlFields = {};
    for (let i = 0; i < this.count; i++) addField(fields, this.names[i]!, this.texts[i]!);
    if (this.ownText !== '') fields['#text'] = this.ownText;
    return (this.tree = fields);
  }

  /** Whether the child holds an element of that name. */
  has(name: string): boolean {
    if (this.layout !== null) return this.layout.index.has(name);
    const v = this.value();
    return typeof v === 'object' && Object.hasOwn(v, name);
  }

  /** JSON.stringify(this.value()), byte for byte. */
  json(): string {
    return this.layout !== null ? this.layout.json(this.texts, this.parts) : JSON.stringify(this.value());
  }

  /** So that JSON.stringify of a record is that of its tree. */
  toJSON(): XmlValue {
    return this.value();
  }
}

interface Frame {
  name: string;
  /** Children by name; null while the element has only text. */
  fields: XmlFields | null;
  text: string;
}

/** Layouts kept per stream: an export has one or two; a file with endless variations still costs bounded memory. */
const MAX_LAYOUTS = 64;

/**
 * Reads an XML document pushed to it piece by piece (saxes, a streaming parser: nothing holds the whole
 * document) and hands over each child of the root element once it closes. A flat child (the `<anime>` of an
 * export: elements of text, each once) is handed over as its field texts in a layout shared with the children
 * written alike, with no object built per field; any other shape as a tree. Text is trimmed, CDATA kept verbatim,
 * the five predefined entities and character references expanded, attributes ignored. Nothing is kept once
 * handed over.
 */
export class XmlRecordStream {
  private readonly parser = new SaxesParser({ position: true });
  private failure: Error | null = null;
  /** Elements open, the root included. */
  private depth = 0;
  /** The child of the root being read, and its name. */
  private readonly record = new XmlRecord();
  private recordName = '';
  /** While the child is flat: the field being read, and whether the names so far are those of `layout`. */
  private fieldName = '';
  private fieldText = '';
  private onLayout = false;
  private layout: FieldLayout | null = null;
  private readonly layouts = new Map<string, FieldLayout>();
  /** Once the child is not flat: its open elements, the child itself first. */
  private frames: Frame[] | null = null;
  // Where the text read so far ends, leaving trailing whitespace out (what a truncated file is reported by).
  private line = 1;
  private lineStart = 0;
  private offset = 0;
  private end = { line: 1, column: 1 };
  private tail = '';
  /** The tags open at the end, for a truncated file's message. */
  private readonly open: string[] = [];

  constructor(private readonly onChild: (name: string, record: XmlRecord) => void) {
    const p = this.parser;
    p.on('error', (err) => this.onError(err));
    p.on('opentag', (tag) => this.opened(tag.name));
    p.on('text', (text) => {
      // Text of the root itself (whitespace between entries) is no value of anything.
      if (this.depth >= 2) this.addText(text.trim());
    });
    p.on('cdata', (text) => {
      if (this.depth >= 2) this.addText(text);
    });
    p.on('closetag', () => this.closed());
  }

  /** Parse the next piece of the document; throws XmlMalformedError/XmlUnreadableError at the first fault. */
  write(text: string): void {
    this.track(text);
    this.parser.write(text);
    if (this.failure) throw this.failure;
  }

  /** The document ended: throws when it ended inside an element (truncated) or had another fault. */
  close(): void {
    const open = this.open.slice(0, this.depth).map((name) => `<${name}>`);
    // A text cut inside a start tag: that element was being opened too.
    const cut = /<([A-Za-z_:][\w.:-]*)(?:\s[^<>]*)?$/.exec(this.tail);
    if (cut) open.push(`<${cut[1]}>`);
    try {
      this.parser.close();
    } catch (err) {
      if (!this.failure) throw err;
    }
    if (open.length > 0) {
      throw new XmlMalformedError(
        `it stops at line ${this.end.line} column ${this.end.column} with ${open.join(' › ')} still open`,
      );
    }
    if (this.failure) throw this.failure;
  }

  private opened(name: string): void {
    if (this.depth >= MAX_XML_DEPTH) this.stop(new XmlUnreadableError('Maximum nested tags exceeded'));
    this.open[this.depth] = name;
    const depth = ++this.depth;
    if (depth === 2) {
      this.recordName = name;
      const r = this.record;
      r.layout = null;
      r.tree = null;
      r.count = 0;
      r.ownText = '';
      this.frames = null;
      this.onLayout = this.layout !== null;
    } else if (depth === 3 && this.frames === null) {
      this.fieldName = name;
      this.fieldText = '';
    } else if (depth > 2) {
      // An element inside a field: this child is a tree from here on.
      this.frames ??= this.toFrames();
      this.frames.push({ name, fields: null, text: '' });
    }
  }

  private addText(text: string): void {
    if (this.frames !== null) this.frames[this.frames.length - 1]!.text += text;
    else if (this.depth === 3) this.fieldText += text;
    else this.record.ownText += text;
  }

  private closed(): void {
    if (this.depth === 0) return;
    const depth = this.depth--;
    if (this.failure) return;
    if (depth === 3 && this.frames === null) return this.fieldRead();
    if (depth === 2) return this.recordRead();
    if (depth > 2) this.frameClosed();
  }

  /** A field of a flat child closed: its text joins the record, its name is checked against the layout. */
  private fieldRead(): void {
    const r = this.record;
    const i = r.count++;
    const layout = this.layout;
    if (this.onLayout && i < layout!.names.length && this.fieldName === layout!.names[i]) {
      r.names[i] = layout!.names[i]!;
    } else {
      this.onLayout = false;
      r.names[i] = this.fieldName;
    }
    r.texts[i] = this.fieldText;
  }

  private recordRead(): void {
    const r = this.record;
    if (this.frames !== null) r.tree = this.frameValue(this.frames.pop()!);
    else if (r.count > 0 && r.ownText === '') {
      if (this.onLayout && r.count === this.layout!.names.length) r.layout = this.layout;
      else r.layout = this.layout = this.layoutOf(r.names, r.count);
    }
    this.frames = null;
    this.onChild(this.recordName, r);
  }

  /** The layout of these names, or null when a name repeats (the child is then a tree with a list). */
  private layoutOf(names: readonly string[], count: number): FieldLayout | null {
    const own = names.slice(0, count);
    const key = own.join('\u0000'); // XML names hold no NUL
    const known = this.layouts.get(key);
    if (known) return known;
    if (new Set(own).size !== count) return null;
    const layout = new FieldLayout(own.map(detached));
    if (this.layouts.size < MAX_LAYOUTS) this.layouts.set(key, layout);
    return layout;
  }

  /** The flat child read so far as frames: the child with its fields, then the field now open. */
  private toFrames(): Frame[] {
    const r = this.record;
    const fields: XmlFields = {};
    for (let i = 0; i < r.count; i++) addField(fields, r.names[i]!, r.texts[i]!);
    const child: Frame = { name: this.recordName, fields: r.count > 0 ? fields : null, text: r.ownText };
    return [child, { name: this.fieldName, fields: null, text: this.fieldText }];
  }

  private frameClosed(): void {
    const frames = this.frames!;
    const frame = frames.pop()!;
    const parent = frames[frames.length - 1]!;
    addField((parent.fields ??= {}), frame.name, this.frameValue(frame));
  }

  private frameValue(frame: Frame): XmlValue {
    if (frame.fields === null) return frame.text;
    if (frame.text !== '') frame.fields['#text'] = frame.text;
    return frame.fields;
  }

  private onError(err: Error): void {
    // saxes words its errors `line:column: sentence`.
    const m = /^(\d+):(\d+): ([\s\S]*)$/.exec(err.message);
    const sentence = m ? m[3]! : err.message;
    if (VALUE_LEVEL_ERRORS.test(sentence)) return;
    // An element still open at the end is said by close(), with the list of what is open.
    if (sentence.startsWith('unclosed tag')) return;
    const where = m ? `, line ${m[1]} column ${m[2]}` : '';
    this.stop(new XmlMalformedError(`${sentence.replace(/\.$/, '')}${where}`));
  }

  private stop(err: Error): void {
    this.failure ??= err;
    // saxes calls handlers from inside write(): throwing here stops it reading any further.
    throw err;
  }

  private track(text: string): void {
    const trimmed = text.trimEnd().length;
    let nl = text.indexOf('\n');
    while (nl >= 0 && nl < trimmed) {
      this.line++;
      this.lineStart = this.offset + nl + 1;
      nl = text.indexOf('\n', nl + 1);
    }
    if (trimmed > 0) {
      this.end = { line: this.line, column: this.offset + trimmed - this.lineStart + 1 };
      this.tail = (this.tail + text.slice(Math.max(0, trimmed - 256), trimmed)).slice(-256);
    }
    while (nl >= 0) {
      this.line++;
      this.lineStart = this.offset + nl + 1;
      nl = text.indexOf('\n', nl + 1);
    }
    this.offset += text.length;
  }
}

/** The same stream, each child of the root handed over as its tree (XmlRecord.value()). */
export class XmlChildStream extends XmlRecordStream {
  constructor(onChild: (name: string, value: XmlValue) => void) {
    super((name, record) => onChild(name, record.value()));
  }
}

/**
 * A copy of `s` that does not hold on to a larger string. V8 makes a substring of 13 characters or more a view
 * of its parent: a title sliced out of a 256 KiB piece of the file would keep the whole piece alive for as long
 * as the entry lives.
 */
export function detached(s: string): string {
  return (' ' + s).slice(1);
}

// A repeated name becomes a list. An element named __proto__ is a field like any other, never the object's
// prototype. (Plain objects, not prototype-less ones: V8 keeps those as slow dictionaries, which cost a fifth of
// the reading.)
function addField(fields: XmlFields, name: string, value: XmlValue): void {
  const earlier = Object.hasOwn(fields, name) ? fields[name] : undefined;
  if (earlier === undefined) setField(fields, name, value);
  else if (Array.isArray(earlier)) earlier.push(value);
  else setField(fields, name, [earlier, value]);
}

function setField(fields: XmlFields, name: string, value: XmlValue | XmlValue[]): void {
  if (name === '__proto__')
    Object.defineProperty(fields, name, { value, enumerable: true, writable: true, configurable: true });
  else fields[name] = value;
}

function isXmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x9 || c === 0xa || c === 0xd;
}

function position(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}
