#!/usr/bin/env bash
# Lanyard quick start on Debian 12, as root (or with sudo), from a fresh clone.
#
#   deploy/quickstart.sh demo    install what is missing, build, and serve the demo event
#   deploy/quickstart.sh test    install what is missing, build, and run every test
#   deploy/quickstart.sh build   install what is missing and build
#   deploy/quickstart.sh bench   install what is missing, build, and run lanyard-bench (a few
#                                minutes): a table on stdout and build/bench.json
#
# Idempotent: a second run installs nothing and rebuilds only what changed.
set -euo pipefail

cd "$(dirname "$0")/.."

# Debian packages the build, the tests and the demo need.
packages=(
  cmake ninja-build g++ pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler grpc-proto
  libsqlite3-dev sqlite3
  libicu-dev libssl-dev openssl libxlsxwriter-dev unzip
  libgtest-dev libgmock-dev libbenchmark-dev
  tzdata ca-certificates
  qt6-base-dev qt6-declarative-dev qt6-tools-dev qt6-l10n-tools libqt6printsupport6
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-window qml6-module-qtquick-templates qml6-module-qtqml
  qml6-module-qtqml-workerscript qml6-module-qtqml-models qml6-module-qttest
  qml6-module-qtquick-virtualkeyboard qt6-virtualkeyboard-plugin qml6-module-qt-labs-folderlistmodel
  libqrencode-dev fonts-dejavu-core fonts-noto-core poppler-utils zxing-cpp-tools
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

build() {
  install_missing
  cmake --preset default >/dev/null
  cmake --build --preset default
}

case "${1:-}" in
  build)
    build
    ;;
  test)
    build
    ctest --preset default
    ;;
  bench)
    build
    exec build/tests/bench/lanyard-bench --json build/bench.json "${@:2}"
    ;;
  demo)
    build
    exec build/server/lanyard-server demo --db "${LANYARD_DEMO_DB:-build/lanyard-demo.db}" \
      --listen "${LANYARD_LISTEN:-127.0.0.1:50051}"
    ;;
  *)
    echo "usage: deploy/quickstart.sh demo|test|build|bench [lanyard-bench flags]" >&2
    exit 2
    ;;
esac
