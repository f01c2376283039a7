# Puts Node >= 22 and pnpm 12 on PATH. Source it: `source scripts/toolchain.sh`.
# When the node on PATH is older than 22, Node 24 and pnpm 12 are installed from the npm
# registry into a private prefix (never over the system's node) and put first on PATH.
davkit_toolchain_dir="${DAVKIT_TOOLCHAIN_DIR:-$HOME/.cache/davkit/toolchain}"
davkit_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(davkit_node_major)" -lt 22 ] || ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null | cut -d. -f1)" != 12 ]; then
  if [ ! -x "$davkit_toolchain_dir/node_modules/.bin/node" ] || [ ! -x "$davkit_toolchain_dir/node_modules/.bin/pnpm" ]; then
    echo "toolchain: installing node@24 and pnpm@12 into $davkit_toolchain_dir" >&2
    mkdir -p "$davkit_toolchain_dir"
    npm install --loglevel=error --no-audit --no-fund --prefix "$davkit_toolchain_dir" node@24 pnpm@12 >&2
  fi
  export PATH="$davkit_toolchain_dir/node_modules/.bin:$PATH"
fi
echo "toolchain: node $(node --version), pnpm $(pnpm --version)" >&2
