// What GET /api/instances/{id}/pipeline, …/cards and …/funnel answer (server/routes/pipeline.ts).
import type { Text } from '../data.ts';

export type BoardAction = { event: string; list: string; item?: string; ask?: string[]; stages: string[] };
export type Board = {
  instanceId: string; childType: string; total: number;
  stages: { id: string; title: Text; states: string[]; final: boolean; count: number; byGroup: Record<string, number> }[];
  groups: { id: string; label: string | null; count: number }[];
  groupBy: { title: Text };
  fields: { id: string; title: Text; kind: 'number' | 'text' | 'list' }[];
  actions: BoardAction[];
  ranking: { order: string[]; rank: string; tieBreak: Text };
};
export type BoardCard = {
  id: string; key: string | null; state: string; stateTitle: Text | null; stage: string | null; name: string | null;
  group: string | null; groupLabel: string | null; values: Record<string, number | string | null>;
};
export type Funnel = { at: string; stages: { id: string; title: Text; reached: number; now: number; days: { median: number; max: number; stays: number } | null }[] };
export type Filters = Record<string, string | undefined>;

/** The event body a selection becomes (the board's `actions` say how), the asked fields given once for every row. */
export function actionBody(a: BoardAction, keys: string[], asked: Record<string, unknown>) {
  return a.item ? { type: a.event, [a.list]: keys.map((k) => ({ [a.item!]: k, ...asked })) } : { type: a.event, [a.list]: keys, ...asked };
}

/** An asked field's schema inside the event's: in the rows' items, or at the top. */
export function askedSchema(schema: Record<string, any> | undefined, a: BoardAction, field: string): Record<string, any> | undefined {
  const props = schema?.properties ?? {};
  return a.item ? props[a.list]?.items?.properties?.[field] : props[field];
}
