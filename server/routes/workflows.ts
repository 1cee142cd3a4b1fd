// Process definitions: states, events, roles, clauses, deadlines, schemas and a diagram.
import { Router } from 'express';
import { definitions, definition } from '../../workflows/registry.ts';
import { graph, mermaid } from '../../workflows/diagram.ts';
import { clip, notFound } from '../../workflows/engine/errors.ts';
import { own } from '../../workflows/engine/own.ts';
import type { WorkflowDefinition } from '../../workflows/types.ts';

export function describe(def: WorkflowDefinition, withSchemas: boolean) {
  return {
    type: def.type, version: def.version, title: def.title, description: def.description, rules: def.rules,
    start: {
      by: def.start.by, title: def.start.title, onePerOrg: !!def.start.onePerOrg,
      onlyFor: def.start.orgKinds ? { title: def.start.orgKinds.title, rule: def.start.orgKinds.rule } : null,
      ...(withSchemas ? { schema: def.start.schema } : {}),
    },
    states: Object.entries(def.states).map(([name, s]) => ({ name, title: s.title, waitingOn: s.waitingOn ?? null, watchedBy: s.watchedBy ?? null, final: Object.hasOwn(def.finalStatus, name), status: own(def.finalStatus, name) ?? 'active' })),
    events: Object.entries(def.events).map(([type, e]) => ({ type, title: e.title, by: e.by, notBySubmitter: !!e.notBySubmitter, rules: e.rules ?? [], ...(withSchemas ? { schema: e.schema } : {}) })),
    deadlines: def.deadlines.map((d) => ({ id: d.id, kind: d.kind, title: d.title, states: d.states, event: d.event, repeatEveryDays: typeof d.repeatEveryDays === 'function' ? 'per case' : (d.repeatEveryDays ?? null), rule: d.rule })),
    diagram: { format: 'mermaid', source: mermaid(def), graph: graph(def) },
    // Its child cases as a board: GET /api/instances/{id}/pipeline gives the columns and counts.
    pipeline: def.pipeline ? { childType: def.pipeline.childType } : null,
  };
}

export function workflowRoutes() {
  const r = Router();
  r.get('/workflows', (_req, res) => {
    res.json({ items: definitions.map((d) => describe(d, false)) });
  });
  r.get('/workflows/:type', (req, res) => {
    const def = definition(req.params.type);
    if (!def) throw notFound(`流程 ${clip(req.params.type)} / process ${clip(req.params.type)}`);
    res.json(describe(def, true));
  });
  return r;
}
