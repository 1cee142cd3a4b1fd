// Every process definition, by type and version. An instance keeps the version it started on.
import type { WorkflowDefinition } from './types.ts';
import { lookup } from './engine/lookup.ts';
import { purchasedServiceHire } from './purchased-service-hire/index.ts';
import { chairByElection } from './chair-by-election/index.ts';
import { settings as purchasedServiceHireSettings } from './purchased-service-hire/purchased-service-hire.settings.ts';
import { settings as chairByElectionSettings } from './chair-by-election/chair-by-election.settings.ts';

const all: WorkflowDefinition[] = [purchasedServiceHire, chairByElection];

export const definitions = all;
export const definition = lookup(all);

/** Each process's own settings (its folder's `*.settings.ts`); workflows/settings.ts joins them with the generic ones. */
export const processSettings = [
  { owner: 'purchased-service-hire', settings: purchasedServiceHireSettings },
  { owner: 'chair-by-election', settings: chairByElectionSettings },
] as const;
