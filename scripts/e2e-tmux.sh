#!/usr/bin/env bash
# End-to-end run of the real anidex TUI in tmux, driven as a person would: on a fresh data dir at 80x24 without
# colour, import the bundled sample, filter the library (mood cozy, length short), open a title's history, run
# the local recommender, add the first result to the plan, see it on the plan, quit, and check the exit status.
#
# One key per `tmux send-keys`; after each key the pane is polled until the expected text appears (no fixed
# sleeps). Any failed expectation prints the last captured pane and exits non-zero. Nothing leaves the machine:
# the sample enriches from its bundled cache, the AniList URL points at a closed local port and GEMINI_API_KEY
# is unset. A private tmux socket is used, so a person's own tmux server is never touched.
#
# Usage: scripts/e2e-tmux.sh   (or npm run e2e:tmux)
#   ANIDEX_E2E_TIMEOUT=<s>  seconds to wait for each expectation (default 20; the import gets 3x that)
#   ANIDEX_E2E_FRAMES=1     also print the pane after every step
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

COLS=80
ROWS=24
TIMEOUT=${ANIDEX_E2E_TIMEOUT:-20}
FRAMES=${ANIDEX_E2E_FRAMES:-}
SOCKET="anidex-e2e-$$"
SESSION=anidex
LAST=''
STEP=0

for tool in tmux node; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "e2e-tmux: $tool is not on PATH; this script needs it." >&2
    exit 2
  fi
done

# Milliseconds since the epoch (bash 5 has EPOCHREALTIME; older shells fall back to whole seconds).
now_ms() {
  if [[ -n ${EPOCHREALTIME:-} ]]; then
    local t=${EPOCHREALTIME/,/.}
    echo $(( ${t%.*} * 1000 + 10#$(printf '%.3s' "${t#*.}000") ))
  else
    echo $(( $(date +%s) * 1000 ))
  fi
}
START_MS=$(now_ms)
elapsed() {
  local ms=$(( $(now_ms) - START_MS ))
  printf '%d.%02ds' $(( ms / 1000 )) $(( ms % 1000 / 10 ))
}
log() { printf '[%7s] %s\n' "$(elapsed)" "$*"; }

# Single-quote a word for the shell tmux runs the pane's command with (any POSIX sh).
shq() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

tm() { tmux -u -f /dev/null -L "$SOCKET" "$@"; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/anidex-e2e.XXXXXX")
DATA="$TMP/data"
STATUS_FILE="$TMP/exit-status"
SOCKET_PATH=''

# The processes the pane started (the runner and anidex), so cleanup can wait for them before removing the data.
pane_processes() {
  local pane_pid
  pane_pid=$(tm display-message -p -t "$SESSION" '#{pane_pid}' 2>/dev/null) || return 0
  [[ -n $pane_pid ]] || return 0
  echo "$pane_pid"
  ps -A -o pid=,ppid= 2>/dev/null | awk -v p="$pane_pid" '$2 == p { print $1 }' || true
}

cleanup() {
  local rc=$? pids pid tries
  trap - EXIT INT TERM
  pids=$(pane_processes)
  tm kill-session -t "$SESSION" >/dev/null 2>&1 || true
  tm kill-server >/dev/null 2>&1 || true
  # Closing the pane hangs anidex up; give it a moment, then end what is left, by pid, before removing its data.
  for pid in $pids; do
    tries=0
    while kill -0 "$pid" 2>/dev/null && (( tries < 50 )); do sleep 0.1; tries=$(( tries + 1 )); done
    if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; sleep 0.5; kill -KILL "$pid" 2>/dev/null || true; fi
  done
  # tmux leaves its socket file behind; remove ours (and only ours).
  if [[ -n $SOCKET_PATH && -S $SOCKET_PATH ]]; then rm -f -- "$SOCKET_PATH"; fi
  rm -rf -- "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted (SIGINT)"; exit 130' INT
trap 'log "terminated (SIGTERM)"; exit 143' TERM

capture() { tm capture-pane -p -t "$SESSION" 2>/dev/null || true; }

show_pane() {
  local title=$1
  echo "----- $title (${COLS}x${ROWS}) -----"
  printf '%s\n' "$LAST"
  echo "-----"
}

fail() {
  log "FAIL: $*"
  LAST=$(capture)
  show_pane 'last captured pane'
  exit 1
}

# wait_for <description> <extended regex> [timeout seconds]: poll the pane until a line matches.
wait_for() {
  local what=$1 re=$2 limit=${3:-$TIMEOUT}
  local deadline=$(( $(now_ms) + limit * 1000 ))
  while :; do
    LAST=$(capture)
    if grep -Eq -- "$re" <<<"$LAST"; then
      log "  ok: $what"
      if [[ -n $FRAMES ]]; then show_pane "after: $what"; fi
      return 0
    fi
    if (( $(now_ms) > deadline )); then fail "no line matched /$re/ within ${limit}s (waiting for: $what)"; fi
    sleep 0.05
  done
}

# The first pane line matching an extended regex (empty if none).
line_matching() { grep -E -m1 -- "$1" <<<"$LAST" || true; }

# key <tmux key name> [why]: one key per send-keys, so a failure names the key that did not work.
key() {
  STEP=$(( STEP + 1 ))
  log "key ${1}${2:+  ($2)}"
  tm send-keys -t "$SESSION" "$1"
}

# Regex-escape a literal string (for titles read back from the pane).
re_escape() { sed -e 's/[][\.*^$+?(){}|]/\\&/g' <<<"$1"; }

# column <row> <header> <from word> <to word>: the text of a row under a header's column, cut where the next
# column starts; trailing spaces, a "…" of a cut and a " (year)" are dropped.
column() {
  local row=$1 header=$2 before_from=${2%%"$3"*} before_to=${2%%"$4"*}
  local text=${row:${#before_from}:$(( ${#before_to} - ${#before_from} ))}
  text=$(sed -E 's/ +$//; s/…$//; s/ +$//; s/ \([0-9]{4}\)$//' <<<"$text")
  printf '%s' "$text"
}

# ---- build ------------------------------------------------------------------------------------------------------
# Only when stale: other test files may be running bin/anidex.js from dist/ at the same time.
if [[ ! -f dist/cli.js ]] || [[ -n $(find src scripts/build.mjs -newer dist/cli.js -print -quit 2>/dev/null) ]]; then
  log "build: dist/ is missing or older than src/, running node scripts/build.mjs"
  node scripts/build.mjs
else
  log "build: dist/cli.js is up to date"
fi

# ---- start ------------------------------------------------------------------------------------------------------
# The pane runs anidex, records its exit status, then leaves a plain shell so the pane shows the program is gone.
cat >"$TMP/run.sh" <<'RUNNER'
cd "$1" || exit 99
env -u GEMINI_API_KEY NO_COLOR=1 ANIDEX_ANILIST_URL=http://127.0.0.1:9/ ANIDEX_MAPPING_URL=http://127.0.0.1:9/anime-list-full.json XDG_CONFIG_HOME="$4/config" XDG_CACHE_HOME="$4/cache" XDG_STATE_HOME="$4/state" node bin/anidex.js --data-dir "$2"
status=$?
echo "$status" >"$3"
printf '[anidex exited with status %s]\n' "$status"
PS1='anidex-e2e$ ' exec bash --norc --noprofile -i
RUNNER

log "start: tmux -L $SOCKET, ${COLS}x${ROWS}, NO_COLOR=1: node bin/anidex.js --data-dir $DATA"
tm new-session -d -s "$SESSION" -x "$COLS" -y "$ROWS" \
  "bash $(shq "$TMP/run.sh") $(shq "$ROOT") $(shq "$DATA") $(shq "$STATUS_FILE") $(shq "$TMP/xdg")"
SOCKET_PATH=$(tm display-message -p -t "$SESSION" '#{socket_path}' 2>/dev/null || true)
[[ -n $SOCKET_PATH ]] || SOCKET_PATH="${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCKET"
size=$(tm display-message -p -t "$SESSION" '#{pane_width}x#{pane_height}')
[[ $size == "${COLS}x${ROWS}" ]] || fail "the pane is $size, not ${COLS}x${ROWS}"

# ---- welcome → the demo (the bundled sample in a warehouse of its own) ----------------------------------------
wait_for 'welcome screen' '^anidex · Welcome' $(( TIMEOUT * 3 ))  # the first start shares 2 cores with the rest of the suite
wait_for 'first menu item is the demo' '^ *> Try the demo'
key Enter 'try the demo'
wait_for 'import screen' '^anidex · Import'
wait_for 'import finished' '^anidex · Import · done' $(( TIMEOUT * 3 ))
grep -q 'Import failed' <<<"$LAST" && fail 'the import failed'
key Enter 'open the library'
wait_for 'library' '^anidex · Library · [0-9]+ of [0-9]+ titles'
wait_for 'the demo says so' '^DEMO · the bundled sample, not your data'
[[ ! -e $DATA/warehouse.sqlite ]] || fail "the demo wrote the person's own warehouse ($DATA/warehouse.sqlite)"
total=$(line_matching '^anidex · Library' | sed -E 's/^anidex · Library · [0-9]+ of ([0-9]+) titles.*/\1/')
log "  library: $total titles"

# ---- filters: include mood cozy and length short ----------------------------------------------------------------
key f 'open filters'
wait_for 'filter panel' '^Filters · none · [0-9]+ titles match'
wait_for 'cursor on the first row, mood cozy' '^>mood +\[ \] cozy'
key Space 'include cozy'
wait_for 'cozy included' '^>mood +\[\+\] cozy'
# Move down to "length short", one key at a time, each time waiting for the cursor to move.
cursor=$(line_matching '^>')
moves=0
until grep -Eq '^>length +\[ \] short' <<<"$cursor"; do
  (( moves < 40 )) || fail 'did not reach "length short" within 40 moves'
  key j 'down'
  deadline=$(( $(now_ms) + TIMEOUT * 1000 ))
  while [[ $(line_matching '^>') == "$cursor" ]]; do
    (( $(now_ms) < deadline )) || fail "j did not move the cursor from: $cursor"
    sleep 0.05
    LAST=$(capture)
  done
  cursor=$(line_matching '^>')
  log "  cursor: $(sed -E 's/^>([a-z]+) +\[.\] +([^ ].*[^ ]) +[0-9]+$/\1 \2/' <<<"$cursor")"
  moves=$(( moves + 1 ))
done
key Space 'include short'
wait_for 'short included' '^>length +\[\+\] short'
wait_for 'panel summary' '^Filters · mood cozy · length short · [0-9]+ titles match'
matching=$(line_matching '^Filters · ' | sed -E 's/.* · ([0-9]+) titles match.*/\1/')
key f 'back to the list'
wait_for 'filtered library header' "^anidex · Library · $matching of $total titles · mood cozy · length short"
wait_for 'list with the filtered titles' '^ Title +Year'
(( matching > 0 && matching < total )) || fail "the filter should narrow $total titles, got $matching"
shown=$(grep -Ec '^[> ].* short +' <<<"$LAST" || true)
[[ $shown -eq $matching ]] || fail "header says $matching titles, the list shows $shown short rows"
first=$(column "$(line_matching '^>')" "$(line_matching '^ Title +Year')" Title Year)
[[ -n $first ]] || fail 'no title under the cursor'
log "  $matching of $total titles shown; first: $first"

# ---- a title's history ------------------------------------------------------------------------------------------
key Enter "open $first"
wait_for 'title screen' "^anidex · $(re_escape "$first")"
wait_for 'version history, newest first' '^(Trakt|MyAnimeList): [0-9]+ versions?, newest first'
wait_for 'a version line' '^v[0-9]+ +[0-9]{4}-[0-9]{2}-[0-9]{2} '
log "  $(line_matching 'newest first')"
key h 'back'
wait_for 'library again, filters kept' "^anidex · Library · $matching of $total titles · mood cozy · length short"

# ---- recommend --------------------------------------------------------------------------------------------------
key r 'open recommend'
wait_for 'recommend screen' '^anidex · Recommend · local engine'
wait_for 'mood carried over from the library' '^[> ] Mood +cozy'
wait_for 'length carried over from the library' '^[> ] Length +short'
key r 'run the local engine'
wait_for 'results' '^anidex · Recommend · local engine · [0-9]+ results'
results=$(line_matching '^anidex · Recommend' | sed -E 's/.* · ([0-9]+) results.*/\1/')
(( results > 0 )) || fail 'the local engine returned no results'
row=$(line_matching '^> +1 ')
[[ -n $row ]] || fail 'the first result is not selected'
pick=$(column "$row" "$(line_matching '^ +# +Title +Length')" Title Length)
[[ -n $pick ]] || fail 'no title in the first result'
log "  $results results; first: $pick"
key a 'add the first result to the plan'
wait_for 'added to the plan' "^Added $(re_escape "$pick").* to your plan to watch\\."

# ---- plan -------------------------------------------------------------------------------------------------------
key p 'go to the plan'
wait_for 'plan screen' '^anidex · Plan to watch · [0-9]+ titles?'
prefix=${pick:0:20}
wait_for "plan lists $prefix (from the local engine)" "^[> ] +[0-9]+ +$(re_escape "$prefix").* local "

# ---- quit -------------------------------------------------------------------------------------------------------
key q 'back to the library'
wait_for 'library' '^anidex · Library · '
key q 'quit'
wait_for 'anidex exited' '^\[anidex exited with status [0-9]+\]'
wait_for 'the shell prompt is back' '^anidex-e2e\$'
[[ -f $STATUS_FILE ]] || fail 'no exit status was recorded'
status=$(<"$STATUS_FILE")
[[ $status == 0 ]] || fail "anidex exited with status $status, not 0"
current=$(tm display-message -p -t "$SESSION" '#{pane_current_command}')
[[ $current != node ]] || fail 'node is still the pane'\''s foreground process'
log "  exit status $status; the pane now runs $current"

show_pane 'final pane'
log "PASS: $STEP keys, every expectation met"
