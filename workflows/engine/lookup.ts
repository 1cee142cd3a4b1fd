// Definitions by type and version: an instance keeps the version it started on.
import type { WorkflowDefinition } from '../types.ts';

/** The definition of `type` at `version`, or its latest version. */
export function lookup(all: readonly WorkflowDefinition[]) {
  const latest = new Map<string, WorkflowDefinition>();
  for (const d of all) if ((latest.get(d.type)?.version ?? 0) < d.version) latest.set(d.type, d);
  return (type: string, version?: number): WorkflowDefinition | undefined =>
    version === undefined ? latest.get(type) : all.find((d) => d.type === type && d.version === version);
}
