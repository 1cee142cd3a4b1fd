// The page says "剩 N 个工作日 / N working days left": the API counts them on the holiday calendar
// (`workingDaysLeft`) beside the calendar `daysLeft`, in /api/deadlines, a case and the inbox.
import { expect } from 'chai';
import { startTestSystem, submittedRequest, type Sys } from './client.ts';

const P4 = '/api/workflows/chair-by-election/instances';
const vacancy = { vacancyDate: '2026-02-10', reason: 'transferred', actingChair: '赵副主席', previousChair: '钱主席' };
const party = { partyAgreement: true, partyOrganisation: '北京国贸物业管理有限公司党支部', partyAgreedOn: '2026-03-02' };

describe('working days left on a deadline', () => {
  let s: Sys;
  let id = '';
  before(async () => {
    s = await startTestSystem(); // Monday 2026-03-02 10:00 Beijing
    id = (await s.call('POST', P4, 'guomao.requester', vacancy)).body.id;
    await s.call('POST', `/api/instances/${id}/events`, 'guomao.requester', { type: 'NOMINATE', candidates: [{ name: '孙敏', currentPost: '工会副主席', partyMember: true }] });
    await s.call('POST', `/api/instances/${id}/events`, 'jianwai.approver', { type: 'APPROVE_CANDIDATE', ...party });
  });
  after(async () => s?.cleanup());

  const publicity = (ds: any[]) => ds.find((d) => d.title?.zh === '候选人公示期满');
  const hard = (ds: any[]) => ds.find((d) => d.title?.zh === '主席补选期限（空缺之日起三个月）');

  it('publicity ending Monday 2026-03-09: 7 calendar days but 5 working days left (Tue–Fri and the Monday)', async () => {
    const list = await s.call('GET', '/api/deadlines?within=30d', 'jianwai.approver');
    expect(list.status).to.equal(200);
    expect(publicity(list.body.items)).to.include({ daysLeft: 7, workingDaysLeft: 5 });
    const one = await s.call('GET', `/api/instances/${id}`, 'guomao.requester');
    expect(publicity(one.body.deadlines)).to.include({ daysLeft: 7, workingDaysLeft: 5 });
  });

  it('the three months to 2026-05-10 skip weekends and the May Day and Qingming holidays', async () => {
    const d = hard((await s.call('GET', `/api/instances/${id}`, 'guomao.requester')).body.deadlines);
    expect(d.daysLeft).to.equal(69);
    expect(d.workingDaysLeft).to.be.within(40, 49); // ten weeks less public holidays, 调休 Saturdays added back
  });

  it('the inbox\'s cases count working days too', async () => {
    const p1 = await submittedRequest(s); // waits on the parent union's approver, with its answer deadline
    const c = (await s.call('GET', '/api/tasks', 'jianwai.approver')).body.items.find((x: any) => x.id === p1);
    expect(c.deadlines).to.not.be.empty;
    for (const d of c.deadlines) expect(d.workingDaysLeft, d.title?.zh).to.be.a('number').and.at.most(d.daysLeft);
  });

  it('a deadline due today or passed has 0 working days left', async () => {
    s.clock.set('2026-03-09T08:00:00Z'); // Monday 16:00 Beijing, the last day of publicity
    const d = publicity((await s.call('GET', `/api/instances/${id}`, 'guomao.requester')).body.deadlines);
    expect(d).to.include({ daysLeft: 0, workingDaysLeft: 0 });
  });
});
