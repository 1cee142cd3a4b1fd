// POST /api/instances/events:batch — many cases in one step (engine.sendMany): all or nothing,
// refusals named per item with the status a single event would have had.
import { Router, type Request } from 'express';
import { BatchRefused, MAX_BATCH, type BatchItem } from '../../workflows/engine/batch.ts';
import { DomainError } from '../../workflows/engine/errors.ts';
import type { AppDeps } from '../deps.ts';
import { idempotent, largeJson, validBody } from '../http.ts';
import { STATUS } from '../problem.ts';
import { UUID } from './instances.ts';


export const batchSchema = {
  type: 'object', additionalProperties: false, required: ['items'],
  properties: {
    items: {
      type: 'array', minItems: 1, maxItems: MAX_BATCH, description: `1–${MAX_BATCH} 项，按序办理 / 1–${MAX_BATCH} items, applied in order`,
      items: {
        type: 'object', additionalProperties: false, required: ['instanceId', 'event'],
        properties: {
          instanceId: { type: 'string', pattern: UUID.source },
          event: { type: 'object', required: ['type'], properties: { type: { type: 'string', maxLength: 60 } } },
        },
      },
    },
  },
};

export const BATCH_PATH = '/api/instances/events:batch';
const EVENTS_PATH = /^\/api\/instances\/[^/]+\/events$/;
/**
 * The global JSON parser leaves these bodies alone: the batch, and one case's event (a bulk event
 * such as a round's 5,000 registrations is one event). Their routes read them after login.
 */
export const readsLargeBody = (req: Request) => req.method === 'POST' && (req.path === BATCH_PATH || EVENTS_PATH.test(req.path));

export function batchRoutes(deps: AppDeps) {
  const r = Router();
  // A literal colon: Express 5 paths take `\\:` for ':' (a bare ':' starts a parameter).
  r.post('/instances/events\\:batch', largeJson, async (req, res) => {
    const { items } = validBody<{ items: BatchItem[] }>(req, batchSchema);
    await idempotent(req, res, deps, 200, async (save) => {
      try {
        const rows = await deps.engine.sendMany({ items, actor: req.caller.actor, within: save && ((trx, rows) => save(trx, answer(rows))) });
        return answer(rows);
      } catch (e) {
        if (!(e instanceof BatchRefused)) throw e;
        throw new DomainError(e.code, e.title, e.message, [], { items: e.items.map((i) => ({ ...i, status: STATUS[i.code] })) });
      }
    });
  });
  return r;
}

const answer = (rows: { id: string; version: number; state: string; status: string }[]) => ({ items: rows.map(({ id, version, state, status }) => ({ id, version, state, status })) });
