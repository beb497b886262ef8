import type { SkippedRecord } from '../domain/types.ts';
import type { RunCounts } from '../warehouse/runs.ts';
import type { CrossCheck } from '../domain/aggregate.ts';

export type ImportStage = 'read' | 'silver' | 'gold' | 'save';

/** What an import tells its caller as it goes (the CLI prints these; the TUI turns them into state). */
export type ImportEvent =
  | { type: 'stage'; stage: ImportStage }
  | {
      type: 'file';
      file: string;
      done: number;
      total: number;
      bytesDone: number;
      bytesTotal: number;
      records: number;
      skipped: number;
    };

export interface ImportResult {
  runId: number;
  sourcePath: string;
  validFrom: string;
  counts: RunCounts;
  skipped: SkippedRecord[];
  /** Titles missing from this export that were marked deleted. */
  deletedTitles: string[];
  /** The export's records were exactly those of the last import: nothing to rebuild, no snapshot needed. */
  identical: boolean;
  /** History against watched-shows/movies.json (null for MAL). */
  crossCheck: CrossCheck | null;
  /** Other things worth telling, one sentence each (a MAL export's totals that disagree with its entries). */
  notes?: string[];
}

export type ImportListener = (e: ImportEvent) => void;
