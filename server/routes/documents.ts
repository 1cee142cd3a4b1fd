// Issued documents: an HTML print view of the frozen content; JSON on request.
import { Router } from 'express';
import { getDocument } from '../../db/documents.ts';
import { getInstance } from '../../db/instances.ts';
import { getOrg } from '../../db/orgs.ts';
import { clip, DomainError, notFound } from '../../workflows/engine/errors.ts';
import { requireInSubtree } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { documentHtml } from '../print.ts';
import { definition } from '../../workflows/registry.ts';

/** What a document can be served as (no PDF yet). */
const OFFERED = ['text/html', 'application/json'];

export function documentRoutes({ knex }: AppDeps) {
  const r = Router();
  r.get('/documents/:id', async (req, res) => {
    const doc = /^[0-9]{1,9}$/.test(req.params.id) ? await getDocument(knex, Number(req.params.id)) : undefined;
    if (!doc) throw notFound(`文书 ${clip(req.params.id)} / document ${clip(req.params.id)}`);
    const inst = (await getInstance(knex, doc.instance_id))!;
    requireInSubtree(req.caller, (await getOrg(knex, inst.org_id))!);
    const content = JSON.parse(doc.content);
    const meta = { id: doc.id, number: doc.number, title: doc.title, kind: doc.kind, issuedAt: doc.issued_at, contentHash: doc.content_hash, instanceId: doc.instance_id };
    res.format({
      'text/html': () => res.type('html').send(documentHtml(definition(inst.type, inst.definition_version), doc.kind, meta, content)),
      'application/json': () => res.json({ ...meta, content }),
      default: () => {
        throw new DomainError('not_acceptable', '无法提供该格式 / Not acceptable', `文书可提供 ${OFFERED.join('、')} / the document is available as ${OFFERED.join(', ')}`, [], { accepts: OFFERED });
      },
    });
  });
  return r;
}
