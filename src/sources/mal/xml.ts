/**
 * XML handling for MyAnimeList exports: a cheap look at the prolog (declaration, comments, root name) and a
 * fast-xml-parser set up so that an export's text comes out exactly as written, as strings, with no entity tricks.
 */

import { XMLParser, XMLValidator, type EntityDecoderOptions } from 'fast-xml-parser';

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

/** Null when the text is well-formed XML; otherwise the parser's complaint with a line and column. */
export function wellFormedError(text: string): string | null {
  const result = XMLValidator.validate(text);
  if (result === true) return null;
  const { code, msg, line, col } = result.err;
  // The validator reports elements left open at the end as a JSON list at line 1; say where the text stops instead.
  const open = code === 'InvalidXml' ? /^Invalid '(\[[\s\S]*\])' found/.exec(msg) : null;
  if (open) {
    try {
      const names = JSON.parse(open[1]!) as unknown;
      if (Array.isArray(names) && names.length > 0) {
        const end = position(text, text.trimEnd().length);
        const list = names.map((n) => `<${String(n)}>`).join(' › ');
        return `it stops at line ${end.line} column ${end.column} with ${list} still open`;
      }
    } catch {
      // Fall through to the validator's own words.
    }
  }
  return `${msg.replace(/\.$/, '')}, line ${line} column ${col}`;
}

/** Parse well-formed XML into plain objects whose leaves are the element texts, as strings. */
export function parseXmlDocument(text: string): unknown {
  return PARSER.parse(text);
}

// Only the five predefined entities and character references are expanded. DOCTYPE-declared entities are never
// added (addInputEntities ignores them), so even if a DOCTYPE slipped past the prolog check, `&lol9;` stays text
// and a billion-laughs file cannot expand.
const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const XML_ONLY_DECODER: EntityDecoderOptions = {
  setExternalEntities: () => {},
  addInputEntities: () => {},
  reset: () => {},
  setXmlVersion: () => {},
  decode: (text) => (text.includes('&') ? text.replace(/&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z][\w.-]*);/g, expand) : text),
};

function expand(whole: string, body: string): string {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    // A reference to a character XML forbids (NUL above all) stays as written rather than entering a title.
    return isXmlChar(code) ? String.fromCodePoint(code) : whole;
  }
  return XML_ENTITIES[body] ?? whole;
}

function isXmlChar(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

const PARSER = new XMLParser({
  ignoreAttributes: true,
  // Strings only: `my_score` 07 or a title like "86" must not turn into numbers; each field is coerced on its own.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // CDATA is merged into the element's text verbatim (no entity decoding, no trimming inside it).
  cdataPropName: false,
  commentPropName: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  htmlEntities: false,
  processEntities: true,
  entityDecoder: XML_ONLY_DECODER,
  // MAL nests three deep; a far deeper file is not an export and should not cost a deep recursion.
  maxNestedTags: 32,
  // A matcher instead of jPath strings: building a path string per element costs a fifth of the parse.
  jPath: false,
  isArray: (name, at) => (name === 'anime' || name === 'manga') && typeof at !== 'string' && at.getDepth() === 2,
});

function isXmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x9 || c === 0xa || c === 0xd;
}

function position(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}
