/** Trakt export reader: open a .zip or folder, then read it file by file into typed records. */

export {
  openExport,
  DEFAULT_EXPORT_LIMITS,
  type ExportFile,
  type ExportLimits,
  type ExportSource,
} from './export-source.ts';
export { readTraktExport, parseJsonArray, type ParsedFile, type ReadOptions } from './read-export.ts';
export {
  parseHistoryRecord,
  parseRatingRecord,
  parseWatchedRecord,
  parseWatchlistRecord,
  normalizeTraktTimestamp,
  UNKNOWN_DATE,
  type ParseResult,
  type RecordContext,
} from './parse.ts';
export { classifyTraktFile, compareTraktFiles, SECTION_ORDER, TRAKT_PREFIXES, type TraktFileInfo } from './sections.ts';
