import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { readProcess } from './process-table';

/** A process listening on a TCP port, as far as this user can see it. */
export interface PortOwner {
  readonly pid: number;
  readonly command: string;
}

/**
 * Which of this user's processes listens on `port` (Linux: `/proc/net/tcp*` gives the socket's inode,
 * `/proc/<pid>/fd` the process holding it). `undefined` elsewhere, or when another user owns it.
 */
export function findPortOwner(port: number): PortOwner | undefined {
  if (process.platform !== 'linux') return undefined;
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return undefined;
  for (const name of safeList('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    for (const fd of safeList(`/proc/${pid}/fd`)) {
      const target = safeReadLink(`/proc/${pid}/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(target ?? '')?.[1];
      if (inode !== undefined && inodes.has(inode)) {
        return { pid, command: readProcess(pid)?.command ?? '' };
      }
    }
  }
  return undefined;
}

/** The inodes of sockets in state LISTEN (0A) on `port`, IPv4 and IPv6. */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A' && fields[9]) inodes.add(fields[9]);
    }
  }
  return inodes;
}

function safeList(directory: string): string[] {
  try {
    return readdirSync(directory);
  } catch {
    return [];
  }
}

function safeReadLink(file: string): string | undefined {
  try {
    return readlinkSync(file);
  } catch {
    return undefined;
  }
}
