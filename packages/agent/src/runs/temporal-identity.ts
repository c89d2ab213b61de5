import type { Client } from '@temporalio/client';

/**
 * Which Temporal a run lives on. `clusterId` tells two servers on one address apart (a dev server someone
 * else started on 7233 has its own); it is absent when the server did not say.
 */
export interface TemporalIdentity {
  readonly address: string;
  readonly namespace: string;
  readonly clusterId?: string;
}

export async function readTemporalIdentity(client: Client, address: string): Promise<TemporalIdentity> {
  const info = await client.workflowService.getClusterInfo({});
  const namespace = client.options.namespace;
  return info.clusterId ? { address, namespace, clusterId: info.clusterId } : { address, namespace };
}

/** True when both name the same cluster and namespace (by cluster id when both know it). */
export function sameTemporal(recorded: TemporalIdentity, current: TemporalIdentity): boolean {
  if (recorded.namespace !== current.namespace) return false;
  if (recorded.clusterId && current.clusterId) return recorded.clusterId === current.clusterId;
  return recorded.address === current.address;
}

export function describeTemporal(identity: TemporalIdentity): string {
  return `${identity.address} (namespace "${identity.namespace}")`;
}
