/** `0:07`, `5:00`, `1:02:03` — a wait's elapsed time and its limit. */
export function formatClock(milliseconds: number): string {
  const totalSeconds = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** `42s`, `3m 05s`, `2h 10m` — an uptime. */
export function formatUptime(milliseconds: number): string {
  const totalSeconds = Math.max(0, Math.floor(milliseconds / 1000));
  if (totalSeconds < 60) return `${totalSeconds}s`;
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes}m ${String(totalSeconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** `14:03:27` — a timeline entry's time of day. */
export function formatTimeOfDay(iso: string): string {
  return new Date(iso).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
}

/** `Today`, `Yesterday`, or a short date — for the conversation list. */
export function formatDay(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  if (date.getTime() >= startOfToday)
    return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  if (date.getTime() >= startOfToday - 86_400_000) return 'Yesterday';
  return date.toLocaleDateString([], { month: 'short', day: 'numeric' });
}

/** `Today 08:00:00`, `Tomorrow 08:00:00`, `Yesterday 14:03:27`, `Dec 9 08:00:00` — when a run was or will be. */
export function formatMoment(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const daysFromToday = Math.floor((date.getTime() - startOfToday) / 86_400_000);
  const day =
    daysFromToday === 0
      ? 'Today'
      : daysFromToday === 1
        ? 'Tomorrow'
        : daysFromToday === -1
          ? 'Yesterday'
          : date.toLocaleDateString([], { month: 'short', day: 'numeric' });
  return `${day} ${formatTimeOfDay(iso)}`;
}
