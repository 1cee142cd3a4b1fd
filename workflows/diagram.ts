// A Mermaid state diagram, and the same as a graph of nodes and edges, generated from the machine itself, so it can never drift from the code.
// Nested states are composite states (`state open { … }`); a state's id is its path with '.' as
// '_' (Mermaid ids take no dots), its label the path and its declared title.
import type { AnyStateMachine } from 'xstate';
import { stateTitle, waitingOnOf } from './engine/state-path.ts';
import type { Text, WorkflowDefinition } from './types.ts';

type Node = AnyStateMachine['root'];
const idOf = (n: Node) => n.path.join('_');
const initialOf = (n: Node) => n.initial?.target?.[0] ?? Object.values(n.states)[0];

export function mermaid(def: WorkflowDefinition): string {
  const m: AnyStateMachine = def.machine;
  const lines = ['stateDiagram-v2'];
  const edges: string[] = [];
  const walk = (parent: Node, indent: string) => {
    const first = initialOf(parent);
    if (first && parent.type !== 'parallel') lines.push(`${indent}[*] --> ${idOf(first)}`);
    for (const node of Object.values(parent.states)) {
      if (node.type === 'history') continue;
      const id = idOf(node);
      const path = node.path.join('.');
      const title = Object.hasOwn(def.states, path) ? stateTitle(def.states, path)?.zh : undefined;
      if (title) lines.push(`${indent}${id}: ${node.path.length > 1 ? `${path} ` : ''}${title}`);
      for (const [event, ts] of node.transitions) for (const t of ts)
        edges.push(`  ${id} --> ${t.target?.[0] ? idOf(t.target[0]) : id}: ${event}${t.guard ? ' [guarded]' : ''}`);
      for (const t of node.always ?? []) edges.push(`  ${id} --> ${t.target?.[0] ? idOf(t.target[0]) : id}: always${t.guard ? ' [guarded]' : ''}`);
      if (node.type === 'final' && node.path.length === 1) lines.push(`${indent}${id} --> [*]`);
      if (Object.keys(node.states).length) {
        lines.push(`${indent}state ${id} {`);
        walk(node, `${indent}  `);
        lines.push(`${indent}}`);
      }
    }
  };
  walk(m.root, '  ');
  return [...lines, ...edges].join('\n');
}

export type GraphNode = { id: string; parent: string | null; title: Text | null; initial: boolean; final: boolean; parallel: boolean; waitingOn: { relation: string; roles: string[] } | null };
export type GraphEdge = { from: string; to: string; event: string; guarded: boolean };

/**
 * The same machine as data a page lays out itself: every state by path (its parent, title, and
 * whose move it is there, as the nearest declared state says) and every transition. An eventless
 * transition's event is 'always'; a transition without a target (it stays) points at its state.
 */
export function graph(def: WorkflowDefinition): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const pathOf = (n: Node) => n.path.join('.');
  const walk = (parent: Node) => {
    const first = parent.type === 'parallel' ? undefined : initialOf(parent);
    for (const node of Object.values(parent.states)) {
      if (node.type === 'history') continue;
      const id = pathOf(node);
      nodes.push({
        id, parent: node.path.length > 1 ? pathOf(parent) : null, title: stateTitle(def.states, id) ?? null,
        initial: node === first, final: node.type === 'final', parallel: node.type === 'parallel', waitingOn: waitingOnOf(def.states, id) ?? null,
      });
      const add = (event: string, t: { target?: readonly Node[]; guard?: unknown }) => {
        for (const to of t.target?.length ? t.target : [node]) edges.push({ from: id, to: pathOf(to), event, guarded: !!t.guard });
      };
      for (const [event, ts] of node.transitions) for (const t of ts) add(event, t);
      for (const t of node.always ?? []) add('always', t);
      walk(node);
    }
  };
  walk(def.machine.root);
  return { nodes, edges };
}

/** The states a case went through, in order, from its history's `to` states (a transition that stays adds nothing). */
export const pathTaken = (toStates: string[]): string[] => toStates.filter((s, i) => i === 0 || s !== toStates[i - 1]);
