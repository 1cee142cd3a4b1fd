// A Mermaid state diagram generated from the machine itself, so it can never drift from the code.
import type { AnyStateMachine } from 'xstate';
import { own } from './engine/own.ts';
import type { WorkflowDefinition } from './types.ts';

export function mermaid(def: WorkflowDefinition): string {
  const m: AnyStateMachine = def.machine;
  const lines = ['stateDiagram-v2', `  [*] --> ${m.root.initial?.target?.[0]?.key ?? Object.keys(m.root.states)[0]}`];
  for (const [name, node] of Object.entries(m.root.states)) {
    const title = own(def.states, name)?.title.zh;
    if (title) lines.push(`  ${name}: ${title}`);
    for (const [event, ts] of node.transitions) for (const t of ts) {
      const to = t.target?.[0]?.key ?? name;
      lines.push(`  ${name} --> ${to}: ${event}${t.guard ? ' [guarded]' : ''}`);
    }
    for (const t of node.always ?? []) lines.push(`  ${name} --> ${t.target?.[0]?.key ?? name}: always${t.guard ? ' [guarded]' : ''}`);
    if (node.type === 'final') lines.push(`  ${name} --> [*]`);
  }
  return lines.join('\n');
}
