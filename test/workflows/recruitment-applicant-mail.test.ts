// Issue 10 item 6: an applicant with an email is told at qualification, at the exam and interview
// invitations (time and place), of every result (with the scores and rank that decided it), of a
// call-up and of the hire; one without an email gets no mail and no error. Pure: the applicant
// machine's notify actions; the mail's note also carries the event's reason (notifications/notify.ts).
import { expect } from 'chai';
import type { AnyMachineSnapshot } from 'xstate';
import { pureInitialTransition, pureTransition } from '../../workflows/engine/pure.ts';
import { machine } from '../../workflows/recruitment-applicant/recruitment-applicant.machine.ts';

const at = '2026-03-21T01:00:00.000Z';
const actor = { id: 'system', name: '系统', orgId: null, roles: [] };
const start = (email?: string) => pureInitialTransition(machine, {
  key: 'c/1', post: { id: 'A', title: '社会工作者', unitId: 7, unitName: '建外街道工会服务站' },
  person: { name: '张三', idNumber: '1101**********0012', idNumberRef: 1, certificates: [], ...(email ? { email } : {}) }, bonus: 0,
})[0];
/** Runs the events; answers [template, note] of every mail, in order. */
function mails(snap: AnyMachineSnapshot, events: Record<string, unknown>[]): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  for (const e of events) {
    const [next, actions] = pureTransition(machine, snap, { ...e, actor, at } as never);
    snap = next;
    for (const a of actions as { type: string; params: any }[]) if (a.type === 'notify') out.push([a.params.template, a.params.note]);
  }
  return out;
}
const slot = (place: string) => ({ time: at, place });

describe('recruitment-applicant mail (issue 10 item 6)', () => {
  it('tells the applicant at qualification, both invitations with time and place, the scores with the result, the hire with its start date', () => {
    const told = mails(start('z@example.org.cn'), [
      { type: 'QUALIFY' }, { type: 'EXAM_NOTICE', ...slot('朝阳区职工服务中心') }, { type: 'WRITTEN_SCORE', written: 78.5, writtenAdj: 88.5 },
      { type: 'INVITE', ...slot('305 会议室'), writtenRank: 2 }, { type: 'INTERVIEW_SCORE', interview: 80, total: 85.1 }, { type: 'SELECT', rank: 1 },
      { type: 'CHECK_PASS' }, { type: 'PUBLICISE' }, { type: 'HIRE', startDate: '2026-04-01' },
    ]);
    expect(told.map(([t]) => t)).to.deep.equal(['applicant_qualified', 'applicant_exam_invitation', 'applicant_interview_invitation', 'applicant_selected', 'applicant_hired']);
    expect(told[1][1]).to.include(at).and.include('朝阳区职工服务中心');
    expect(told[2][1]).to.include(at).and.include('305 会议室').and.include('88.5').and.include('第 2 名');
    expect(told[3][1]).to.include('85.1').and.include('第 1 名');
    expect(told[4][1]).to.include('2026-04-01');
  });
  it('tells the result with the scores: not invited, ranked in the reserve, called up, absent', () => {
    const scored = [{ type: 'QUALIFY' }, { type: 'WRITTEN_SCORE', written: 61, writtenAdj: 61 }];
    const notInvited = mails(start('z@example.org.cn'), [...scored, { type: 'NOT_INVITE', writtenRank: 9, reason: '笔试排名未进入面试范围' }]);
    expect(notInvited.at(-1)![0]).to.equal('applicant_result');
    expect(notInvited.at(-1)![1]).to.include('61').and.include('第 9 名');
    const reserve = mails(start('z@example.org.cn'), [...scored, { type: 'INVITE', ...slot('p'), writtenRank: 3 }, { type: 'INTERVIEW_SCORE', interview: 70, total: 64.6 }, { type: 'RESERVE', rank: 2 }, { type: 'CALL_UP' }]);
    expect(reserve.slice(-2).map(([t]) => t)).to.deep.equal(['applicant_result', 'applicant_called_up']);
    expect(reserve.at(-2)![1]).to.include('64.6').and.include('第 2 名');
    const absent = mails(start('z@example.org.cn'), [{ type: 'QUALIFY' }, { type: 'ABSENT', reason: '缺考笔试' }]);
    expect(absent.at(-1)![0]).to.equal('applicant_result');
  });
  it('sends nothing to an applicant without an email, and fails nothing', () => {
    expect(mails(start(), [{ type: 'QUALIFY' }, { type: 'EXAM_NOTICE', ...slot('p') }, { type: 'ABSENT', reason: '缺考笔试' }])).to.deep.equal([]);
  });
});
