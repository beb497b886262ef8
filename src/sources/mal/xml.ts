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

interface Frame {
  name: string;
  /** Children by name; null while the element has only text. */
  fields: XmlFields | null;
  text: string;
}

/**
 * Reads an XML document pushed to it piece by piece (saxes, a streaming parser: nothing holds the whole
 * document) and hands over each child of the root element, once it closes, as plain values: an element holding
 * only text is its text (trimmed, CDATA kept verbatim, the five predefined entities and character references
 * expanded), one holding elements is an object of them (a repeated name becomes a list, text beside elements is
 * `#text`), attributes are ignored. Nothing is kept once handed over.
 */
export class XmlChildStream {
  private readonly parser = new SaxesParser({ position: true });
  private readonly stack: Frame[] = [];
  private failure: Error | null = null;
  // Where the text read so far ends, leaving trailing whitespace out (what a truncated file is reported by).
  private line = 1;
  private lineStart = 0;
  private offset = 0;
  private end = { line: 1, column: 1 };
  private tail = '';

  constructor(private readonly onChild: (name: string, value: XmlValue) => void) {
    const p = this.parser;
    p.on('error', (err) => this.onError(err));
    p.on('opentag', (tag) => {
      if (this.stack.length >= MAX_XML_DEPTH) this.stop(new XmlUnreadableError('Maximum nested tags exceeded'));
      this.stack.push({ name: tag.name, fields: null, text: '' });
    });
    p.on('text', (text) => {
      // Text of the root itself (whitespace between entries) is no value of anything.
      if (this.stack.length >= 2) this.stack[this.stack.length - 1]!.text += text.trim();
    });
    p.on('cdata', (text) => {
      if (this.stack.length >= 2) this.stack[this.stack.length - 1]!.text += text;
    });
    p.on('closetag', () => this.close1());
  }

  /** Parse the next piece of the document; throws XmlMalformedError/XmlUnreadableError at the first fault. */
  write(text: string): void {
    this.track(text);
    this.parser.write(text);
    if (this.failure) throw this.failure;
  }

  /** The document ended: throws when it ended inside an element (truncated) or had another fault. */
  close(): void {
    const open = this.stack.map((f) => `<${f.name}>`);
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

  private close1(): void {
    const frame = this.stack.pop();
    if (!frame || this.failure) return;
    let value: XmlValue;
    if (frame.fields === null) value = frame.text;
    else {
      if (frame.text !== '') frame.fields['#text'] = frame.text;
      value = frame.fields;
    }
    const depth = this.stack.length;
    if (depth === 1) this.onChild(frame.name, value);
    else if (depth > 1) {
      const parent = this.stack[depth - 1]!;
      const fields = (parent.fields ??= {});
      const earlier = Object.hasOwn(fields, frame.name) ? fields[frame.name] : undefined;
      if (earlier === undefined) setField(fields, frame.name, value);
      else if (Array.isArray(earlier)) earlier.push(value);
      else setField(fields, frame.name, [earlier, value]);
    }
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

// An element named __proto__ is a field like any other, never the object's prototype. (Plain objects, not
// prototype-less ones: V8 keeps those as slow dictionaries, which cost a fifth of the reading.)
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
