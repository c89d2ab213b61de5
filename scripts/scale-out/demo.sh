#!/usr/bin/env bash
# Scale out on one machine: Linux network namespaces as hosts, joined by veth pairs to a bridge in a
# private subnet this script owns. Host "temporal" runs the dev server, reachable only on the subnet;
# each worker host runs `durable-agent worker` (with its own hostname, so worker identities name the
# host); client hosts run the agent. The namespaces have no route but the subnet's, and the root
# namespace has no address on the bridge: nothing else is contacted, and nothing else can reach in.
# (Why Temporal has a host of its own rather than the bridge address: the dev server bound to an address
# other than localhost or 0.0.0.0 still dials its internal services on 127.0.0.1 and breaks — with other
# dev servers on the machine it even reaches theirs. Inside its namespace it binds 0.0.0.0, which there
# means the subnet only.)
#
#   sudo scripts/scale-out/demo.sh [--runs 30] [--workers 3] [--tls] [--manual] [--summary FILE] [--logs DIR]
#
# scenario.ts then streams the runs across the worker hosts, removes one worker host mid-answer (kill -9
# of its processes, link cut), partitions another (link down, healed later), loses the client host and
# attaches from a second one; it checks every run against Temporal and prints runs per host and recovery
# times. --tls puts scripts/scale-out/tls-proxy.sh (nginx: TLS, mTLS client certificate, API key) in
# front of Temporal, on the bridge, and every host connects through it. --manual injects no fault: the
# answers last about 30 s and you cut hosts yourself with scripts/scale-out/host.sh (remove, cut, heal).
#
# Everything is removed on exit, also after a failure or Ctrl+C: processes, namespaces, links, files.
# Exit codes: 0 passed, 1 a check failed, 2 bad options, 77 cannot run here (not root, no `ip netns`).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

runs=30
workers=3
tls=false
manual=false
summary=""
keep_logs=""
while [ $# -gt 0 ]; do
  case "$1" in
  --runs) runs="$2"; shift 2 ;;
  --workers) workers="$2"; shift 2 ;;
  --tls) tls=true; shift ;;
  --manual) manual=true; shift ;;
  --summary) summary="$2"; shift 2 ;;
  --logs) keep_logs="$2"; shift 2 ;;
  -h | --help) sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "scale-out: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$runs" =~ ^[0-9]+$ && "$runs" -ge 3 ]] || { echo "scale-out: --runs must be 3 or more" >&2; exit 2; }
[[ "$workers" =~ ^[2-5]$ ]] || { echo "scale-out: --workers must be 2 to 5" >&2; exit 2; }

if [ "$(id -u)" -ne 0 ]; then
  echo "scale-out: SKIPPED — needs root to create network namespaces (run: sudo $0)" >&2
  exit 77
fi
if ! ip netns list >/dev/null 2>&1; then
  echo "scale-out: SKIPPED — \`ip netns\` is unavailable here (iproute2 without netns support?)" >&2
  exit 77
fi
node="$(command -v node || true)"
[ -n "$node" ] || { echo "scale-out: node is not on PATH (Node 22: source scripts/ensure-node.sh)" >&2; exit 2; }
temporal="${TEMPORAL_CLI_PATH:-$(command -v temporal || echo "$HOME/.cache/durable-agent/bin/temporal")}"
[ -x "$temporal" ] || { echo "scale-out: the Temporal CLI is missing (bash scripts/ensure-temporal.sh)" >&2; exit 2; }
[ -f "$repo/packages/agent/dist/index.js" ] || { echo "scale-out: build the library first: npm run build:lib" >&2; exit 2; }

id="$(printf '%04x' $((RANDOM % 65536)))"
prefix="da-$id-"
bridge="da${id}br"
subnet=""
for _ in $(seq 1 50); do
  candidate="10.213.$((RANDOM % 250 + 1))"
  if ! ip -4 route | grep -q "^$candidate\." && ! ip -4 addr | grep -q " $candidate\."; then subnet="$candidate"; break; fi
done
[ -n "$subnet" ] || { echo "scale-out: no free /24 in 10.213.0.0/16" >&2; exit 1; }
hosts=(temporal client client2)
for i in $(seq 1 "$workers"); do hosts+=("w$i"); done
run_dir="$(mktemp -d "${TMPDIR:-/tmp}/scale-out.$id.XXXXXX")"
background_pids=()

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  set +e
  for host in "${hosts[@]}"; do
    local pids
    pids="$(ip netns pids "$prefix$host" 2>/dev/null)"
    [ -n "$pids" ] && kill -KILL $pids 2>/dev/null
  done
  for pid in "${background_pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${background_pids[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  for host in "${hosts[@]}"; do ip link del "da$id$host" 2>/dev/null; ip netns del "$prefix$host" 2>/dev/null; done
  ip link del "$bridge" 2>/dev/null
  local left=""
  ip netns list 2>/dev/null | grep -q "^$prefix" && left+=" namespaces:$(ip netns list | grep "^$prefix" | cut -d' ' -f1 | tr '\n' ' ')"
  ip -o link show 2>/dev/null | grep -q "da$id" && left+=" links:$(ip -o link show | grep "da$id" | cut -d: -f2 | tr '\n' ' ')"
  for pid in "${background_pids[@]}"; do kill -0 "$pid" 2>/dev/null && left+=" process:$pid"; done
  if [ "$status" -ne 0 ] && [ -d "$run_dir" ]; then
    for log in "$run_dir"/temporal.log "$run_dir"/tls-proxy.log "$run_dir"/worker-*.log "$run_dir"/client*.log; do
      [ -f "$log" ] && { echo "----- $(basename "$log") (last lines)"; tail -n 12 "$log" | cut -c1-300; }
    done >&2
  fi
  if [ -n "$keep_logs" ]; then mkdir -p "$keep_logs" && cp "$run_dir"/*.log "$keep_logs"/ 2>/dev/null; fi
  rm -rf "$run_dir"
  if [ -n "$left" ]; then
    echo "scale-out: cleanup LEFT BEHIND:$left" >&2
    [ "$status" -eq 0 ] && status=1
  else
    echo "scale-out: cleaned up — no namespace, interface or process of this run is left (id $id, $subnet.0/24)"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "scale-out: hosts ${hosts[*]} on bridge $bridge, $subnet.0/24 (id $id)"
ip link add "$bridge" type bridge
ip link set "$bridge" up
number=2
for host in "${hosts[@]}"; do
  ns="$prefix$host"
  ip netns add "$ns"
  ip link add "da$id$host" type veth peer name eth0 netns "$ns"
  ip link set "da$id$host" master "$bridge" up
  ip -n "$ns" addr add "$subnet.$number/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" link set lo up
  number=$((number + 1))
done

temporal_address="$subnet.2:7233"
in_host() { local host="$1"; shift; ip netns exec "$prefix$host" "$@"; }
address="$temporal_address"
if [ "$tls" = false ]; then
  # The dev server in memory (gRPC 7233, HTTP 7234, no UI); 0.0.0.0 inside host "temporal" = the subnet.
  in_host temporal "$temporal" server start-dev --headless --ip 0.0.0.0 --port 7233 --http-port 7234 \
    --log-level warn >"$run_dir/temporal.log" 2>&1 &
  background_pids+=($!)
else
  # TLS: the dev server listens on the host's loopback only; the subnet reaches it through the proxy.
  in_host temporal "$temporal" server start-dev --headless --ip 127.0.0.1 --port 7233 --http-port 7234 \
    --log-level warn >"$run_dir/temporal.log" 2>&1 &
  background_pids+=($!)
  bash "$here/make-certs.sh" "$run_dir/certs" >/dev/null
  address="$subnet.2:7443"
  in_host temporal bash "$here/tls-proxy.sh" "$run_dir/certs" "0.0.0.0:7443" 127.0.0.1:7233 scale-out-key \
    >"$run_dir/tls-proxy.log" 2>&1 &
  background_pids+=($!)
fi
for _ in $(seq 1 150); do
  if ip netns exec "${prefix}client" timeout 1 bash -c "</dev/tcp/${address%:*}/${address##*:}" 2>/dev/null; then break; fi
  sleep 0.2
done
echo "scale-out: Temporal in host temporal at $address$([ "$tls" = true ] && echo " (nginx: TLS, mTLS, API key)")"

export SCALE_OUT_ID="$id" SCALE_OUT_PREFIX="$prefix" SCALE_OUT_RUN_DIR="$run_dir" SCALE_OUT_WORKERS="$workers"
export SCALE_OUT_RUNS="$runs" SCALE_OUT_SUMMARY="$summary"
export TEMPORAL_ADDRESS="$address" TEMPORAL_NAMESPACE=default AGENT_TASK_QUEUE="scale-out-$id"
# WARN: a worker says when Temporal refuses its late writes ("Activity not found on completion").
export DURABLE_AGENT_SDK_LOG_LEVEL=WARN
unset OPENAI_BASE_URL OPENAI_API_KEY OPENAI_MODEL TEMPORAL_API_KEY TEMPORAL_TLS TEMPORAL_TLS_CERT TEMPORAL_TLS_KEY \
  TEMPORAL_TLS_CA TEMPORAL_TLS_SERVER_NAME
if [ "$tls" = true ]; then
  export TEMPORAL_API_KEY=scale-out-key TEMPORAL_TLS_CA="$run_dir/certs/ca.pem" \
    TEMPORAL_TLS_CERT="$run_dir/certs/client.pem" TEMPORAL_TLS_KEY="$run_dir/certs/client.key" \
    TEMPORAL_TLS_SERVER_NAME=temporal.scale-out.test
fi
cd "$run_dir"
if [ "$manual" = true ]; then
  "$node" "$here/manual-scenario.ts"
else
  "$node" "$here/scenario.ts"
fi
