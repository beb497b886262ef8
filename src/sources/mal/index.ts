/** MyAnimeList anime list export reader: a `.xml` or `.xml.gz` file into typed entries and their bronze rows. */

export { readMalExport, type MalExport, type MalReadOptions } from './read-export.ts';
export { looksLikeMalExport, DEFAULT_MAL_MAX_BYTES } from './export-file.ts';
export {
  parseMalEntry,
  parseDeclaredTotals,
  SCHEMA_110_FIELDS,
  type EntryContext,
  type EntryResult,
} from './parse-entry.ts';
export { scanProlog, type PrologScan } from './xml.ts';
