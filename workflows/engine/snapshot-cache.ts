// Restored snapshots kept per case in the process: the next event on a case, or its answer, mostly
// finds the snapshot its last step made, without parsing and reviving the stored text again (a
// fifth of a step's own work). A copy is used only for the very text it was restored from (a row
// written since, here, by another process or by hand, does not match). Snapshots are immutable
// (XState makes a new one per transition). Bounded: the most recent cases, as many as a campaign's
// bulk step reaches (each of its children's next step finds its own), and at most MAX_CHARS of
// stored text in all. A campaign's snapshot holds its whole roster (1–2 MB for 10,000) and is read
// at each of its steps and imports (three times for one import): kept too, up to MAX_TEXT.
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { InstanceRow } from '../../db/tables.ts';

export const MAX_CASES = 12_000;
const MAX_TEXT = 4_000_000;
const MAX_CHARS = 12_000_000;
let chars = 0;
const kept = new Map<string, { text: string; machine: AnyStateMachine; snap: AnyMachineSnapshot }>();

export function keptSnapshot(machine: AnyStateMachine, row: InstanceRow): AnyMachineSnapshot | undefined {
  const k = kept.get(row.id);
  if (!k || k.machine !== machine || k.text !== row.snapshot) return undefined;
  kept.delete(row.id); // most recently used last
  kept.set(row.id, k);
  return k.snap;
}

function drop(id: string): void {
  const k = kept.get(id);
  if (!k) return;
  chars -= k.text.length;
  kept.delete(id);
}

export function keepSnapshot(machine: AnyStateMachine, row: InstanceRow, snap: AnyMachineSnapshot): void {
  drop(row.id);
  if (row.snapshot.length > MAX_TEXT) return;
  while (kept.size && (kept.size >= MAX_CASES || chars + row.snapshot.length > MAX_CHARS)) drop(kept.keys().next().value!);
  kept.set(row.id, { text: row.snapshot, machine, snap });
  chars += row.snapshot.length;
}
