import { SHELL_CHOICES } from '../choices.ts';
import { defineCommand } from '../spec.ts';

export const completionSpec = defineCommand({
  name: 'completion',
  summary: 'print a shell completion script: commands, subcommands, flags and their values, your genres',
  description:
    'The script asks anidex for the candidates as you press Tab (`anidex` must be on your PATH), so it never goes stale. bash: add `source <(anidex completion bash)` to ~/.bashrc. zsh: `anidex completion zsh > "${fpath[1]}/_anidex"`, or `source <(anidex completion zsh)` after compinit in ~/.zshrc. fish: `anidex completion fish > ~/.config/fish/completions/anidex.fish`.',
  positionals: [
    {
      name: 'shell',
      arg: '<shell>',
      choices: SHELL_CHOICES,
      description: 'the shell to complete in',
      missing: 'completion needs a shell: bash, zsh or fish.',
    },
  ],
  usesData: false,
  examples: ['anidex completion bash', 'anidex completion fish > ~/.config/fish/completions/anidex.fish'],
  load: () => import('../completion.ts'),
});
