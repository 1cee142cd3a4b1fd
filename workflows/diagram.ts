// A Mermaid state diagram generated from the machine itself, so it can never drift from the code.
// Nested states are composite states (`state open { … }`); a state's id is its path with '.' as
// '_' (Mermaid ids take no dots), its label the path and its declared title.
import type { AnyStateMachine } from 'xstate';
import { stateTitle } from './engine/state-path.ts';
import type { WorkflowDefinition } from './types.ts';

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
