// A pure machine run for machine tests: its input, then each event in turn; the snapshot reached and every action returned.
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';

export type Action = { type: string; params?: any };
export function runMachine(machine: AnyStateMachine, input: unknown, events: any[]): { s: AnyMachineSnapshot; actions: Action[] } {
  let s: AnyMachineSnapshot = initialTransition(machine, input)[0];
  const actions: Action[] = [];
  for (const e of events) {
    const [next, acts] = transition(machine, s, e);
    s = next;
    actions.push(...acts);
  }
  return { s, actions };
}
