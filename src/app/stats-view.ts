import type { SqlDb } from '../warehouse/db.ts';
import { playHistoryNumbers, playMinutesByTitle } from '../warehouse/queries.ts';
import { libraryNumbers } from '../domain/library-stats.ts';
import type { StatsNumbers } from '../domain/stats-numbers.ts';
import { libraryView } from './library-view.ts';

/**
 * The numbers behind `anidex stats` and the Stats screen (screens never run SQL): the one library's figures, each
 * title once whichever source knows it, and the play history's when there are Trakt plays (else null).
 */
export function statsView(db: SqlDb): StatsNumbers {
  const all = libraryView(db, { planned: true });
  const library = all.filter((r) => r.status !== 'plan_to_watch');
  const history = playHistoryNumbers(db);
  const numbers = libraryNumbers(
    library,
    all.length - library.length,
    playMinutesByTitle(db),
    history?.playsPerYear ?? [],
  );
  return { ...numbers, history };
}
