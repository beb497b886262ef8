import { Warehouse } from '../warehouse/store.ts';
import { listSnapshots } from '../warehouse/snapshots.ts';
import { UsageError } from '../lib/errors.ts';
import { parseCommandArgs, type Command, type CommandContext } from './context.ts';
import { outputWidth, print, printJson, renderTable, shortTime } from './output.ts';

const USAGE = 'anidex snapshot list [--json] | anidex snapshot restore <id>';

export async function runSnapshot(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs('snapshot', USAGE, args, { json: { type: 'boolean' } });
  const [sub, id, ...rest] = positionals;
  const json = ctx.json || Boolean(values.json);
  if (sub === 'list' && id === undefined) {
    const snaps = listSnapshots(ctx.dataDir);
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
  if (sub === 'restore' && id !== undefined && rest.length === 0) {
    const wh = await Warehouse.open(ctx.dataDir);
    try {
      const { restored, backup } = await wh.restore(id);
      if (json) printJson({ restored, backup });
      else {
        print(`Restored snapshot ${restored.id} (taken ${shortTime(restored.createdAt)}, before ${restored.reason}).`);
        if (backup) print(`The state you had is saved as snapshot ${backup.id}; restore it to undo this.`);
      }
      return 0;
    } finally {
      wh.close();
    }
  }
  throw new UsageError(sub === undefined ? 'snapshot needs a subcommand: list or restore <id>.' : `snapshot: cannot understand "${positionals.join(' ')}".`, `Usage: ${USAGE}`);
}

export const snapshotCommand: Command = { name: 'snapshot', usage: USAGE, summary: 'list the copies taken before imports, or restore one', run: runSnapshot };
