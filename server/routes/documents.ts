// Issued documents: an HTML print view of the frozen content; JSON, or the print view as PDF, on request.
import { Router } from 'express';
import { getDocument } from '../../db/documents.ts';
import { getInstance } from '../../db/instances.ts';
import { getOrg } from '../../db/orgs.ts';
import { clip, DomainError, notFound } from '../../workflows/engine/errors.ts';
import { requireInSubtree } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { documentHtml } from '../print.ts';
import { attachmentHeader } from '../pdf.ts';
import { definition } from '../../workflows/registry.ts';

/** What a document can be served as: PDF only where a Chromium prints it; HTML first, so a browser's Accept gets the page. */
const OFFERED = ['text/html', 'application/json'];

export function documentRoutes({ knex, pdf }: AppDeps) {
  const r = Router();
  r.get('/documents/:id', async (req, res) => {
    const doc = /^[0-9]{1,9}$/.test(req.params.id) ? await getDocument(knex, Number(req.params.id)) : undefined;
    if (!doc) throw notFound(`文书 ${clip(req.params.id)} / document ${clip(req.params.id)}`);
    const inst = (await getInstance(knex, doc.instance_id))!;
    requireInSubtree(req.caller, (await getOrg(knex, inst.org_id))!);
    const content = JSON.parse(doc.content);
    const meta = { id: doc.id, number: doc.number, title: doc.title, kind: doc.kind, issuedAt: doc.issued_at, contentHash: doc.content_hash, instanceId: doc.instance_id };
    const offered = pdf?.available() ? [...OFFERED, 'application/pdf'] : OFFERED;
    const html = () => documentHtml(definition(inst.type, inst.definition_version), doc.kind, meta, content);
    res.vary('Accept');
    const type = req.accepts(offered);
    if (type === 'text/html') res.type('html').send(html());
    else if (type === 'application/json') res.json({ ...meta, content });
    else if (type === 'application/pdf') {
      const file = await pdf!.render(html());
      res.type('application/pdf').set('Content-Disposition', attachmentHeader(`${doc.number}.pdf`, `document-${doc.id}.pdf`)).send(file);
    } else throw new DomainError('not_acceptable', '无法提供该格式 / Not acceptable', `文书可提供 ${offered.join('、')} / the document is available as ${offered.join(', ')}`, [], { accepts: offered });
  });
  return r;
}
