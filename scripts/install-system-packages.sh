#!/usr/bin/env bash
# Installs, from Debian's apt, the real WebDAV servers, litmus and Chromium that the test suite
# runs against. Packages already present are left as they are, so a second run only checks.
# Installing needs root (no sudo is assumed): as another user it names what is missing and fails.
set -euo pipefail
packages=(apache2 apache2-utils litmus chromium lighttpd lighttpd-mod-webdav nginx-light libnginx-mod-http-dav-ext rclone radicale)
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null | awk '/ install ok installed$/ { print $1 }' || true)
missing=()
for p in "${packages[@]}"; do
  grep -qx "$p" <<<"$installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system packages: missing ${missing[*]}, and this is not a Debian-like system (no apt-get): install them with the system's package manager" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "system packages: missing ${missing[*]}; installing them needs root: run 'bash scripts/install-system-packages.sh' as root" >&2
  exit 1
fi
echo "system packages: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
# The packages' own services are not wanted: tests start their own instances on loopback.
for s in apache2 lighttpd nginx radicale; do
  (service "$s" stop || true) >/dev/null 2>&1
done
