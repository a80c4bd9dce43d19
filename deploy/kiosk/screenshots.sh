#!/usr/bin/env bash
# Every kiosk screen, in each language asked for, against a fresh demo server: for reviewing the
# layout and the translations. Needs a build (deploy/quickstart.sh build).
#
#   deploy/kiosk/screenshots.sh [OUT_DIR] [LANGUAGE...]    (default: build/screenshots en cs uk)
#
# Writes OUT_DIR/LANGUAGE/SCREEN.png. The screens Printing and "server unreachable" pass too fast,
# or never connect, so they are not taken.
set -euo pipefail
cd "$(dirname "$0")/../.."

out="${1:-build/screenshots}"
shift || true
languages=("$@")
[ ${#languages[@]} -gt 0 ] || languages=(en cs uk)

work="$(mktemp -d)"
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT

build/server/lanyard-server demo --db "$work/demo.db" --listen 127.0.0.1:0 >"$work/server.log" 2>&1 &
server_pid=$!
address=""
for _ in $(seq 100); do
  address="$(sed -n 's/^listening on \(.*\)$/\1/p' "$work/server.log")"
  [ -n "$address" ] && break
  sleep 0.1
done
[ -n "$address" ] || { echo "screenshots: the demo server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
token_of() { awk -v name="$1" '$1 == name { print $2 }' "$work/demo.db.tokens"; }
admin="$(token_of admin)"
kiosk_token="$(token_of kiosk-entrance-1)"
# Staff mode's PIN goes to the kiosk in a file, never on its command line.
token_of staff-pin >"$work/staff-pin"
echo 0000 >"$work/wrong-staff-pin"
cli() { build/server/lanyard --server "$address" --token "$admin" "$@"; }

# After a scan the kiosk speaks the delegate's language, so each language's screens use delegates
# who prefer it (from the demo's delegates.csv), each starting from "not checked in".
cli codes >"$work/codes.csv"
delegates_speaking() {
  python3 -c 'import csv, sys
for row in csv.DictReader(open("deploy/demo/delegates.csv", encoding="utf-8")):
    if row["language"] == sys.argv[1] and row["status"] == "active": print(row["external_ref"])' "$1"
}
column_of() { awk -F, -v ref="$1" -v column="$2" '$2 == ref { print $column }' "$work/codes.csv"; }
id_of() { column_of "$1" 1; }
family_of() { column_of "$1" 4; }
code_of() { column_of "$1" 6; }

shot() {  # shot LANGUAGE NAME PAGE [KIOSK FLAGS...]
  local language="$1" name="$2" page="$3"
  shift 3
  mkdir -p "$out/$language"
  local printer=(--pdf-dir "$work/badges")
  [[ " $* " == *" --printer "* ]] && printer=()
  if ! QT_QPA_PLATFORM=offscreen timeout 60 build/kiosk/lanyard-kiosk --server "$address" --token "$kiosk_token" \
      "${printer[@]}" --language "$language" --screenshot "$out/$language/$name.png" \
      --screenshot-on "$page" "$@" >"$work/kiosk.log" 2>&1; then
    echo "screenshots: $language/$name failed:" >&2
    cat "$work/kiosk.log" >&2
    exit 1
  fi
  echo "$out/$language/$name.png"
}

for language in "${languages[@]}"; do
  mapfile -t refs < <(delegates_speaking "$language")
  [ ${#refs[@]} -ge 5 ] || { echo "screenshots: the demo has fewer than 5 active delegates speaking $language" >&2; exit 1; }
  # The first is only scanned and searched, never checked in, so it serves both.
  scanned="$(code_of "${refs[0]}")"
  searched_name="$(family_of "${refs[0]}")"
  printed="$(code_of "${refs[1]}")"
  cancelled="$(code_of "${refs[2]}")"
  unprintable="$(code_of "${refs[3]}")"
  walk_in_name="$(family_of "${refs[4]}")"
  cli delegate cancel "$(id_of "${refs[2]}")" >/dev/null

  shot "$language" welcome welcome
  shot "$language" welcome-printer-offline welcome --printer lanyard-no-such-queue
  shot "$language" search search --find "$searched_name"
  shot "$language" proof proof --find "$searched_name" --confirm
  shot "$language" confirm confirm --find "$searched_name"
  shot "$language" done done --scan "$printed" --confirm
  shot "$language" problem-already-checked-in problem --scan "$printed" --confirm
  shot "$language" problem-cancelled problem --scan "$cancelled"
  shot "$language" problem-unknown-code problem --scan "NOT-A-BADGE-OR-TICKET-CODE-OF-THIS-EVENT"
  shot "$language" problem-scan-again problem --scan "${scanned:0:60}"
  shot "$language" problem-forged-code problem --scan "${scanned:0:100}AAAAAAAAAAAAAAAAAAAA"
  shot "$language" problem-printer-failed problem --printer lanyard-no-such-queue --scan "$unprintable" --confirm
  shot "$language" door-welcome welcome --session 3
  shot "$language" door-outside-time-window problem --session 3 --scan "$scanned"
  # What a room's door shows depends on the day: the demo's sessions are on 12 and 13 May 2026.
  shot "$language" room-door welcome --room "Mirror Hall"
  shot "$language" room-door-scan problem --room "Mirror Hall" --scan "$scanned"
  shot "$language" room-door-unknown-room welcome --room "Room 9.99"
  shot "$language" staff-pin-wrong staff-pin --staff-pin-file "$work/wrong-staff-pin"
  shot "$language" staff-search staff --staff-pin-file "$work/staff-pin" --find "$walk_in_name"
  shot "$language" staff-person staff-person --staff-pin-file "$work/staff-pin" --find "$walk_in_name"
  shot "$language" staff-printed staff-printed --staff-pin-file "$work/staff-pin" --find "$walk_in_name" --confirm
done
