/** The refusal of an export that holds nothing usable (an empty or wholly malformed history or list). Pure. */

import { InputError } from '../lib/errors.ts';
import type { SkippedRecord } from './types.ts';
import { sanitizeText } from '../lib/sanitize.ts';
import { shellWord } from '../lib/shell-word.ts';

/** What the refusal says about the files that should have held the records. */
export interface EmptyExportFacts {
  /** The export's path as the person gave it. */
  exportPath: string;
  /** Files that should hold the records (watched-history pages, or the MAL list itself). */
  files: readonly string[];
  /** Records read and skipped as malformed (all of them, since none was usable). */
  skipped: readonly SkippedRecord[];
  kind: 'trakt' | 'mal';
}

/**
 * The error for an export with no usable play (Trakt) or entry (MyAnimeList). anidex reads every export as the whole
 * account, so loading it would mark every title of that source deleted; `--allow-empty` says that is meant.
 */
export function emptyExportError(f: EmptyExportFacts): InputError {
  const first = f.files[0] ?? f.exportPath;
  const many = f.files.length > 1;
  const files = many ? `${first} and ${f.files.length - 1} more page${f.files.length > 2 ? 's' : ''}` : first;
  const whose = f.kind === 'trakt' ? 'Trakt title' : 'MyAnimeList title';
  let message: string;
  if (f.skipped.length === 0) {
    message =
      f.kind === 'trakt'
        ? `${files} ${many ? 'hold' : 'holds'} no plays (an empty watched-history), and importing it would mark every ${whose} deleted, so nothing was written.`
        : `${files} lists no anime, and importing it would mark every ${whose} deleted, so nothing was written.`;
  } else {
    const s = f.skipped[0]!;
    const n = f.skipped.length;
    const which =
      n === 1
        ? f.kind === 'trakt'
          ? 'its one record is'
          : 'its one entry is'
        : `all ${n} of ${many ? 'their' : 'its'} ${f.kind === 'trakt' ? 'records' : 'entries'} are`;
    message = `${files}: ${which} malformed (${n === 1 ? '' : 'the first: '}record ${s.index}, field ${s.field}: ${s.reason}), so ${many ? 'they hold' : 'it holds'} no usable ${f.kind === 'trakt' ? 'play' : 'anime entry'}, and nothing was written.`;
  }
  const again =
    f.kind === 'trakt'
      ? 'Export again from Trakt (Settings → Data → Export) and import the new .zip'
      : 'Export your list again (myanimelist.net/panel.php?go=export) and import the new file';
  return new InputError(sanitizeText(message), {
    file: first,
    hint: `${again}; if it really is empty, import it anyway with \`anidex import ${shellWord(f.exportPath)} --allow-empty\`.`,
  });
}
