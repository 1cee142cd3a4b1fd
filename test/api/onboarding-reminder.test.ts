// The 30-day onboarding reminder (R-prejob §3.2.3, P7): HR is told of anyone still onboarding 30
// days after the start date, once per person, across a restart; nobody who finished training.
import { expect } from 'chai';
import { withCheckDigit } from '../../workflows/rules/resident-id.ts';
import { startTestSystem, type Sys } from './client.ts';

describe('onboarding reminder: HR told once of anyone still onboarding after 30 days', () => {
  const DAY = 86_400_000;
  const person = (s: Sys, name: string, idNumber: string) => s.call('POST', '/api/people', 'chaoyang.hr', {
    name, idNumber, kind: 'community_officer', orgId: s.demo!.orgs.yonganli.id, post: '专职干事', startDate: '2026-03-02',
  });
  const reminders = (s: Sys) => s.knex('outbox').where({ template: 'register.onboarding_overdue' }).orderBy('id');

  it('fires on day 30, not on day 29, to the HR above a union without one; once, also after a restart; not for someone in post', async () => {
    const first = await startTestSystem();
    const tokens = Object.fromEntries(Object.entries(first.demo!.users).map(([k, v]) => [k, v.token]));
    let second: Sys | undefined;
    try {
      const late = (await person(first, '吴刚', withCheckDigit('11010519850505001'))).body.id;
      const trained = (await person(first, '郑洁', withCheckDigit('11010519860606002'))).body.id;
      await first.call('POST', `/api/people/${trained}/records`, 'chaoyang.hr', { kind: 'training', onDate: '2026-03-05', course: '岗前培训', hours: 16 });
      first.clock.advance(29 * DAY); // 2026-03-31 10:00 Beijing: day 29
      await first.scheduler.tick();
      expect(await reminders(first)).to.have.length(0);
      first.clock.advance(DAY); // 2026-04-01: 30 days after the start date
      await first.scheduler.tick();
      await first.scheduler.tick();
      const sent = await reminders(first);
      expect(sent.map((m) => [m.to_email, m.status])).to.deep.equal([['chaoyang.hr@example.org.cn', 'pending']]);
      expect(sent[0].subject).to.include('吴刚');
      expect(sent[0].body).to.include('R-prejob §3.2.3').and.include(`/people/${late}`);
      await first.stop();
      second = await startTestSystem({ db: first.db, clock: first.clock, tokens });
      second.clock.advance(DAY);
      await second.scheduler.tick();
      expect(await reminders(second)).to.have.length(1);
    } finally {
      if (second) await second.cleanup();
      else await first.stop();
      await first.db.drop();
    }
  });
});
