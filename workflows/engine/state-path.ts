// A case's state as stored and matched: XState's state value as a path. A nested state is its
// dotted path ('open.beforeTheVote.nomination'); in parallel regions it is every active leaf's path,
// sorted, joined by ',' ('review.finance.done,review.legal.pending'). A top-level atomic state is
// its name, as rows stored it before nested states existed.
import type { AnyStateMachine, StateValue } from 'xstate';
import type { Text } from '../types.ts';

function leaves(v: StateValue, prefix: string): string[] {
  if (typeof v === 'string') return [prefix + v];
  const keys = Object.keys(v).filter((k) => v[k] !== undefined);
  if (!keys.length) return [prefix.slice(0, -1)]; // an atomic region of a parallel state: {}
  return keys.flatMap((k) => leaves(v[k] as StateValue, `${prefix}${k}.`));
}

export const statePath = (value: StateValue): string => leaves(value, '').sort().join(',');

/** The state path lies in `declared` (that state or one inside it): declarations on a parent hold in every state inside it. */
export const inState = (path: string, declared: string): boolean =>
  path.split(',').some((p) => p === declared || p.startsWith(`${declared}.`));

/** Of the declared states, the nearest one around `leaf` (itself first) that `has` what is asked, if any. */
function nearest<T>(states: Record<string, T>, leaf: string, has: (s: T) => boolean = () => true): T | undefined {
  for (let parts = leaf.split('.'); parts.length; parts.pop()) {
    const k = parts.join('.');
    if (Object.hasOwn(states, k) && has(states[k])) return states[k];
  }
  return undefined;
}

/** Whose move it is in a leaf state: the `waitingOn` of the nearest declared state around it that says (a parent's holds inside it unless a state inside says otherwise). */
export const waitingOnOf = <W>(states: Record<string, { waitingOn?: W }>, leaf: string): W | undefined =>
  nearest(states, leaf, (s) => s.waitingOn !== undefined)?.waitingOn;

/** Who oversees a leaf state without acting: the `watchedBy` of the nearest declared state around it that says. */
export const watchedByOf = <W>(states: Record<string, { watchedBy?: W }>, leaf: string): W | undefined =>
  nearest(states, leaf, (s) => s.watchedBy !== undefined)?.watchedBy;

/** Title of a state path: its nearest declared state's; parallel leaves each theirs, joined. */
export function stateTitle(states: Record<string, { title: Text }>, path: string): Text | undefined {
  const titles = [...new Set(path.split(',').map((l) => nearest(states, l)).filter((s) => s !== undefined))].map((s) => s.title);
  if (!titles.length) return undefined;
  return titles.length === 1 ? titles[0] : { zh: titles.map((t) => t.zh).join('；'), en: titles.map((t) => t.en).join('; ') };
}

/** Every state of a machine by path, parents included, history pseudo-states left out. */
export function machineStatePaths(machine: AnyStateMachine): string[] {
  const out: string[] = [];
  const walk = (node: AnyStateMachine['root']) => {
    for (const child of Object.values(node.states)) {
      if (child.type === 'history') continue;
      out.push(child.path.join('.'));
      walk(child);
    }
  };
  walk(machine.root);
  return out;
}

/** The states a case can rest in: every leaf (atomic or final) by path. */
export function machineLeafPaths(machine: AnyStateMachine): string[] {
  let leaves = leafCache.get(machine);
  if (!leaves) leafCache.set(machine, (leaves = machineStatePaths(machine).filter((p) => !Object.keys(machine.getStateNodeById(`${machine.id}.${p}`).states).length)));
  return leaves;
}
const leafCache = new WeakMap<AnyStateMachine, string[]>();

/** Every event type a machine's transitions name (XState's own and wildcards left out). */
export function machineEventTypes(machine: AnyStateMachine): string[] {
  const out = new Set<string>();
  const walk = (node: AnyStateMachine['root']) => {
    for (const t of node.ownEvents) if (!t.startsWith('xstate.') && t !== '*') out.add(t);
    for (const child of Object.values(node.states)) walk(child);
  };
  walk(machine.root);
  return [...out];
}
