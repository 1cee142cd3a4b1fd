// What the web page reads (issue 9 items 2–3): definitions with zh/en titles everywhere, the form
// schemas, the diagram as a graph, and for a case the path it took and whether its chain holds.
import { expect } from 'chai';
import { startTestSystem, submittedRequest, type Sys } from './client.ts';

const bilingual = (t: unknown, at: string) => {
  expect(t, at).to.have.keys('zh', 'en');
  expect((t as { zh: string }).zh, at).to.not.include(' / ');
};

describe('what the page reads', () => {
  let s: Sys;
  before(async () => { s = await startTestSystem(); });
  after(async () => s.cleanup());

  it('GET /api/workflows and /:type title the definition, start, states, events and deadlines as { zh, en }', async () => {
    const list = await s.call('GET', '/api/workflows', 'guomao.requester');
    for (const brief of list.body.items) {
      const d = (await s.call('GET', `/api/workflows/${brief.type}`, 'guomao.requester')).body;
      for (const w of [brief, d]) {
        bilingual(w.title, `${w.type} title`);
        bilingual(w.description, `${w.type} description`);
        bilingual(w.start.title, `${w.type} start`);
        for (const x of w.states) bilingual(x.title, `${w.type} state ${x.name}`);
        for (const x of w.events) bilingual(x.title, `${w.type} event ${x.type}`);
        for (const x of w.deadlines) bilingual(x.title, `${w.type} deadline ${x.id}`);
        for (const n of w.diagram.graph.nodes) bilingual(n.title, `${w.type} node ${n.id}`);
      }
      expect(d.start.schema.properties, d.type).to.be.an('object');
      expect(d.start.schema['x-title-en'], d.type).to.be.a('string');
      expect(d.events[0].schema.properties.type['x-widget']).to.equal('hidden');
    }
  });

  it('publishes the diagram as nodes and edges beside the Mermaid source', async () => {
    const d = (await s.call('GET', '/api/workflows/purchased-service-hire', 'guomao.requester')).body;
    expect(d.diagram.source).to.match(/^stateDiagram-v2/);
    expect(d.diagram.graph.nodes.find((n: any) => n.id === 'draft')).to.include({ initial: true, final: false, parent: null });
    expect(d.diagram.graph.edges).to.deep.include({ from: 'draft', to: 'submitted', event: 'SUBMIT', guarded: false });
  });

  it('GET /api/instances/:id gives the path taken and a verified chain; the history gives the same path', async () => {
    const id = await submittedRequest(s);
    await s.call('POST', `/api/instances/${id}/events`, 'jianwai.approver', { type: 'RETURN', comment: '请补充岗位职责' });
    await s.call('POST', `/api/instances/${id}/events`, 'guomao.requester', { type: 'RESUBMIT' });
    const one = await s.call('GET', `/api/instances/${id}`, 'jianwai.approver');
    expect(one.status).to.equal(200);
    expect(one.body.path).to.deep.equal(['draft', 'submitted', 'returned', 'submitted']);
    expect(one.body.chain).to.deep.equal({ verified: true, checkedAt: s.clock.now().toISOString() });
    expect((await s.call('GET', `/api/instances/${id}/history`, 'jianwai.approver')).body.path).to.deep.equal(one.body.path);
  });

  it('shows a broken chain as not verified', async () => {
    const id = await submittedRequest(s);
    await s.knex('history').where({ instance_id: id, seq: 1 }).update({ actor_name: '篡改 / tampered' });
    expect((await s.call('GET', `/api/instances/${id}`, 'jianwai.approver')).body.chain.verified).to.equal(false);
  });
});
