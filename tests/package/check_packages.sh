#!/usr/bin/env bash
# The Debian packages (deploy/packaging.cmake), made from a built tree and checked as an
# administrator would meet them:
#   1. cpack makes them into a temporary folder;
#   2. dpkg-deb: each holds exactly its files, with their modes and owners, its conffile, and
#      declares its dependencies; lintian finds no error;
#   3. dpkg --root installs both into an empty root (its maintainer scripts run on this machine,
#      on that root): the users and groups, the data folders, the config files' owners and modes,
#      and the units (systemd-analyze verify) are as docs/venue.md says; the installed server
#      serves its demo, and the installed CLI, kiosk and dashboard reach it;
#   4. remove keeps the config and the data, purge deletes them and leaves nothing behind.
# Every failed check is named; the script fails if any did.
#
#   tests/package/check_packages.sh BUILD_DIR VERSION [kiosk]
# VERSION is the project's (CMake project()); `kiosk` when the build has the kiosk (and so the
# lanyard-kiosk package). Runs as root (dpkg --root, chown); needs dpkg-dev, lintian and systemd.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 BUILD_DIR VERSION [kiosk]" >&2
  exit 2
fi
# dpkg --root and the owners it sets need root; elsewhere the test is skipped (ctest's code 77).
if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: the package test runs as root only"
  exit 77
fi
build="$(cd "$1" && pwd)"
version="$2-1"
with_kiosk="${3:-}"
arch="$(dpkg --print-architecture)"
source_dir="$(cd "$(dirname "$0")/../.." && pwd)"

tmp="$(mktemp -d -t lanyard-package-test.XXXXXX)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
# ctest's timeout sends SIGTERM: the temporary folder and the server go then too.
trap 'exit 1' INT TERM

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
step() {
  echo "== $* ($SECONDS s)"
}
# Stops here: the checks after this one would only repeat its failure.
die() {
  echo "FAIL: $*" >&2
  exit 1
}

packages=(lanyard-server)
if [ "$with_kiosk" = kiosk ]; then packages+=(lanyard-kiosk); fi
deb() {
  echo "$tmp/out/${1}_${version}_$arch.deb"
}

step "cpack into $tmp/out"
if ! cpack --config "$build/CPackConfig.cmake" -B "$tmp/out" >"$tmp/cpack.log" 2>&1; then
  cat "$tmp/cpack.log" >&2
  die "cpack could not make the packages"
fi
for package in "${packages[@]}"; do
  [ -f "$(deb "$package")" ] || die "cpack made no $(basename "$(deb "$package")"); it made: $(cd "$tmp/out" && ls ./*.deb)"
done

# --- What each package holds and declares --------------------------------------------------------

# expect_contents PACKAGE: its files (mode, owner, path), one a line on stdin, are exactly these.
expect_contents() {
  local actual
  actual="$(dpkg-deb --contents "$(deb "$1")" | awk '$1 !~ /^d/ { print $1, $2, $6 }' | sort)"
  if ! diff -u <(sort) <(echo "$actual") >"$tmp/contents.diff"; then
    fail "$1 does not hold what it should (- missing or different, + unexpected):"
    sed -n '3,$p' "$tmp/contents.diff" | grep '^[-+]' >&2
  fi
  local dirs
  dirs="$(dpkg-deb --contents "$(deb "$1")" | awk '$1 ~ /^d/ && ($1 != "drwxr-xr-x" || $2 != "root/root") { print $1, $2, $6 }')"
  if [ -n "$dirs" ]; then fail "$1 has folders that are not root's, 0755: $dirs"; fi
}

# expect_field PACKAGE FIELD VALUE
expect_field() {
  local actual
  actual="$(dpkg-deb --field "$(deb "$1")" "$2")"
  if [ "$actual" != "$3" ]; then fail "$1's $2 is '$actual', not '$3'"; fi
}

# expect_depends PACKAGE DEPENDENCY...: each is among the package's Depends (by name).
expect_depends() {
  local package="$1" depends dependency
  shift
  depends="$(dpkg-deb --field "$(deb "$package")" Depends | sed 's/[,|]/\n/g' | sed 's/(.*//; s/ //g')"
  for dependency in "$@"; do
    if ! grep -qx -- "$dependency" <<<"$depends"; then
      fail "$package does not depend on $dependency; its Depends: $(dpkg-deb --field "$(deb "$package")" Depends)"
    fi
  done
}

# expect_control PACKAGE MEMBER: the control member (conffiles, postinst...) as on stdin.
expect_control() {
  local expected actual
  expected="$(cat)"
  actual="$(dpkg-deb --info "$(deb "$1")" "$2" 2>&1)" || true
  if [ "$actual" != "$expected" ]; then fail "$1's $2 is not as it should be: $actual"; fi
}

# expect_scripts PACKAGE COMPONENT: its maintainer scripts are deploy/debian/COMPONENT's.
expect_scripts() {
  local script
  for script in postinst prerm postrm; do
    cmp -s <(dpkg-deb --info "$(deb "$1")" "$script") "$source_dir/deploy/debian/$2/$script" ||
      fail "$1's $script is not deploy/debian/$2/$script"
  done
}

step "dpkg-deb: contents, fields, dependencies"
expect_contents lanyard-server <<EOF
-rw-r----- root/root ./etc/lanyard/lanyard.conf
-rw-r--r-- root/root ./lib/systemd/system/lanyard-server.service
-rw-r--r-- root/root ./usr/share/doc/lanyard-server/changelog.Debian.gz
-rw-r--r-- root/root ./usr/share/doc/lanyard-server/changelog.gz
-rw-r--r-- root/root ./usr/share/doc/lanyard-server/copyright
-rw-r--r-- root/root ./usr/share/lintian/overrides/lanyard-server
-rw-r--r-- root/root ./usr/share/lanyard/demo/delegates.csv
-rw-r--r-- root/root ./usr/share/lanyard/demo/sessions.csv
-rwxr-xr-x root/root ./usr/bin/lanyard
-rwxr-xr-x root/root ./usr/bin/lanyard-server
EOF
expect_field lanyard-server Package lanyard-server
expect_field lanyard-server Version "$version"
expect_field lanyard-server Architecture "$arch"
# Library dependencies come from dpkg-shlibdeps: the ones these binaries cannot run without.
expect_depends lanyard-server passwd libc6 libstdc++6 'libgrpc++1.51' libprotobuf32 libsqlite3-0 libpqxx-6.4 \
  libssl3 libxlsxwriter4
expect_control lanyard-server conffiles <<<"/etc/lanyard/lanyard.conf"
expect_scripts lanyard-server server

if [ "$with_kiosk" = kiosk ]; then
  expect_contents lanyard-kiosk <<EOF
-rw-r----- root/root ./etc/lanyard/kiosk.conf
-rw-r--r-- root/root ./lib/systemd/system/lanyard-kiosk.service
-rw-r--r-- root/root ./usr/share/doc/lanyard-kiosk/changelog.Debian.gz
-rw-r--r-- root/root ./usr/share/doc/lanyard-kiosk/changelog.gz
-rw-r--r-- root/root ./usr/share/doc/lanyard-kiosk/copyright
-rw-r--r-- root/root ./usr/share/lintian/overrides/lanyard-kiosk
-rwxr-xr-x root/root ./usr/bin/lanyard-dashboard
-rwxr-xr-x root/root ./usr/bin/lanyard-kiosk
EOF
  expect_field lanyard-kiosk Package lanyard-kiosk
  expect_field lanyard-kiosk Version "$version"
  # What is loaded at run time (QML modules, the keyboard, the Wayland plugin, fonts, cage) is
  # declared by hand; the libraries come from dpkg-shlibdeps.
  expect_depends lanyard-kiosk passwd cage qt6-wayland libqt6quick6 libqt6printsupport6 libcups2 libqrencode4 \
    'libgrpc++1.51' qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts \
    qml6-module-qtquick-window qml6-module-qtquick-templates qml6-module-qtqml qml6-module-qtqml-workerscript \
    qml6-module-qtqml-models qml6-module-qtquick-dialogs qml6-module-qt-labs-folderlistmodel \
    qml6-module-qtquick-virtualkeyboard qt6-virtualkeyboard-plugin fonts-noto-core fonts-dejavu-core
  expect_control lanyard-kiosk conffiles <<<"/etc/lanyard/kiosk.conf"
  expect_scripts lanyard-kiosk kiosk
fi

step "lintian"
debs=()
for package in "${packages[@]}"; do debs+=("$(deb "$package")"); done
# Errors fail; warnings are shown (deploy/debian/*/lintian-overrides hold the justified ones), and
# so is the count of the informational tags. An override that matches nothing fails.
# lintian leaves its ELF databases (mldbm-elf-*) in TMPDIR: ours goes at the end.
mkdir "$tmp/lintian-tmp"
if ! TMPDIR="$tmp/lintian-tmp" lintian --fail-on error --display-info --show-overrides "${debs[@]}" \
  >"$tmp/lintian.log" 2>&1; then
  fail "lintian found errors in the packages (or could not run):"
  grep -v -E '^(I|N|O|W): ' "$tmp/lintian.log" >&2 || true
fi
grep -E '^W: ' "$tmp/lintian.log" || true
echo "lintian: $(grep -c '^O: ' "$tmp/lintian.log") overridden, $(grep -c '^I: ' "$tmp/lintian.log") informational tags"
if grep -q 'unused-override\|mismatched-override' "$tmp/lintian.log"; then
  fail "a lintian override in deploy/debian/*/lintian-overrides matches nothing: remove it"
fi

# --- Installed into an empty root ----------------------------------------------------------------

# What every Debian system has before any package of ours: base-passwd's users and groups (with
# their shadow entries), systemd's units (this machine's, for systemd-analyze verify) and dpkg's
# database, empty.
root="$tmp/root"
mkdir -p "$root/etc" "$root/lib/systemd/system" "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" \
  "$root/var/lib/dpkg/triggers"
cp -a /lib/systemd/system/. "$root/lib/systemd/system/"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
cp /usr/share/base-passwd/passwd.master "$root/etc/passwd"
cp /usr/share/base-passwd/group.master "$root/etc/group"
awk -F: '{ print $1 ":*:19000:0:99999:7:::" }' "$root/etc/passwd" >"$root/etc/shadow"
awk -F: '{ print $1 ":*::" }' "$root/etc/group" >"$root/etc/gshadow"
chmod 0640 "$root/etc/shadow" "$root/etc/gshadow"
cp /etc/login.defs "$root/etc/login.defs"
find "$root" -mindepth 1 | sort >"$tmp/seeded"

# dpkg on the root, its maintainer scripts run here with DPKG_ROOT=$root; the libraries the
# packages depend on are this machine's, not the root's.
dpkg_root() {
  dpkg --root="$root" --log="$tmp/dpkg.log" --force-script-chrootless --force-depends "$@" >>"$tmp/dpkg.out" 2>&1 || {
    cat "$tmp/dpkg.out" >&2
    die "dpkg $* into the root failed"
  }
}

step "dpkg --root: install"
dpkg_root --install "${debs[@]}"
for package in "${packages[@]}"; do
  status="$(dpkg-query --root="$root" -W -f='${Status}' "$package" 2>&1)" || true
  [ "$status" = "install ok installed" ] || fail "$package is '$status' in the root, not installed and configured"
done

# expect_stat PATH "UID GID MODE"
expect_stat() {
  local actual
  actual="$(stat -c '%u %g %a' "$root$1" 2>&1)" || true
  if [ "$actual" != "$2" ]; then fail "$1 is '$actual' (uid gid mode), not '$2'"; fi
}

# check_user NAME HOME: the system user and its own group exist in the root; prints "UID GID".
check_user() {
  local entry group uid gid
  entry="$(grep "^$1:" "$root/etc/passwd")" || { fail "no user $1 in the root's /etc/passwd"; echo "x x"; return; }
  group="$(grep "^$1:" "$root/etc/group")" || { fail "no group $1 in the root's /etc/group"; echo "x x"; return; }
  IFS=: read -r _ _ uid gid _ <<<"$entry"
  if [ "$gid" != "$(cut -d: -f3 <<<"$group")" ]; then fail "user $1's group is $gid, not group $1"; fi
  if [ "$uid" -ge 1000 ]; then fail "user $1 is uid $uid: not a system user"; fi
  if [ "$(cut -d: -f6,7 <<<"$entry")" != "$2:/usr/sbin/nologin" ]; then
    fail "user $1 is '$entry': home should be $2 and shell /usr/sbin/nologin"
  fi
  grep -q "^$1:" "$root/etc/shadow" || fail "user $1 has no entry in the root's /etc/shadow"
  echo "$uid $gid"
}

step "in the root: users, folders, config files"
read -r uid gid < <(check_user lanyard /var/lib/lanyard)
expect_stat /var/lib/lanyard "$uid $gid 700"
expect_stat /etc/lanyard/lanyard.conf "0 $gid 640"
expect_stat /etc/lanyard "0 0 755"
if [ "$with_kiosk" = kiosk ]; then
  read -r kiosk_uid kiosk_gid < <(check_user lanyard-kiosk /var/lib/lanyard-kiosk)
  expect_stat /var/lib/lanyard-kiosk "$kiosk_uid $kiosk_gid 700"
  expect_stat /etc/lanyard/kiosk.conf "0 $kiosk_gid 640"
  # cage needs the screen: base-passwd has video (render and input come with udev, lpadmin with cups).
  grep -q '^video:.*[:,]lanyard-kiosk\(,\|$\)' "$root/etc/group" ||
    fail "lanyard-kiosk is not in the video group: $(grep '^video:' "$root/etc/group")"
fi

step "in the root: the units"
units=(lanyard-server.service)
if [ "$with_kiosk" = kiosk ]; then units+=(lanyard-kiosk.service); fi
for unit in "${units[@]}"; do
  file="$root/lib/systemd/system/$unit"
  [ -f "$file" ] || { fail "no $unit in the root's /lib/systemd/system"; continue; }
  # Installed disabled: the administrator enables it once the config is right.
  if [ -n "$(find "$root/etc/systemd" -name "$unit" 2>/dev/null)" ]; then
    fail "$unit is enabled after install: $(find "$root/etc/systemd" -name "$unit")"
  fi
done
# The units as this machine's systemd reads them. verify loads a unit as systemd would, in the root
# (an unknown directive, a bad value, a binary that is not there are reported); it needs no running
# systemd. cage is not in the root (a dependency, not installed there): that line is expected.
if command -v systemd-analyze >/dev/null; then
  for unit in "${units[@]}"; do
    systemd-analyze verify --root="$root" "/lib/systemd/system/$unit" >"$tmp/verify.log" 2>&1 || true
    unexpected="$(grep -v -e "^lanyard-kiosk.service: Command /usr/bin/cage is not executable" "$tmp/verify.log" || true)"
    if [ -n "$unexpected" ]; then
      fail "systemd-analyze verify $unit says:"
      echo "$unexpected" >&2
    fi
  done
  # Every hardening directive is one this systemd knows and applies (security lists each).
  systemd-analyze security --offline=true --root="$root" /lib/systemd/system/lanyard-server.service \
    >"$tmp/security.log" 2>&1 || true
  tail -n 1 "$tmp/security.log"
  for setting in PrivateDevices ProtectSystem ProtectHome PrivateTmp NoNewPrivileges ProtectKernelTunables \
    ProtectKernelModules ProtectKernelLogs ProtectControlGroups RestrictNamespaces LockPersonality \
    MemoryDenyWriteExecute SystemCallFilter CapabilityBoundingSet RestrictAddressFamilies UMask; do
    if ! grep -q "^✓ $setting\b\|^✓ $setting=" "$tmp/security.log"; then
      fail "systemd-analyze security does not count $setting as applied:"
      grep "$setting" "$tmp/security.log" >&2 || true
    fi
  done
else
  fail "systemd-analyze is not installed (package systemd): the units cannot be verified"
fi

step "in the root: the binaries run"
for binary in lanyard-server lanyard; do
  "$root/usr/bin/$binary" --help >"$tmp/help.log" 2>&1 || fail "$binary --help failed: $(cat "$tmp/help.log")"
done
# The installed server serves the demo event, and the installed CLI, kiosk and dashboard reach it;
# the kiosk and the dashboard load their UI (QML, translations and badge template are in their
# resources). All run from the temporary folder, so that nothing of the build tree is near. The
# server is started by PID and stopped by it.
(cd "$tmp" && exec "$root/usr/bin/lanyard-server" demo --db "$tmp/demo.db" --listen 127.0.0.1:0 >"$tmp/demo.log" 2>&1) &
server_pid=$!
address=""
for _ in $(seq 300); do
  address="$(sed -n 's/^listening on \(127.0.0.1:[0-9]*\)$/\1/p' "$tmp/demo.log" 2>/dev/null || true)"
  [ -n "$address" ] && break
  sleep 0.1
done
if [ -z "$address" ]; then
  fail "the installed lanyard-server demo did not listen: $(cat "$tmp/demo.log")"
else
  token() {
    awk -v name="$1" '$1 == name { print $2 }' "$tmp/demo.db.tokens"
  }
  if ! (cd "$tmp" && "$root/usr/bin/lanyard" --server "$address" --token "$(token organiser)" event) >"$tmp/cli.log" 2>&1 ||
    ! grep -q "Integrating Cities" "$tmp/cli.log"; then
    fail "the installed lanyard event did not show the demo event: $(cat "$tmp/cli.log")"
  fi
  # A self-test exits 0 and says "self-test ok" once its UI has loaded and shows the event.
  self_test() {
    local app="$1" log="$tmp/$1.log"
    shift
    if ! (cd "$tmp" && QT_QPA_PLATFORM=offscreen HOME="$tmp" "$root/usr/bin/$app" --server "$address" "$@" \
      --self-test) >"$log" 2>&1 || ! grep -q "self-test ok" "$log"; then
      fail "the installed $app --self-test failed: $(cat "$log")"
    fi
  }
  if [ "$with_kiosk" = kiosk ]; then
    self_test lanyard-kiosk --token "$(token kiosk-entrance-1)" --pdf-dir "$tmp/badges" --data-dir "$tmp/kiosk-data"
    self_test lanyard-dashboard --token "$(token organiser)"
    tail -q -n 1 "$tmp/lanyard-kiosk.log" "$tmp/lanyard-dashboard.log"
  fi
fi
kill "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
server_pid=""

# --- Removed, then purged ------------------------------------------------------------------------

step "dpkg --root: remove"
dpkg_root --remove "${packages[@]}"
for path in /usr/bin/lanyard-server /usr/bin/lanyard /lib/systemd/system/lanyard-server.service; do
  [ ! -e "$root$path" ] || fail "$path is still there after remove"
done
# remove keeps what the administrator made: the config and the event's data.
expect_stat /etc/lanyard/lanyard.conf "0 $gid 640"
expect_stat /var/lib/lanyard "$uid $gid 700"
if [ "$with_kiosk" = kiosk ]; then
  [ ! -e "$root/usr/bin/lanyard-kiosk" ] || fail "/usr/bin/lanyard-kiosk is still there after remove"
  expect_stat /etc/lanyard/kiosk.conf "0 $kiosk_gid 640"
  expect_stat /var/lib/lanyard-kiosk "$kiosk_uid $kiosk_gid 700"
fi

step "dpkg --root: purge"
dpkg_root --purge "${packages[@]}"
for path in /etc/lanyard /var/lib/lanyard /var/lib/lanyard-kiosk; do
  [ ! -e "$root$path" ] || fail "$path is still there after purge"
done
if grep -q lanyard "$root/var/lib/dpkg/statoverride" 2>/dev/null; then
  fail "stat overrides left after purge: $(cat "$root/var/lib/dpkg/statoverride")"
fi
# Nothing else is left but dpkg's own records, empty folders, and the users and groups (kept, as
# Debian keeps system users, with the backups useradd makes of the files it changes).
left="$(find "$root" -mindepth 1 ! -type d ! -path "$root/var/lib/dpkg/*" |
  grep -vxF -f "$tmp/seeded" | grep -vE "^$root/etc/(passwd|group|shadow|gshadow)-$" || true)"
if [ -n "$left" ]; then
  fail "purge left these behind:"
  echo "$left" >&2
fi
grep -q '^lanyard:' "$root/etc/passwd" || fail "purge removed the lanyard user (Debian keeps system users)"

step "done"
if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "the packages build, pass lintian, install, run, and remove and purge cleanly"
