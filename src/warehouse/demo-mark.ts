import type { SqlDb } from './db.ts';

/*
 * The demo warehouse says so itself (in `meta`), so whatever opens it -- enrichment deciding whether the sample's
 * bundled answers may be used, a screen deciding how to label it -- can tell it from a person's own warehouse.
 */

export function markDemo(db: SqlDb, version: string): void {
  db.run("INSERT INTO meta (key, value) VALUES ('demo', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [
    version,
  ]);
}

export function isDemoWarehouse(db: SqlDb): boolean {
  return db.get<{ x: number }>("SELECT 1 AS x FROM meta WHERE key = 'demo'") !== undefined;
}
