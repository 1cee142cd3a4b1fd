// Every process definition, by type and version. An instance keeps the version it started on.
import type { WorkflowDefinition } from './types.ts';
import { purchasedServiceHire } from './purchased-service-hire/index.ts';
import { chairByElection } from './chair-by-election/index.ts';
import { chairByElectionV2 } from './chair-by-election/v2.ts';

// P4 v1 keeps the cases started on it; new ones start on v2 (its open states nested).
const all: WorkflowDefinition[] = [purchasedServiceHire, chairByElection, chairByElectionV2];

/** Every version of every process: cases of older versions still run (and wait in inboxes). */
export const allDefinitions: readonly WorkflowDefinition[] = all;
export const latest = new Map<string, WorkflowDefinition>();
for (const d of all) if ((latest.get(d.type)?.version ?? 0) < d.version) latest.set(d.type, d);
/** One per process, its newest version: what new cases start on, and what the API describes. */
export const definitions = [...latest.values()];

export function definition(type: string, version?: number): WorkflowDefinition | undefined {
  return version === undefined ? latest.get(type) : all.find((d) => d.type === type && d.version === version);
}
