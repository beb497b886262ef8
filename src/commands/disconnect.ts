import { readAccounts, writeAccount } from '../settings/accounts-setting.ts';
import { removeSecrets } from '../settings/account-secrets.ts';
import type { CommandContext } from './context.ts';
import type { Parsed } from './spec.ts';
import { print } from './output.ts';

const NAME = { anilist: 'AniList', mal: 'MyAnimeList', trakt: 'Trakt' } as const;

/** Forget an account: its settings and secrets. What it synced stays in the warehouse, with its history. */
export async function run({ args }: Parsed, ctx: CommandContext): Promise<number> {
  const source = args.source as keyof typeof NAME;
  const was = (await readAccounts(ctx.dirs.config))[source] !== undefined;
  await writeAccount(ctx.dirs.config, source, null);
  if (source === 'trakt') removeSecrets(ctx.dirs.state, 'trakt');
  print(
    was
      ? `Disconnected ${NAME[source]}. Its titles stay in the warehouse with their history${source === 'trakt' ? '; the tokens on this machine are deleted (revoke the app at trakt.tv/oauth/authorized_applications to end them at Trakt too)' : ''}.`
      : `${NAME[source]} was not connected; nothing to do.`,
  );
  return 0;
}
