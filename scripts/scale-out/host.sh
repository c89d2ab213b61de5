#!/usr/bin/env bash
# Faults at a moment of your choosing, for a scale-out demo running in another terminal
# (`sudo scripts/scale-out/demo.sh --manual`):
#
#   sudo scripts/scale-out/host.sh remove w1    kill -9 every process of the host, cut its link
#   sudo scripts/scale-out/host.sh cut w2       link down (a partition: its processes keep running)
#   sudo scripts/scale-out/host.sh heal w2      link up again
#   sudo scripts/scale-out/host.sh list         the hosts, their addresses and link states
#
# Hosts: temporal, client, client2, w1, w2, w3. With several demos running, say which: --id <id>.
set -euo pipefail
id=""
if [ "${1:-}" = "--id" ]; then id="$2"; shift 2; fi
action="${1:-list}"
host="${2:-}"
[ "$(id -u)" -eq 0 ] || { echo "host.sh: needs root (sudo $0 $*)" >&2; exit 77; }
if [ -z "$id" ]; then
  ids="$(ip netns list | sed -n 's/^da-\([0-9a-f]\{4\}\)-.*/\1/p' | sort -u)"
  [ -n "$ids" ] || { echo "host.sh: no scale-out demo is running" >&2; exit 1; }
  [ "$(echo "$ids" | wc -l)" -eq 1 ] || { echo "host.sh: several demos run ($(echo $ids)); say --id <id>" >&2; exit 2; }
  id="$ids"
fi
namespace="da-$id-$host"
link="da$id$host"
need_host() {
  [ -n "$host" ] || { echo "host.sh: which host? (host.sh list)" >&2; exit 2; }
  ip netns list | grep -q "^$namespace\b" || { echo "host.sh: no host $host in demo $id" >&2; exit 2; }
}
case "$action" in
list)
  for ns in $(ip netns list | cut -d' ' -f1 | grep "^da-$id-" | sort); do
    name="${ns#da-"$id"-}"
    address="$(ip -n "$ns" -4 -o addr show eth0 2>/dev/null | awk '{print $4}')"
    state="$(ip -o link show "da$id$name" 2>/dev/null | grep -o 'state [A-Z]*' | cut -d' ' -f2)"
    printf '%-8s %-18s link %-5s processes %s\n' "$name" "$address" "${state:-gone}" "$(ip netns pids "$ns" | wc -l)"
  done
  ;;
remove)
  need_host
  pids="$(ip netns pids "$namespace")"
  [ -n "$pids" ] && kill -KILL $pids
  ip link set "$link" down
  echo "$(date +%T) host $host removed: $(echo "$pids" | wc -w) process(es) killed, link cut"
  ;;
cut)
  need_host
  ip link set "$link" down
  echo "$(date +%T) host $host partitioned (link down)"
  ;;
heal)
  need_host
  ip link set "$link" up
  echo "$(date +%T) host $host healed (link up)"
  ;;
*) echo "host.sh: unknown action $action (remove, cut, heal, list)" >&2; exit 2 ;;
esac
