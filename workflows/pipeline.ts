// What a process publishes for following its child cases as a board (issue 10 item 5): the
// columns (stages of the child's states), what the cards are grouped by, the card fields to show
// and filter on, the parent's bulk events a selection feeds, and how a group is ranked. Generic
// code reads paths into the child's context from here and never names them itself.
import type { Text } from './types.ts';

/** A value in the child case's context, by path: `number` filters by range, `list` by empty or not. */
export type PipelineField = { id: string; title: Text; path: string[]; kind: 'number' | 'text' | 'list' };
/**
 * A parent event a selection of cards becomes: `{type: event, [list]: keys, ...asked}`, or — a row
 * event, with `item` — `{type: event, [list]: [{[item]: key, ...fixed, ...asked}]}`, one row per card.
 */
export type PipelineAction = {
  event: string; list: string; stages: string[];
  /** The row's key field: the event's rows each name one card. */
  item?: string;
  /** Fields asked once for the whole selection; a row event's default: its row's fields but the key and the fixed ones. */
  ask?: string[];
  /** Values every row carries without asking (absent: true). */
  fixed?: Record<string, unknown>;
  /** Its own id and name, when one event makes more than one action (absent through a score event). */
  id?: string; title?: Text;
};
export type Pipeline = {
  /** The process whose cases (children by parent_id) are the cards; the parent's events name them by correlation key. */
  childType: string;
  stages: { id: string; title: Text; states: string[] }[];
  /** The card's name, and the group (e.g. a post) as an id and its label. */
  name: string[];
  /** A number ordering cards started in one request (same start time), e.g. a row number. */
  order?: string[];
  groupBy: { title: Text; id: string[]; label: string[] };
  fields: PipelineField[];
  actions: PipelineAction[];
  /** Highest first by `order` (field ids), as the parent's rules rank; `rank` the field holding the rank given. */
  ranking: { order: string[]; rank: string; tieBreak: Text };
};

type Schema = { properties?: Record<string, Schema>; items?: Schema; required?: string[]; type?: unknown; [k: string]: unknown };

/**
 * The form a selection's action asks once for all (JSON Schema of an object): the asked fields as
 * the event's schema has them, in its row's items for a row event; a yes/no starts at no.
 */
export function actionForm(a: PipelineAction, eventSchema: Schema): Schema {
  const within = (a.item ? eventSchema.properties?.[a.list]?.items : eventSchema) ?? {};
  const props = within.properties ?? {};
  const ask = a.ask ?? (a.item ? Object.keys(props).filter((f) => f !== a.item && !(f in (a.fixed ?? {}))) : []);
  const properties = Object.fromEntries(ask.map((f) => [f, props[f]?.type === 'boolean' ? { ...props[f], default: false } : props[f]]));
  // A condition between asked fields (e.g. a failed check needs its reason) holds in the form too, so it is asked before sending.
  const named = (x: unknown) => [...Object.keys((x as Schema | undefined)?.properties ?? {}), ...((x as Schema | undefined)?.required ?? [])];
  const conditional = within.if && [within.if, within.then, within.else].every((x) => named(x).every((f) => ask.includes(f)))
    ? Object.fromEntries((['if', 'then', 'else'] as const).filter((k) => within[k] !== undefined).map((k) => [k, within[k]])) : {};
  return { type: 'object', additionalProperties: false, required: (within.required ?? []).filter((f) => ask.includes(f)), properties, ...conditional, 'x-order': ask };
}

export const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A stay in a column: entered at, left at (null: still there). */
export type Stay = { child: string; stage: string; from: string; to: string | null };

/**
 * A child's state changes (its history rows where the state changed, in order) as stays per
 * column: consecutive states of one column make one stay; states of no column end the stay.
 */
export function staysOf(p: Pipeline, changes: { child: string; state: string; at: string }[]): Stay[] {
  const column = new Map(p.stages.flatMap((s) => s.states.map((st) => [st, s.id] as const)));
  const out: Stay[] = [];
  let open: Stay | undefined;
  for (const c of changes) {
    const stage = column.get(c.state);
    if (open && (open.child !== c.child || open.stage !== stage)) {
      if (open.child === c.child) open.to = c.at;
      open = undefined;
    }
    if (stage && !open) out.push((open = { child: c.child, stage, from: c.at, to: null }));
  }
  return out;
}

const DAY = 86_400_000;
const round1 = (x: number) => Math.round(x * 10) / 10;
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Per column: how many children ever reached it, how many are in it now, and the days spent in it
 * (median and max, one decimal; a stay still open counts up to `now`). `final` columns (the
 * child's end states) have no time spent.
 */
export function funnel(p: Pipeline, stays: Stay[], now: Date, finalStages: Set<string>) {
  return p.stages.map((s) => {
    const mine = stays.filter((x) => x.stage === s.id);
    const reached = new Set(mine.map((x) => x.child)).size;
    const days = mine.map((x) => ((x.to ? Date.parse(x.to) : now.getTime()) - Date.parse(x.from)) / DAY);
    const time = finalStages.has(s.id) || !days.length ? null : { median: round1(median(days)), max: round1(Math.max(...days)), stays: days.length };
    return { id: s.id, title: s.title, reached, now: mine.filter((x) => x.to === null).length, days: time };
  });
}

/** A parent's event payload cut to what concerns one child: array items naming its key (or objects holding it); scalars kept. */
export function payloadFor(payload: Record<string, unknown>, key: string | null): Record<string, unknown> {
  const names = (x: unknown) => x === key || (!!x && typeof x === 'object' && Object.values(x).includes(key));
  return Object.fromEntries(Object.entries(payload).flatMap(([k, v]) => {
    if (!Array.isArray(v)) return [[k, v]];
    const kept = key ? v.filter(names) : [];
    return [[k, kept.length === v.length ? v : kept]];
  }));
}
