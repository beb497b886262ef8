import { readAccounts, writeAccount } from '../settings/accounts-setting.ts';
import { removeSecrets, writeSecrets, type TraktSecrets } from '../settings/account-secrets.ts';
import { accountHttpFromEnv } from '../app/sync.ts';
import { checkAniListAccount, checkMalAccount, signInToTrakt } from '../app/connect-accounts.ts';
import { UsageError } from '../lib/errors.ts';
import { sanitizeText } from '../lib/sanitize.ts';
import type { CommandContext } from './context.ts';
import type { Parsed } from './spec.ts';
import type { CONNECT_FLAGS } from './specs/connect.ts';
import { print, printJson } from './output.ts';
import { promptSecret } from './prompt-secret.ts';

/** Connect an account; the connection is checked before anything is saved. Never prints a secret. */
export async function run({ values, args }: Parsed<typeof CONNECT_FLAGS>, ctx: CommandContext): Promise<number> {
  const source = args.source as 'anilist' | 'mal' | 'trakt';
  const http = accountHttpFromEnv();
  const clientId = values['client-id']?.trim();
  const say = (text: string): void => {
    if (!ctx.json) print(text);
  };

  if (source === 'anilist') {
    if (!args.user)
      throw new UsageError(
        'connect anilist needs the user name of the list.',
        'Example: `anidex connect anilist Mika` (the name in anilist.co/user/<name>).',
      );
    const user = await checkAniListAccount(args.user, http);
    await writeAccount(ctx.dirs.config, 'anilist', { user });
    if (ctx.json) printJson({ source, user });
    else say(`Connected AniList: the public list of ${sanitizeText(user)}. \`anidex sync\` pulls it.`);
    return 0;
  }

  if (source === 'mal') {
    if (!args.user || !clientId)
      throw new UsageError(
        'connect mal needs the user name and --client-id.',
        'Create an API client at myanimelist.net/apiconfig (type "other"), then `anidex connect mal <user> --client-id <id>`.',
      );
    const user = args.user.trim();
    await checkMalAccount(user, clientId, http);
    await writeAccount(ctx.dirs.config, 'mal', { user, clientId });
    if (ctx.json) printJson({ source, user });
    else
      say(
        `Connected MyAnimeList: the list of ${sanitizeText(user)}, read with your client id. \`anidex sync\` pulls it.`,
      );
    return 0;
  }

  // Trakt: the device-code flow with the person's own app.
  const known = (await readAccounts(ctx.dirs.config)).trakt;
  const id = clientId ?? known?.clientId;
  if (!id)
    throw new UsageError(
      'connect trakt needs --client-id: the client id of your own Trakt app.',
      'Create an app at trakt.tv/oauth/applications (redirect URI urn:ietf:wg:oauth:2.0:oob), then `anidex connect trakt --client-id <id>`.',
    );
  const secret =
    process.env.ANIDEX_TRAKT_CLIENT_SECRET?.trim() ||
    (await promptSecret('Client secret of your Trakt app (not shown): '));
  if (!secret) {
    throw new UsageError(
      'connect trakt needs the client secret of your Trakt app, and there is no terminal to ask for it.',
      'Run it at a terminal, or set ANIDEX_TRAKT_CLIENT_SECRET for this one command.',
    );
  }
  // On stderr with --json, so stdout stays one JSON document.
  const show = (text: string): void => void (ctx.json ? process.stderr.write(`${text}\n`) : print(text));
  const { tokens, user } = await signInToTrakt({ clientId: id, clientSecret: secret }, http, (code) => {
    show(`Go to ${code.verificationUrl} and enter the code ${code.userCode}`);
    show(`Waiting for you to approve anidex (up to ${Math.round(code.expiresIn / 60)} minutes; Ctrl-C stops)…`);
  });
  removeSecrets(ctx.dirs.state, 'trakt');
  writeSecrets(ctx.dirs.state, 'trakt', { clientSecret: secret, ...tokens } satisfies TraktSecrets);
  await writeAccount(ctx.dirs.config, 'trakt', { clientId: id, ...(user ? { user } : {}) });
  if (ctx.json) printJson({ source, user, tokenExpiresAt: tokens.expiresAt });
  else
    say(
      `Connected Trakt${user ? ` as ${user}` : ''}. The tokens are kept readable by you alone in ${ctx.dirs.state}; \`anidex sync\` pulls the account.`,
    );
  return 0;
}
