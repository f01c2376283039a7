#!/usr/bin/env bash
# Installs, from Debian's apt, the real WebDAV servers, litmus and Chromium that the test suite
# runs against. Needs root. Packages already present are left as they are.
set -euo pipefail
packages=(apache2 apache2-utils litmus chromium lighttpd lighttpd-mod-webdav nginx-light libnginx-mod-http-dav-ext rclone radicale)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present" >&2
  exit 0
fi
echo "system packages: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
# The packages' own services are not wanted: tests start their own instances on loopback.
for s in apache2 lighttpd nginx radicale; do
  (service "$s" stop || true) >/dev/null 2>&1
done
