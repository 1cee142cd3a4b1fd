// db/inbox.ts against a fresh migrated database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { expect } from 'chai';
import { inboxPage, inboxQuery, NO_DEADLINE, type InboxCursor, type Wait } from '../../db/inbox.ts';
import { queryPlan } from '../database.ts';
import { insertDeadline } from '../../db/instances.ts';
import { deadlineRow, newInstance, sharedWorld } from './fixture.ts';

describe('db/inbox', () => {
  const s = sharedWorld();
  const o = (key: string) => s.w.demo.orgs[key];

  describe('inboxPage', () => {
    it("gives the active cases in states waiting on the union (own, parent or grandparent relation), soonest open deadline first", async () => {
      const waits: Wait[] = [
        { type: 'ib-a', version: 1, state: 'draft', relation: 'own' },
        { type: 'ib-a', version: 1, state: 'submitted', relation: 'parent' },
        { type: 'ib-b', version: 1, state: 'review', relation: 'grandparent' },
      ];
      const own = await newInstance(s.knex, o('jianwai').id, { type: 'ib-a', state: 'draft' });
      const child = await newInstance(s.knex, o('guomao').id, { type: 'ib-a', state: 'submitted' });
      const grandchild = await newInstance(s.knex, o('jianwai-station').id, { type: 'ib-b', state: 'review', created_at: '2026-02-01T00:00:00.000Z' });
      await newInstance(s.knex, o('guomao').id, { type: 'ib-a', state: 'draft' }); // own relation of another union
      await newInstance(s.knex, o('guomao').id, { type: 'ib-a', state: 'submitted', status: 'done' }); // finished
      await newInstance(s.knex, o('wangjing-tech').id, { type: 'ib-a', state: 'submitted' }); // another parent
      await newInstance(s.knex, o('jianwai-station').id, { type: 'ib-b', state: 'other' }); // a state that waits on nobody
      await insertDeadline(s.knex, deadlineRow(child.id, { due_at: 500 }));
      await insertDeadline(s.knex, deadlineRow(child.id, { due_at: 100, status: 'cancelled' })); // not open: not its soonest
      await insertDeadline(s.knex, deadlineRow(own.id, { due_at: 300, status: 'fired' }));
      const jianwaiWaits = waits.slice(0, 2);
      const page = await inboxPage(s.knex, { orgId: o('jianwai').id, waits: jianwaiWaits, limit: 10 });
      expect(page.map((r) => [r.id, r.soonest])).to.deep.equal([[own.id, 300], [child.id, 500]]);
      const chaoyang = await inboxPage(s.knex, { orgId: o('chaoyang').id, waits, limit: 10 });
      expect(chaoyang.map((r) => [r.id, r.soonest])).to.deep.equal([[grandchild.id, NO_DEADLINE]]);
      expect(await inboxPage(s.knex, { orgId: o('jianwai').id, waits: [], limit: 10 })).to.deep.equal([]);
    });

    it('gives the cases the union oversees without acting (watch), marked watching, sorted with its tasks; one it also waits on is a task', async () => {
      const waits: Wait[] = [
        { type: 'ib-watch', version: 1, state: 'open', relation: 'parent', watch: true },
        { type: 'ib-watch', version: 1, state: 'open.review', relation: 'parent' },
      ];
      const watched = await newInstance(s.knex, o('guomao').id, { type: 'ib-watch', state: 'open.nomination' });
      const both = await newInstance(s.knex, o('jianwai-hotel').id, { type: 'ib-watch', state: 'open.review' });
      await newInstance(s.knex, o('wangjing-tech').id, { type: 'ib-watch', state: 'open.nomination' }); // another district's
      await newInstance(s.knex, o('guomao').id, { type: 'ib-watch', state: 'closed' }); // out of the watched states
      await insertDeadline(s.knex, deadlineRow(watched.id, { due_at: 200 }));
      await insertDeadline(s.knex, deadlineRow(both.id, { due_at: 400 }));
      const page = await inboxPage(s.knex, { orgId: o('jianwai').id, waits, limit: 10 });
      expect(page.map((r) => [r.id, r.soonest, r.watching])).to.deep.equal([[watched.id, 200, true], [both.id, 400, false]]);
      const tasksOnly = await inboxPage(s.knex, { orgId: o('jianwai').id, waits: waits.slice(1), limit: 10 });
      expect(tasksOnly.map((r) => [r.id, r.watching])).to.deep.equal([[both.id, false]]);
      expect(await inboxPage(s.knex, { orgId: o('wangjing').id, waits: [], limit: 10 })).to.deep.equal([]);
    });

    it('gives only the cases of one union when asked (org)', async () => {
      const waits: Wait[] = [{ type: 'ib-org', version: 1, state: 'submitted', relation: 'parent' }];
      const a = await newInstance(s.knex, o('guomao').id, { type: 'ib-org', state: 'submitted' });
      const b = await newInstance(s.knex, o('jianwai-station').id, { type: 'ib-org', state: 'submitted' });
      const page = (org?: number) => inboxPage(s.knex, { orgId: o('jianwai').id, waits, org, limit: 10 }).then((r) => r.map((x) => x.id));
      expect(await page()).to.have.members([a.id, b.id]);
      expect(await page(o('guomao').id)).to.deep.equal([a.id]);
      expect(await page(o('zgc').id)).to.deep.equal([]);
    });

    it('pages after (soonest, created_at, id): cases with equal deadlines and without one are neither skipped nor repeated', async () => {
      const waits: Wait[] = [{ type: 'ib-page', version: 1, state: 's', relation: 'own' }];
      const org = o('yonganli').id;
      const made = [];
      for (const [due, day] of [[100, 2], [100, 1], [100, 1], [undefined, 1], [undefined, 3], [50, 9]] as const) {
        const c = await newInstance(s.knex, org, { type: 'ib-page', state: 's', created_at: `2026-02-0${day}T00:00:00.000Z` });
        if (due !== undefined) await insertDeadline(s.knex, deadlineRow(c.id, { due_at: due }));
        made.push(c.id);
      }
      const all = (await inboxPage(s.knex, { orgId: org, waits, limit: 100 })).map((r) => r.id);
      expect(all[0]).to.equal(made[5]);
      expect(all.slice(-2)).to.deep.equal([made[3], made[4]]);
      const seen: string[] = [];
      let after: InboxCursor | undefined;
      for (;;) {
        const page = await inboxPage(s.knex, { orgId: org, waits, limit: 2, after });
        if (!page.length) break;
        seen.push(...page.map((r) => r.id));
        const last = page.at(-1)!;
        after = [last.soonest, last.created_at, last.id];
      }
      expect(seen).to.deep.equal(all);
      expect(seen).to.have.members(made);
    });
  });

  describe('inboxQuery', () => {
    it("looks each waiting case's open deadlines up by (instance_id, status), never scanning every open deadline per case", async () => {
      const waits: Wait[] = [{ type: 'ib-plan', version: 1, state: 's', relation: 'own' }, { type: 'ib-plan', version: 1, state: 't', relation: 'parent' }];
      const plan = await queryPlan(s.knex, inboxQuery(s.knex, { orgId: o('jianwai').id, waits, limit: 10 }));
      expect(plan).to.include('deadlines_instance_id_status_index');
      expect(plan).not.to.include('deadlines_status_due_at_index');
    });
  });
});
