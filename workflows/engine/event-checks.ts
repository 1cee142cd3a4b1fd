// The checks of an event body that need no database and no state: a JSON object with a type, an
// event the case's definition knows, a body its schema takes. Shared by a single send and a batch,
// so both refuse with the same words.
import type { InstanceRow } from '../../db/tables.ts';
import type { EventMeta, WorkflowDefinition } from '../types.ts';
import { clip, conflict, invalid } from './errors.ts';
import { own } from './own.ts';
import { checkBody } from './validate.ts';

export type EventBody = { type: string } & Record<string, unknown>;

export function assertEventObject(event: unknown): asserts event is EventBody {
  if (typeof event !== 'object' || event === null || Array.isArray(event) || typeof (event as { type?: unknown }).type !== 'string')
    throw invalid('事件须为含 type 字段的 JSON 对象 / an event is a JSON object with a "type"', [{ pointer: '/type', message: '缺少事件类型 / required string' }]);
}

/** The case's definition and the event's declaration, once the body passes the event's schema. */
export function knownEvent(definition: (type: string, version?: number) => WorkflowDefinition | undefined, prev: InstanceRow, event: EventBody): { def: WorkflowDefinition; meta: EventMeta } {
  const def = definition(prev.type, prev.definition_version);
  if (!def) throw conflict(`流程定义 ${prev.type} v${prev.definition_version} 已停用 / definition version retired`);
  const meta = own(def.events, event.type) as EventMeta | undefined;
  if (!meta)
    throw invalid(`「${def.title.zh}」没有事件 ${clip(event.type)} / ${def.type} has no event ${clip(event.type)}`, [{ pointer: '/type', message: `可用事件 / known events: ${Object.keys(def.events).join(', ')}` }]);
  const errors = checkBody(meta.schema, event);
  if (errors.length) throw invalid(`「${meta.title.zh}」的内容有误 / the ${event.type} body is not valid`, errors);
  return { def, meta };
}
