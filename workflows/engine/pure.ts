// XState's pure functions without their throw-away actor. `transition()` and `initialTransition()`
// build a new inert actor per call, whose constructor runs the machine's context factory without
// input (ours throw on that, and the actor catches it), and restoring a snapshot through
// createActor builds another. Machines here are pure (no invoked or spawned actors, nothing
// registered in a system), so one inert scope per machine serves every call; each call gets its own
// list of the actions the machine asked for.
import { createActor, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';

type Action = { type: string; params?: unknown };
type Scope = AnyActorScope & { actionExecutor: (action: Action) => void };
const scopes = new WeakMap<AnyStateMachine, Scope>();

function scopeFor(machine: AnyStateMachine, actions: Action[]): Scope {
  let base = scopes.get(machine);
  if (!base) {
    const self = createActor(machine); // once per machine: its failed initial snapshot is never used
    const none = () => {};
    base = { self, defer: none, id: '', logger: none, sessionId: '', stopChild: none, system: self.system, emit: none, actionExecutor: none } as unknown as Scope;
    scopes.set(machine, base);
  }
  return { ...base, actionExecutor: (a) => void actions.push(a) };
}

/** A persisted snapshot back (machine.restoreSnapshot), nothing started. */
export const restorePersisted = (machine: AnyStateMachine, stored: unknown): AnyMachineSnapshot =>
  machine.restoreSnapshot(stored as never, scopeFor(machine, [])) as AnyMachineSnapshot;

/** As xstate's transition(): the next snapshot and the actions to execute, none executed. */
export function pureTransition(machine: AnyStateMachine, snap: AnyMachineSnapshot, event: EventObject & Record<string, unknown>): [AnyMachineSnapshot, Action[]] {
  const actions: Action[] = [];
  return [machine.transition(snap, event, scopeFor(machine, actions)) as AnyMachineSnapshot, actions];
}

/** As xstate's initialTransition(): the first snapshot from input and the actions of entering it. */
export function pureInitialTransition(machine: AnyStateMachine, input: unknown): [AnyMachineSnapshot, Action[]] {
  const actions: Action[] = [];
  return [machine.getInitialSnapshot(scopeFor(machine, actions), input) as AnyMachineSnapshot, actions];
}
