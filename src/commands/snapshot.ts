import { restoreSnapshot, snapshotsKept } from '../app/warehouse-snapshots.ts';
import type { CommandContext } from './context.ts';
import { outputWidth, print, printJson, renderTable, shortTime } from './output.ts';
import type { Parsed } from './spec.ts';

export async function run({ sub, args }: Parsed, ctx: CommandContext): Promise<number> {
  const json = ctx.json;
  if (sub === 'list') {
    const snaps = snapshotsKept(ctx.dataDir);
    if (json) printJson(snaps);
    else if (snaps.length === 0) print('No snapshots yet: one is taken before every import.');
    else {
      print(
        renderTable(
          snaps,
          [
            { header: 'Id', value: (s) => s.id },
            { header: 'Taken', value: (s) => shortTime(s.createdAt) },
            { header: 'Before', value: (s) => s.reason },
            { header: 'Titles', value: (s) => (s.titles === null ? '' : String(s.titles)), align: 'right' },
            { header: 'Size', value: (s) => `${(s.bytes / 1024).toFixed(0)} KiB`, align: 'right' },
          ],
          outputWidth(),
        ),
      );
    }
    return 0;
  }
  const { restored, backup } = await restoreSnapshot(ctx.dataDir, args.id!);
  if (json) printJson({ restored, backup });
  else {
    print(`Restored snapshot ${restored.id} (taken ${shortTime(restored.createdAt)}, before ${restored.reason}).`);
    if (backup) print(`The state you had is saved as snapshot ${backup.id}; restore it to undo this.`);
  }
  return 0;
}
