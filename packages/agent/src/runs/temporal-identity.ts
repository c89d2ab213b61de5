import type { Client } from '@temporalio/client';
import { isRefusal } from './retry-policy';

/**
 * Which Temporal a run lives on. `namespaceId` tells two servers on one address apart: it is made when
 * the namespace is created and kept in the server's database, so a dev server someone else started on
 * 7233 has its own, while a restart on the same database keeps it. (`clusterId` does not do this: every
 * in-memory dev server reports the same one.) Either id is absent when the server did not say.
 */
export interface TemporalIdentity {
  readonly address: string;
  readonly namespace: string;
  readonly namespaceId?: string;
  readonly clusterId?: string;
}

/** Asks Temporal who it is; rejects while it cannot be reached (an id it refuses to tell is left out). */
export async function readTemporalIdentity(client: Client, address: string): Promise<TemporalIdentity> {
  const namespace = client.options.namespace;
  const [cluster, described] = await Promise.allSettled([
    client.workflowService.getClusterInfo({}),
    client.workflowService.describeNamespace({ namespace }),
  ]);
  for (const answer of [cluster, described])
    if (answer.status === 'rejected' && !isRefusal(answer.reason)) throw answer.reason;
  const clusterId = cluster.status === 'fulfilled' ? cluster.value.clusterId : undefined;
  const namespaceId = described.status === 'fulfilled' ? described.value.namespaceInfo?.id : undefined;
  return {
    address,
    namespace,
    ...(namespaceId ? { namespaceId } : {}),
    ...(clusterId ? { clusterId } : {}),
  };
}

/** True when both name the same namespace of the same Temporal: by namespace id, else cluster id, else address. */
export function sameTemporal(recorded: TemporalIdentity, current: TemporalIdentity): boolean {
  if (recorded.namespace !== current.namespace) return false;
  if (recorded.namespaceId && current.namespaceId) return recorded.namespaceId === current.namespaceId;
  if (recorded.clusterId && current.clusterId) return recorded.clusterId === current.clusterId;
  return recorded.address === current.address;
}

/** `<address> (namespace <name>)`, for messages about where a run lives. */
export function describeTemporal(identity: TemporalIdentity): string {
  return `${identity.address} (namespace "${identity.namespace}")`;
}
