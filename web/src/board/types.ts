// What GET /api/instances/{id}/pipeline, …/cards and …/funnel answer (server/routes/pipeline.ts).
import type { Text } from '../data.ts';

/** A bulk action: with `item` a row event (one row per selected card, `fixed` in each); `form` the JSON Schema of what it asks once for all. */
export type BoardAction = {
  id: string; event: string; title?: Text; list: string; item?: string; ask: string[]; fixed?: Record<string, unknown>;
  form: Record<string, unknown>; stages: string[];
};
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

/** The event body a selection becomes (the board's `actions` say how), the asked values given once for every row. */
export function actionBody(a: BoardAction, keys: string[], asked: Record<string, unknown>) {
  return a.item
    ? { type: a.event, [a.list]: keys.map((k) => ({ [a.item!]: k, ...a.fixed, ...asked })) }
    : { type: a.event, [a.list]: keys, ...a.fixed, ...asked };
}
