// Issued documents: an HTML print view of the frozen content; JSON on request.
import { Router } from 'express';
import { getDocument } from '../../db/documents.ts';
import { getInstance } from '../../db/instances.ts';
import { getOrg } from '../../db/orgs.ts';
import { notFound } from '../../workflows/engine/errors.ts';
import { requireInSubtree } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { writtenApprovalHtml } from '../print.ts';

export function documentRoutes({ knex }: AppDeps) {
  const r = Router();
  r.get('/documents/:id', async (req, res) => {
    const doc = /^[0-9]{1,9}$/.test(req.params.id) ? await getDocument(knex, Number(req.params.id)) : undefined;
    if (!doc) throw notFound(`文书 ${req.params.id} / document ${req.params.id}`);
    const inst = (await getInstance(knex, doc.instance_id))!;
    requireInSubtree(req.caller, (await getOrg(knex, inst.org_id))!);
    const content = JSON.parse(doc.content);
    const meta = { id: doc.id, number: doc.number, title: doc.title, kind: doc.kind, issuedAt: doc.issued_at, contentHash: doc.content_hash, instanceId: doc.instance_id };
    res.format({
      'text/html': () => res.type('html').send(writtenApprovalHtml(meta, content)),
      'application/json': () => res.json({ ...meta, content }),
    });
  });
  return r;
}
