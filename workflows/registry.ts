// Every process definition, by type and version. An instance keeps the version it started on.
import type { WorkflowDefinition } from './types.ts';
import { lookup } from './engine/lookup.ts';
import { purchasedServiceHire } from './purchased-service-hire/index.ts';
import { chairByElection } from './chair-by-election/index.ts';

const all: WorkflowDefinition[] = [purchasedServiceHire, chairByElection];

export const definitions = all;
export const definition = lookup(all);
