// The answer to an event is the case as GET shows it (less GET's path and chain check), built from the rows the engine read and
// wrote for the transition: its open deadlines are not read a second time (not at all when the step itself wrote them all).
import { expect } from 'chai';
import { startTestSystem, submittedRequest, type Sys } from './client.ts';

describe('the answer to POST /api/instances/:id/events', () => {
  let s: Sys;
  beforeEach(async () => { s = await startTestSystem(); });
  afterEach(async () => s.cleanup());

  for (const key of [undefined, 'answer-1']) {
    it(`is the case as GET shows it, with the open deadlines read at most once${key ? ' (with an Idempotency-Key)' : ''}`, async () => {
      const id = await submittedRequest(s);
      const selects: string[] = [];
      const on = (q: { sql: string }) => void (/^select/i.test(q.sql) && /deadlines/.test(q.sql) && selects.push(q.sql));
      s.knex.on('query', on);
      const res = await s.call('POST', `/api/instances/${id}/events`, 'jianwai.approver', { type: 'RETURN', comment: '请补充 / please add' }, key ? { 'idempotency-key': key } : {});
      s.knex.off('query', on);
      expect(res.status).to.equal(200);
      expect(selects, selects.join('\n')).to.have.length.at.most(1);
      const get = await s.call('GET', `/api/instances/${id}`, 'jianwai.approver');
      // The single GET adds what only the case page reads (the path taken and the chain check, from its history).
      const { path: _path, chain: _chain, ...view } = get.body;
      expect(res.body).to.deep.equal(view);
    });
  }
});
