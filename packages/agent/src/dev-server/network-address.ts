import { AgentError } from '../common/errors';

/** A `host:port` pair; IPv6 hosts are written in brackets (`[::1]:7233`). */
export interface NetworkAddress {
  readonly host: string;
  readonly port: number;
}

/** Parses `host:port` or `[ipv6]:port`; throws `invalid-options` on anything else. */
export function parseAddress(address: string): NetworkAddress {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(address.trim());
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (host === undefined || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new AgentError('invalid-options', `invalid Temporal address "${address}": expected host:port`);
  }
  return { host, port };
}

/** Formats a host and port as an address, bracketing IPv6 hosts. */
export function formatAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
