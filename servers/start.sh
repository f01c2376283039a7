#!/usr/bin/env bash
# Starts one of the test suite's WebDAV servers by hand on 127.0.0.1 and a free port, with a fresh
# temporary data directory, until Ctrl-C: servers/start.sh <apache|lighttpd|nginx|rclone> [--cors] [--depth-infinity]
set -euo pipefail
cd "$(dirname "$0")/.."
exec node --conditions=@davkit/source test/servers/cli.ts "$@"
