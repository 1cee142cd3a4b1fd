// The full P1 story over HTTP, as a grassroots union and its parent union live it.
import { expect } from 'chai';
import { withCheckDigit } from '../../workflows/rules/resident-id.ts';
import { p1Request } from '../helpers.ts';
import { P1, startTestSystem, type Sys } from './client.ts';

describe('P1 purchased-service hire over HTTP', () => {
  let s: Sys;
  before(async () => { s = await startTestSystem(); });
  after(async () => s.cleanup());

  it('request → return → resubmit → approve → written approval → candidate → contract → person in the register', async () => {
    const started = await s.call('POST', P1, 'guomao.requester', p1Request());
    expect(started.status).to.equal(201);
    expect(started.headers.get('location')).to.equal(`/api/instances/${started.body.id}`);
    expect(started.headers.get('etag')).to.equal('"1"');
    const id = started.body.id;
    expect(started.body).to.include({ state: 'draft', status: 'active', type: 'purchased-service-hire', definitionVersion: 1 });
    expect(started.body.allowedEvents.map((e: any) => e.type)).to.have.members(['UPDATE', 'SUBMIT', 'WITHDRAW']);

    const submitted = await s.call('POST', `/api/instances/${id}/events`, 'guomao.requester', { type: 'SUBMIT' }, { 'if-match': '"1"' });
    expect(submitted.status).to.equal(200);
    expect(submitted.body.state).to.equal('submitted');
    // Answer due at the end of working day 10 after Mon 2026-03-02: Mon 2026-03-16, 24:00 Beijing time.
    const due = submitted.body.deadlines.find((d: any) => d.kind === 'escalation');
    expect(due).to.include({ dueAt: '2026-03-16T16:00:00.000Z', clause: '§3.1.3 [default: 10 working days]', rule: 'R-psh-approval' });
    expect(submitted.body.deadlines.filter((d: any) => d.kind === 'reminder')).to.have.length(2);

    const inbox = await s.call('GET', '/api/tasks', 'jianwai.approver');
    expect(inbox.body.items.map((i: any) => i.id)).to.include(id);
    const mine = inbox.body.items.find((i: any) => i.id === id);
    expect(mine.allowedEvents.map((e: any) => e.type)).to.have.members(['APPROVE', 'REJECT', 'RETURN']);

    const returned = await s.call('POST', `/api/instances/${id}/events`, 'jianwai.approver', { type: 'RETURN', comment: '请补充岗位职责和经费测算' });
    expect(returned.body.state).to.equal('returned');
    expect(returned.body.deadlines).to.have.length(0); // left the state that declared them
    // Returned: it waits on the case's own union now, so it moves from the approver's inbox to the requester's.
    expect((await s.call('GET', '/api/tasks', 'guomao.requester')).body.items.map((i: any) => i.id)).to.include(id);
    expect((await s.call('GET', '/api/tasks', 'jianwai.approver')).body.items.map((i: any) => i.id)).to.not.include(id);
    const edited = await s.call('POST', `/api/instances/${id}/events`, 'guomao.requester', { type: 'UPDATE', annualBudgetYuan: 88000 });
    expect(edited.body.context.request.annualBudgetYuan).to.equal(88000);
    const again = await s.call('POST', `/api/instances/${id}/events`, 'guomao.requester', { type: 'RESUBMIT', note: '已补充' });
    expect(again.body.state).to.equal('submitted');
    expect(again.body.context.rounds).to.have.length(2);
    expect(again.body.context.rounds[0]).to.include({ comment: '请补充岗位职责和经费测算' });

    const approved = await s.call('POST', `/api/instances/${id}/events`, 'jianwai.approver', { type: 'APPROVE', conditions: '依法签订劳动合同，按月足额发放薪酬' });
    expect(approved.status).to.equal(200);
    expect(approved.body.state).to.equal('approved');
    expect(approved.body.documents).to.have.length(1);
    expect(approved.body.documents[0].number).to.equal('建外工批〔2026〕1号');
    expect(approved.body.deadlines.map((d: any) => d.kind)).to.have.members(['reminder', 'lapse']);

    const doc = await s.call('GET', approved.body.documents[0].href, 'guomao.requester', undefined, { accept: 'text/html' });
    expect(doc.status).to.equal(200);
    expect(doc.headers.get('content-type')).to.match(/text\/html/);
    expect(doc.body).to.include('建外工批〔2026〕1号').and.include('北京国贸物业管理有限公司工会').and.include('依法签订劳动合同').and.include('R-psh-approval');
    const docJson = await s.call('GET', approved.body.documents[0].href, 'guomao.requester', undefined, { accept: 'application/json' });
    expect(docJson.body.content.request.annualBudgetYuan).to.equal(88000);

    const idNumber = withCheckDigit('11010519900307123');
    const cand = await s.call('POST', `/api/instances/${id}/events`, 'guomao.requester', {
      type: 'RECORD_CANDIDATE', name: '周敏', idNumber, knowsLabourLaw: true, goodAtMassWork: true,
      certificate: { name: '社会工作者职业水平证书', number: 'SW2024-0113', level: 'assistant' },
    });
    expect(cand.status).to.equal(200);
    expect(cand.body.context.candidates[0].idNumber).to.equal(`${idNumber.slice(0, 4)}**********${idNumber.slice(14)}`);

    const wrongKind = await s.call('POST', `/api/instances/${id}/events`, 'guomao.requester', { type: 'RECORD_CONTRACT', candidate: 'c1', kind: 'service_agreement', number: 'HT-1', startDate: '2026-04-01', endDate: '2027-03-31' });
    expect(wrongKind.status).to.equal(422);
    expect(wrongKind.body.errors[0]).to.include({ pointer: '/kind' });

    const contract = await s.call('POST', `/api/instances/${id}/events`, 'guomao.requester', { type: 'RECORD_CONTRACT', candidate: 'c1', kind: 'labour_contract', number: 'GM-2026-017', startDate: '2026-04-01', endDate: '2029-03-31' });
    expect(contract.status).to.equal(200);
    expect(contract.body).to.include({ state: 'completed', status: 'done' });
    expect(contract.body.deadlines).to.have.length(0);

    const people = await s.call('GET', '/api/people?kind=purchased_service_staff', 'chaoyang.hr');
    const person = people.body.items.find((p: any) => p.sourceInstanceId === id);
    expect(person).to.include({ name: '周敏', kind: 'purchased_service_staff', status: 'in_post', startDate: '2026-04-01', orgId: started.body.orgId });
    expect(person.idNumber).to.not.equal(idNumber); // masked in lists
    const full = await s.call('GET', `/api/people/${person.id}`, 'chaoyang.hr');
    expect(full.body.idNumber).to.equal(idNumber);
    expect(full.body.details.contract).to.include({ number: 'GM-2026-017', kind: 'labour_contract' });
    expect(full.body.details.certificate).to.include({ number: 'SW2024-0113' });
    // The timeline starts with the hire: the first status and the contract, linked to the case (R-realname §3.4).
    expect(full.body.contractEnd).to.equal('2029-03-31');
    expect(full.body.entries.map((e: any) => [e.kind, e.onDate, e.sourceInstanceId])).to.deep.equal([['status', '2026-04-01', id], ['contract', '2026-04-01', id]]);
    expect(full.body.entries[1].data).to.deep.equal({ kind: 'labour_contract', number: 'GM-2026-017', from: '2026-04-01', to: '2029-03-31' });

    const history = await s.call('GET', `/api/instances/${id}/history`, 'chaoyang.viewer');
    expect(history.body.items.map((h: any) => h.type)).to.deep.equal(['START', 'SUBMIT', 'RETURN', 'UPDATE', 'RESUBMIT', 'APPROVE', 'RECORD_CANDIDATE', 'RECORD_CONTRACT']);
    expect(history.body.items.map((h: any) => h.seq)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(history.body.chain.valid).to.equal(true);
    expect(JSON.stringify(history.body)).to.not.include(idNumber);

    const mail = await s.knex('outbox').where({ instance_id: id }).orderBy('id');
    expect(mail.map((m: any) => [m.template, m.to_email])).to.deep.equal([
      ['task_assigned', 'jianwai.approver@example.org.cn'],
      ['decision', 'guomao.requester@example.org.cn'],
      ['task_assigned', 'jianwai.approver@example.org.cn'],
      ['decision', 'guomao.requester@example.org.cn'],
    ]);
  });

  it('numbers written approvals per approving union and year', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { body } = await s.call('POST', P1, 'guomao.requester', p1Request());
      await s.call('POST', `/api/instances/${body.id}/events`, 'guomao.requester', { type: 'SUBMIT' });
      const ok = await s.call('POST', `/api/instances/${body.id}/events`, 'jianwai.approver', { type: 'APPROVE' });
      numbers.push(ok.body.documents[0].number);
    }
    expect(numbers).to.deep.equal(['建外工批〔2026〕2号', '建外工批〔2026〕3号']);
    const { body } = await s.call('POST', P1, 'zgc-soft.requester', p1Request());
    await s.call('POST', `/api/instances/${body.id}/events`, 'zgc-soft.requester', { type: 'SUBMIT' });
    const other = await s.call('POST', `/api/instances/${body.id}/events`, 'zgc.approver', { type: 'APPROVE' });
    expect(other.body.documents[0].number).to.equal('中关村工批〔2026〕1号');
  });

  it('rejection needs a reason and ends the case; withdrawal before the decision tells the approver', async () => {
    const a = (await s.call('POST', P1, 'guomao.requester', p1Request())).body.id;
    await s.call('POST', `/api/instances/${a}/events`, 'guomao.requester', { type: 'SUBMIT' });
    const noReason = await s.call('POST', `/api/instances/${a}/events`, 'jianwai.approver', { type: 'REJECT' });
    expect(noReason.status).to.equal(422);
    expect(noReason.body.errors[0].pointer).to.equal('/reason');
    const blank = await s.call('POST', `/api/instances/${a}/events`, 'jianwai.approver', { type: 'REJECT', reason: '   ' });
    expect(blank.status).to.equal(422);
    const rejected = await s.call('POST', `/api/instances/${a}/events`, 'jianwai.approver', { type: 'REJECT', reason: '本级经费不足以支付' });
    expect(rejected.body).to.include({ state: 'rejected', status: 'done' });
    expect(rejected.body.allowedEvents).to.deep.equal([]);

    const b = (await s.call('POST', P1, 'guomao.requester', p1Request())).body.id;
    await s.call('POST', `/api/instances/${b}/events`, 'guomao.requester', { type: 'SUBMIT' });
    const w = await s.call('POST', `/api/instances/${b}/events`, 'guomao.requester', { type: 'WITHDRAW', reason: '改为内部调剂' });
    expect(w.body).to.include({ state: 'withdrawn', status: 'cancelled' });
    const tasks = await s.call('GET', '/api/tasks', 'jianwai.approver');
    expect(tasks.body.items.map((i: any) => i.id)).to.not.include(b);
    const mail = await s.knex('outbox').where({ instance_id: b, template: 'withdrawn' });
    expect(mail).to.have.length(1);
  });

  it('describes each process with states, events, schemas, clauses and a diagram', async () => {
    const list = await s.call('GET', '/api/workflows', 'chaoyang.viewer');
    const p1 = list.body.items.find((w: any) => w.type === 'purchased-service-hire');
    expect(p1.title).to.deep.equal({ zh: '购买服务聘用审批', en: 'Purchased-service hire approval' });
    expect(p1.rules.map((r: any) => r.rule)).to.include('R-psh-approval');
    expect(p1.diagram.source).to.match(/^stateDiagram-v2/).and.include('submitted --> approved: APPROVE');
    const one = await s.call('GET', '/api/workflows/purchased-service-hire', 'chaoyang.viewer');
    expect(one.body.start.schema.required).to.include('contractKind');
    expect(one.body.events.find((e: any) => e.type === 'REJECT').schema.required).to.include('reason');
    const api = await s.call('GET', '/api/openapi.json', null);
    expect(api.body.openapi).to.equal('3.1.0');
    const startBody = api.body.paths['/api/workflows/purchased-service-hire/instances'].post.requestBody.content['application/json'].schema;
    expect(api.body.components.schemas[startBody.$ref.split('/').pop()].required).to.include('posts');
    const docs = await s.call('GET', '/api/docs', null);
    expect(docs.body).to.include('/api/instances/{id}/events');
  });
});
