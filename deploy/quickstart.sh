#!/usr/bin/env bash
# Lanyard quick start on Debian 12, as root (or with sudo), from a fresh clone.
#
#   deploy/quickstart.sh demo    install what is missing, build, and serve the demo event (and,
#                                with a display, open a kiosk against it)
#   deploy/quickstart.sh test    install what is missing, check the format, build, run clang-tidy
#                                over server/ and kiosk/, and run every test and the fuzzers
#   deploy/quickstart.sh lint    install what is missing and check the C++ format (.clang-format)
#   deploy/quickstart.sh tidy    install what is missing, build, and run clang-tidy (.clang-tidy)
#                                over server/ and kiosk/ (about six minutes on two cores); `tidy
#                                all` adds tests/ (about twelve in all)
#   deploy/quickstart.sh fuzz    install what is missing and run the fuzzers (tests/fuzz/run.sh)
#   deploy/quickstart.sh build   install what is missing and build
#   deploy/quickstart.sh bench   install what is missing, build, and run lanyard-bench (about a
#                                quarter of an hour): a table on stdout and build/bench.json;
#                                `bench --scale --plot build/scale.svg` runs the scale curves
#                                to a million delegates instead (docs/performance.md)
#   deploy/quickstart.sh package install what is missing, build, and make the Debian packages
#                                lanyard-server and lanyard-kiosk in build/packages/ (docs/venue.md)
#
# Idempotent: a second run installs nothing and rebuilds only what changed.
set -euo pipefail

cd "$(dirname "$0")/.."

# Debian packages the build, the tests and the demo need.
packages=(
  cmake ninja-build g++ pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler grpc-proto
  libsqlite3-dev sqlite3
  # PostgreSQL: the client library of server/postgres and the server its tests start.
  libpqxx-dev postgresql-15
  libicu-dev libssl-dev openssl libxlsxwriter-dev unzip
  libgtest-dev libgmock-dev libbenchmark-dev
  # The fuzz targets (tests/fuzz) build with clang and its libFuzzer; the format check; clang-tidy.
  clang-14 libclang-rt-14-dev clang-format clang-tidy
  tzdata ca-certificates
  # qt6-declarative-dev-tools: qmllint, which QmlLintTest runs over the apps' QML.
  qt6-base-dev qt6-declarative-dev qt6-declarative-dev-tools qt6-tools-dev qt6-l10n-tools libqt6printsupport6
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-window qml6-module-qtquick-templates qml6-module-qtqml
  qml6-module-qtqml-workerscript qml6-module-qtqml-models qml6-module-qttest
  qml6-module-qtquick-virtualkeyboard qt6-virtualkeyboard-plugin qml6-module-qt-labs-folderlistmodel
  qml6-module-qtquick-dialogs
  libcups2-dev cups printer-driver-cups-pdf
  libqrencode-dev fonts-dejavu-core fonts-noto-core poppler-utils zxing-cpp-tools
  # A real X server and a US-keyboard scanner's key presses through XTEST, for the kiosk's tests.
  xvfb xauth x11-xkb-utils xinput python3 python3-xlib
  # The Debian packages (deploy/packaging.cmake): dpkg-shlibdeps, lintian, and systemd-analyze
  # to verify their units (tests/package).
  dpkg-dev lintian systemd
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing() {
  local missing=()
  for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
      missing+=("$package")
    fi
  done
  # The independent gRPC client test runs on Node.js; use the machine's own if it has one.
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    missing+=(nodejs npm)
  fi
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "quickstart: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# A cups-pdf print queue, so that one kiosk test prints through a real CUPS queue. Starts cupsd
# when nothing runs it (a container without systemd).
setup_test_printer() {
  local queue=lanyard-test-pdf
  if ! lpstat -r 2>/dev/null | grep -q "is running"; then
    as_root cupsd || true
    for _ in $(seq 50); do
      lpstat -r 2>/dev/null | grep -q "is running" && break
      sleep 0.2
    done
  fi
  if ! lpstat -p "$queue" >/dev/null 2>&1; then
    as_root lpadmin -p "$queue" -E -v cups-pdf:/ -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd 2>/dev/null || true
  fi
  if lpstat -p "$queue" >/dev/null 2>&1; then
    export LANYARD_CUPS_PDF_QUEUE="$queue"
    LANYARD_CUPS_PDF_DIR="$(getent passwd "$(id -un)" | cut -d: -f6)/PDF"
    export LANYARD_CUPS_PDF_DIR
  else
    echo "quickstart: no CUPS queue $queue; the real-printer kiosk test will be skipped" >&2
  fi
}

build() {
  install_missing
  cmake --preset default >/dev/null
  cmake --build --preset default
}

# Every C++ file as .clang-format has it; lists those that differ and how to fix them.
lint() {
  local unformatted
  unformatted="$(find server kiosk tests -name '*.cpp' -o -name '*.h' | sort |
    xargs clang-format --dry-run 2>&1 | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: warning: code should be clang-formatted.*/\1/p' | uniq)"
  if [ -n "$unformatted" ]; then
    echo "quickstart: these files differ from .clang-format (run: clang-format -i FILE...):" >&2
    echo "$unformatted" >&2
    return 1
  fi
}

# clang-tidy over every C++ source of server/ and kiosk/ (`tidy all`: and tests/, the fuzz targets
# included), two at a time, with the build's compile commands and generated headers (so after
# build). Prints the findings, then the files that have them, and fails on any.
tidy() {
  local dirs="server kiosk"
  if [ "${1:-}" = all ]; then
    dirs="server kiosk tests"
    # The fuzz targets' compile commands: their CMake project, configured as tests/fuzz/run.sh does.
    CC=clang-14 CXX=clang++-14 cmake -S tests/fuzz -B build-fuzz -G Ninja >/dev/null
  fi
  # One compile command per source: clang-tidy checks a file once per command, and a source can be
  # in several targets (the tests' main is in a dozen). Generated sources (build/) are not listed.
  TIDY_DIRS="$dirs" python3 - <<'EOF'
import json, os
dirs = os.environ["TIDY_DIRS"].split()
entries = {}
for database in ("build/compile_commands.json", "build-fuzz/compile_commands.json"):
    if "tests" not in dirs and database.startswith("build-fuzz"):
        continue
    for entry in json.load(open(database)):
        path = os.path.relpath(os.path.join(entry["directory"], entry["file"]))
        if path.split(os.sep)[0] in dirs:
            entries.setdefault(path, entry)
os.makedirs("build/tidy", exist_ok=True)
with open("build/tidy/compile_commands.json", "w") as out:
    json.dump(list(entries.values()), out, indent=1)
with open("build/tidy/sources", "w") as out:
    out.write("".join(path + "\n" for path in sorted(entries)))
EOF
  # Each source's output goes to a log of its own; clang-tidy exits non-zero on any finding
  # (WarningsAsErrors), and that source is listed in build/tidy/failed.
  rm -rf build/tidy/logs build/tidy/failed
  mkdir -p build/tidy/logs
  local started=$SECONDS
  # shellcheck disable=SC2016 # $1 is the inner shell's
  xargs -P2 -n1 sh -c 'clang-tidy --quiet -p build/tidy "$1" >"build/tidy/logs/$(echo "$1" | tr / _).log" 2>&1 ||
    echo "$1" >>build/tidy/failed' tidy <build/tidy/sources
  echo "quickstart: clang-tidy checked $(wc -l <build/tidy/sources) sources of ${dirs// /, } in $((SECONDS - started)) s"
  [ -s build/tidy/failed ] || return 0
  local source log
  # Each finding once, with its notes and code (a header's shows under every source including it).
  # clang-tidy counts on stderr the warnings it suppressed in library headers: not findings.
  for source in $(sort build/tidy/failed); do echo "build/tidy/logs/$(echo "$source" | tr / _).log"; done |
    xargs awk 'FNR == 1 { show = 1 } /^[^ :]+:[0-9]+:[0-9]+: (warning|error): / { show = !seen[$0]++ }
      show && !/^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$/'
  echo "quickstart: clang-tidy found problems in these files (.clang-tidy; docs/development.md#clang-tidy):" >&2
  for source in $(sort build/tidy/failed); do
    log="build/tidy/logs/$(echo "$source" | tr / _).log"
    # Each finding once (a header's shows under every source that includes it), by the file it is
    # in; a source that failed with none named (a crash) is listed as it is.
    grep -E "^[^ :]+:[0-9]+:[0-9]+: (warning|error): .*\[[a-z0-9.,-]+\]$" "$log" | sed "s|^$PWD/||" | grep . ||
      echo "$source:0:0: clang-tidy failed"
  done | sort -u | sed -E 's/:[0-9]+:[0-9]+: .*//' | sort | uniq -c |
    awk '{ print "  " $2 " (" $1 (($1 == 1) ? " finding)" : " findings)") }' >&2
  return 1
}

# The libFuzzer targets: replays their corpora, then fuzzes each for a few seconds.
fuzz() {
  tests/fuzz/run.sh
}

case "${1:-}" in
  build)
    build
    ;;
  test)
    install_missing
    lint
    build
    tidy
    setup_test_printer
    ctest --preset default
    fuzz
    ;;
  fuzz)
    install_missing
    fuzz
    ;;
  lint)
    install_missing
    lint
    ;;
  tidy)
    if [ -n "${2:-}" ] && [ "$2" != all ]; then
      echo "usage: deploy/quickstart.sh tidy [all]" >&2
      exit 2
    fi
    build
    tidy "${2:-}"
    ;;
  bench)
    build
    exec build/tests/bench/lanyard-bench --json build/bench.json "${@:2}"
    ;;
  package)
    install_missing
    cmake --preset default >/dev/null
    # Only what the packages hold (deploy/packaging.cmake), not the tests.
    cmake --build --preset default --target lanyard-server lanyard lanyard-kiosk lanyard-dashboard
    # Only the packages of this version: an older build's stay out of the list.
    rm -rf build/packages
    cpack --config build/CPackConfig.cmake -B build/packages >build/cpack.log 2>&1 ||
      { cat build/cpack.log >&2; exit 1; }
    rm -rf build/packages/_CPack_Packages
    echo "quickstart: Debian packages (install with apt-get install ./PATH):"
    ls -1 "$PWD"/build/packages/*.deb
    ;;
  demo)
    build
    db="${LANYARD_DEMO_DB:-build/lanyard-demo.db}"
    listen="${LANYARD_LISTEN:-127.0.0.1:50051}"
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ ! -x build/kiosk/lanyard-kiosk ]; then
      exec build/server/lanyard-server demo --db "$db" --listen "$listen"
    fi
    # With a display: the server, and a kiosk against it printing PDF badges into build/badges.
    build/server/lanyard-server demo --db "$db" --listen "$listen" &
    server=$!
    kiosk=""
    trap 'kill "$server" $kiosk 2>/dev/null' EXIT INT TERM
    for _ in $(seq 100); do
      [ -s "$db.tokens" ] && break
      sleep 0.1
    done
    token="$(awk '$1 == "kiosk-entrance-1" { print $2 }' "$db.tokens")"
    build/kiosk/lanyard-kiosk --server "$listen" --token "$token" --pdf-dir build/badges &
    kiosk=$!
    wait "$server"
    ;;
  *)
    echo "usage: deploy/quickstart.sh demo|test|build|package|bench|fuzz|lint|tidy [all] [lanyard-bench flags]" >&2
    exit 2
    ;;
esac
