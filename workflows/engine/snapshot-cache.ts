// Restored snapshots kept per case in the process: the next event on a case, or its answer, mostly
// finds the snapshot its last step made, without parsing and reviving the stored text again (a
// fifth of a step's own work). A copy is used only for the very text it was restored from (a row
// written since, here, by another process or by hand, does not match). Snapshots are immutable
// (XState makes a new one per transition). Bounded: the most recent cases, small snapshots only (a
// campaign's holds its whole roster).
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { InstanceRow } from '../../db/tables.ts';

const MAX_CASES = 1_000;
const MAX_TEXT = 16_384;
const kept = new Map<string, { text: string; machine: AnyStateMachine; snap: AnyMachineSnapshot }>();

export function keptSnapshot(machine: AnyStateMachine, row: InstanceRow): AnyMachineSnapshot | undefined {
  const k = kept.get(row.id);
  if (!k || k.machine !== machine || k.text !== row.snapshot) return undefined;
  kept.delete(row.id); // most recently used last
  kept.set(row.id, k);
  return k.snap;
}

export function keepSnapshot(machine: AnyStateMachine, row: InstanceRow, snap: AnyMachineSnapshot): void {
  kept.delete(row.id);
  if (row.snapshot.length > MAX_TEXT) return;
  if (kept.size >= MAX_CASES) kept.delete(kept.keys().next().value!);
  kept.set(row.id, { text: row.snapshot, machine, snap });
}
