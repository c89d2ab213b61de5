import { readFileSync } from 'node:fs';
import os from 'node:os';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system, all threads) a process has used so far; undefined once it is gone. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Resident memory of a process in MB, now (`VmRSS`) and at its peak (`VmHWM`). */
export function residentMemory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const read = (key) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
    return { rssMB: read('VmRSS'), peakMB: read('VmHWM') };
  } catch {
    return undefined;
  }
}

/** Samples the RSS of `pid` every `intervalMs`; `stop()` returns the largest sample in MB. */
export function sampleMemory(pid, intervalMs = 200) {
  let largest = 0;
  const sample = () => {
    largest = Math.max(largest, residentMemory(pid)?.rssMB ?? 0);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return largest;
    },
  };
}

/** CPU use of some processes between `start` and `stop`, in CPU seconds and in % of one core. */
export function measureCpu(processes) {
  const startedAt = performance.now();
  const before = Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, cpuSeconds(pid)]));
  return {
    stop() {
      const seconds = (performance.now() - startedAt) / 1000;
      return Object.fromEntries(
        Object.entries(processes).map(([name, pid]) => {
          const used = (cpuSeconds(pid) ?? before[name]) - before[name];
          return [
            name,
            { cpuSeconds: Number(used.toFixed(2)), percentOfCore: Math.round((100 * used) / seconds) },
          ];
        }),
      );
    },
  };
}

/** The machine a result was measured on, and how busy it was. */
export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg().map((value) => Number(value.toFixed(2))),
  };
}
