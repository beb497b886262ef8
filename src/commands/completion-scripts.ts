/**
 * The completion scripts `anidex completion <shell>` prints. Each is a thin bridge: at every Tab it asks
 * `anidex __complete` (complete-request.ts), which reads the specs, so a new command or flag completes without a
 * new script. File and folder names are completed by the shell itself. (Template literals: `\${` and `\\`
 * stand for the shells' own `${` and `\`.)
 */

const BASH = `# anidex completion for bash. Load it from ~/.bashrc:  source <(anidex completion bash)
_anidex() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" line directive
  local -a found=()
  while IFS= read -r line; do found+=("$line"); done < <(anidex __complete bash "\${COMP_LINE:0:COMP_POINT}" 2>/dev/null)
  COMPREPLY=()
  [ "\${#found[@]}" -gt 0 ] || return 0
  directive="\${found[\${#found[@]}-1]}"
  unset 'found[\${#found[@]}-1]'
  COMPREPLY=("\${found[@]}")
  # After --flag= bash's current word is what follows the "=" (a word break).
  [ "$cur" = "=" ] && cur=""
  local IFS=$'\\n'
  case "$directive" in
    :file) compopt -o filenames 2>/dev/null; COMPREPLY+=($(compgen -f -- "$cur")) ;;
    :dir) compopt -o filenames 2>/dev/null; COMPREPLY+=($(compgen -d -- "$cur")) ;;
  esac
}
complete -F _anidex anidex
`;

const ZSH = `#compdef anidex
# anidex completion for zsh. Save it on your $fpath:  anidex completion zsh > "\${fpath[1]}/_anidex"
# or load it from ~/.zshrc after compinit:  source <(anidex completion zsh)
_anidex() {
  local -a found candidates
  local directive
  found=("\${(@f)$(anidex __complete zsh "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  (( \${#found} )) || return 1
  directive=\${found[-1]}
  candidates=("\${(@)found[1,-2]}")
  # Case is ignored, as anidex ignores it in genres: sl finds Slice of Life.
  (( \${#candidates} )) && _describe -t anidex anidex candidates -M 'm:{[:lower:][:upper:]}={[:upper:][:lower:]}'
  case $directive in
    :file) _files ;;
    :dir) _files -/ ;;
  esac
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _anidex "$@"
else
  compdef _anidex anidex
fi
`;

const FISH = `# anidex completion for fish. Save it:  anidex completion fish > ~/.config/fish/completions/anidex.fish
function __anidex_complete
    set -l before (commandline -opc)
    set -e before[1]
    set -l current (commandline -ct)
    set -l found (anidex __complete fish $before "$current" 2>/dev/null)
    test (count $found) -gt 0; or return
    set -l directive $found[-1]
    set -e found[-1]
    printf '%s\\n' $found
    switch $directive
        case :file
            __fish_complete_path "$current"
        case :dir
            __fish_complete_directories "$current"
    end
end
complete -c anidex -f -a '(__anidex_complete)'
`;

export const COMPLETION_SCRIPTS = { bash: BASH, zsh: ZSH, fish: FISH } as const;
