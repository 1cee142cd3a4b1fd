// db/people.ts against a fresh migrated database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { expect } from 'chai';
import { closeRecord, getPerson, updatePerson, insertPeople, insertPerson, listPeople, markOnboardingReminded, onboardingUnreminded, openRecordsOf, openRecordsOfIdentities, peopleInPostOn } from '../../db/people.ts';
import { insertIdentitiesIfNew, identitiesByHashes } from '../../db/identities.ts';
import type { PersonRow } from '../../db/tables.ts';
import { ids, sharedWorld } from './fixture.ts';

describe('db/people', () => {
  const s = sharedWorld();
  const o = (key: string) => s.w.demo.orgs[key];
  const person = (orgKey: string, o2: Partial<PersonRow> = {}): Omit<PersonRow, 'id'> => ({
    org_id: o(orgKey).id, name: '张三', identity_id: null, kind: 'social_worker', status: 'in_post', start_date: '2026-01-01', end_date: null,
    details: JSON.stringify({ phone: '13800000000' }), source_instance_id: null, created_at: '2026-03-01T00:00:00.000Z', ...o2,
  });

  describe('insertPerson', () => {
    it('writes the record and returns its id', async () => {
      const id = await insertPerson(s.knex, person('guomao', { name: '李四' }));
      expect(id).to.be.a('number');
      expect(await getPerson(s.knex, id)).to.deep.include({ name: '李四', org_id: o('guomao').id, status: 'in_post' });
    });
  });

  describe('insertPeople', () => {
    it('writes many records in one statement, none for none', async () => {
      await insertPeople(s.knex, [person('guomao', { name: '批量甲' }), person('zgc', { name: '批量乙' })]);
      await insertPeople(s.knex, []);
      expect((await s.knex('people').whereIn('name', ['批量甲', '批量乙'])).map((p) => p.org_id).sort()).to.deep.equal([o('guomao').id, o('zgc').id].sort());
    });
  });

  describe('openRecordsOfIdentities', () => {
    it('gives the open records (in post, onboarding) of these identities, not closed ones; none for no ids', async () => {
      await insertIdentitiesIfNew(s.knex, ['o-1', 'o-2'].map((h) => ({ encrypted: h, keyed_hash: h, masked: '****', created_at: '2026-03-01T00:00:00.000Z' })));
      const [a, b] = (await identitiesByHashes(s.knex, ['o-1', 'o-2'])).sort((x, y) => x.keyed_hash.localeCompare(y.keyed_hash));
      await insertPeople(s.knex, [person('guomao', { identity_id: a.id }), person('zgc', { identity_id: a.id, status: 'onboarding' }), person('zgc', { identity_id: b.id, status: 'exited' })]);
      expect((await openRecordsOfIdentities(s.knex, [a.id, b.id])).map((p) => p.status).sort()).to.deep.equal(['in_post', 'onboarding']);
      expect(await openRecordsOfIdentities(s.knex, [])).to.deep.equal([]);
    });
  });

  describe('getPerson', () => {
    it('reads a record by id, nothing for an unknown id', async () => {
      const id = await insertPerson(s.knex, person('zgc'));
      expect((await getPerson(s.knex, id))!.id).to.equal(id);
      expect(await getPerson(s.knex, 999_999)).to.equal(undefined);
    });
  });

  describe('listPeople', () => {
    it('lists a subtree by id, paged with after/limit, filtered by kind, union and status', async () => {
      const a = await insertPerson(s.knex, person('jianwai-hotel', { kind: 'chair' }));
      const b = await insertPerson(s.knex, person('jianwai-hotel', { status: 'left' }));
      const c = await insertPerson(s.knex, person('yonganli'));
      const outside = await insertPerson(s.knex, person('wangjing-tech'));
      const all = ids(await listPeople(s.knex, { subtreeOf: o('jianwai'), limit: 100 }));
      expect(all).to.include.members([a, b, c]).and.not.include(outside);
      expect(all).to.deep.equal([...all].sort((x, y) => x - y));
      const first = ids(await listPeople(s.knex, { subtreeOf: o('jianwai'), limit: 1 }));
      const rest = ids(await listPeople(s.knex, { subtreeOf: o('jianwai'), after: first[0], limit: 100 }));
      expect([...first, ...rest]).to.deep.equal(all);
      expect(ids(await listPeople(s.knex, { subtreeOf: o('jianwai'), kind: 'chair', limit: 100 }))).to.deep.equal([a]);
      expect(ids(await listPeople(s.knex, { subtreeOf: o('jianwai'), org: o('jianwai-hotel').id, limit: 100 }))).to.deep.equal([a, b]);
      expect(ids(await listPeople(s.knex, { subtreeOf: o('jianwai'), org: o('jianwai-hotel').id, status: 'left', limit: 100 }))).to.deep.equal([b]);
    });

    it('finds by a part of the name, LIKE wildcards in it taken literally', async () => {
      const wang = await insertPerson(s.knex, person('jianwai-hotel', { name: '王小芳' }));
      await insertPerson(s.knex, person('jianwai-hotel', { name: '李强' }));
      const pct = await insertPerson(s.knex, person('jianwai-hotel', { name: '100%_测试' }));
      await insertPerson(s.knex, person('wangjing-tech', { name: '王小芳' }));
      expect(ids(await listPeople(s.knex, { subtreeOf: o('jianwai'), name: '小芳', limit: 100 }))).to.deep.equal([wang]);
      expect(ids(await listPeople(s.knex, { subtreeOf: o('jianwai'), name: '%_', limit: 100 }))).to.deep.equal([pct]);
      expect(ids(await listPeople(s.knex, { subtreeOf: o('jianwai'), name: '_', limit: 100 }))).to.deep.equal([pct]);
    });

    it('finds by a part of the post and by a contract ending before a day', async () => {
      const a = await insertPerson(s.knex, person('yonganli', { post: '社区专职干事', contract_end: '2026-06-30' }));
      const b = await insertPerson(s.knex, person('yonganli', { post: '法律援助', contract_end: '2027-06-30' }));
      await insertPerson(s.knex, person('yonganli'));
      expect(ids(await listPeople(s.knex, { subtreeOf: o('yonganli'), post: '专职', limit: 100 }))).to.deep.equal([a]);
      expect(ids(await listPeople(s.knex, { subtreeOf: o('yonganli'), contractEndsBefore: '2027-01-01', limit: 100 }))).to.deep.equal([a]);
      expect(ids(await listPeople(s.knex, { subtreeOf: o('yonganli'), contractEndsBefore: '2028-01-01', limit: 100 }))).to.deep.equal([a, b]);
    });
  });

  describe('onboardingUnreminded', () => {
    it('gives people onboarding since a day or before, not yet reminded, by id', async () => {
      const due = await insertPerson(s.knex, person('zgc-station', { status: 'onboarding', start_date: '2025-01-01' }));
      await insertPerson(s.knex, person('zgc-station', { status: 'onboarding', start_date: '2025-01-03' }));
      await insertPerson(s.knex, person('zgc-station', { status: 'in_post', start_date: '2024-01-01' }));
      await insertPerson(s.knex, person('zgc-station', { status: 'onboarding', start_date: '2024-01-01', onboarding_reminded_at: '2024-02-01T00:00:00.000Z' }));
      expect(ids(await onboardingUnreminded(s.knex, { startedBy: '2025-01-02', limit: 100 }))).to.deep.equal([due]);
    });
  });

  describe('markOnboardingReminded', () => {
    it('marks once: true for the first caller, false after', async () => {
      const id = await insertPerson(s.knex, person('zgc-soft', { status: 'onboarding' }));
      expect(await markOnboardingReminded(s.knex, id, '2026-04-01T00:00:00.000Z')).to.equal(true);
      expect(await markOnboardingReminded(s.knex, id, '2026-04-02T00:00:00.000Z')).to.equal(false);
      expect((await getPerson(s.knex, id))!.onboarding_reminded_at).to.equal('2026-04-01T00:00:00.000Z');
    });
  });

  describe('openRecordsOf', () => {
    it('gives the in-post and onboarding records of one union and kind, by id', async () => {
      const inPost = await insertPerson(s.knex, person('wangjing', { kind: 'worker' }));
      const onboarding = await insertPerson(s.knex, person('wangjing', { kind: 'worker', status: 'onboarding' }));
      await insertPerson(s.knex, person('wangjing', { kind: 'worker', status: 'left' }));
      await insertPerson(s.knex, person('wangjing', { kind: 'chair' }));
      await insertPerson(s.knex, person('wangjing-tech', { kind: 'worker' }));
      expect(ids(await openRecordsOf(s.knex, o('wangjing').id, 'worker'))).to.deep.equal([inPost, onboarding]);
    });
  });

  describe('closeRecord', () => {
    it('sets the end date and status and adds the exit to the details, keeping the rest', async () => {
      const id = await insertPerson(s.knex, person('zgc-soft'));
      await closeRecord(s.knex, (await getPerson(s.knex, id))!, { endDate: '2026-03-31', status: 'left', exit: { reason: 'resigned' } });
      const row = (await getPerson(s.knex, id))!;
      expect(row).to.deep.include({ end_date: '2026-03-31', status: 'left' });
      expect(JSON.parse(row.details)).to.deep.equal({ phone: '13800000000', exit: { reason: 'resigned' } });
    });
  });

  describe('updatePerson', () => {
    it('changes only the fields given', async () => {
      const id = await insertPerson(s.knex, person('guomao', { name: '改甲' }));
      await updatePerson(s.knex, id, { status: 'exited', end_date: '2026-12-31' });
      expect(await getPerson(s.knex, id)).to.deep.include({ name: '改甲', status: 'exited', end_date: '2026-12-31', details: JSON.stringify({ phone: '13800000000' }) });
    });
  });

  describe('peopleInPostOn', () => {
    it('gives everyone in post on the day in the subtree: started by then, not ended before, not onboarding, with the union name', async () => {
      const n = (name: string, orgKey: string, o2: Partial<PersonRow>) => person(orgKey, { name, ...o2 });
      await insertPeople(s.knex, [
        n('在岗甲', 'wangjing-tech', {}), n('当天到岗', 'wangjing', { start_date: '2026-12-31' }), n('次日到岗', 'wangjing', { start_date: '2027-01-01' }),
        n('岗前培训', 'wangjing', { status: 'onboarding' }), n('年中退出', 'wangjing', { status: 'exited', end_date: '2026-06-30' }),
        n('当天退出', 'wangjing', { status: 'exited', end_date: '2026-12-31' }), n('无日期退出', 'wangjing', { status: 'exited' }), n('别区', 'zgc', {}),
      ]);
      const got = (await peopleInPostOn(s.knex, { subtreeOf: o('wangjing'), date: '2026-12-31' })).filter((p) => !['张三', '李四'].includes(p.name));
      expect(got.map((p) => p.name)).to.include.members(['在岗甲', '当天到岗', '当天退出']).and.not.include.members(['次日到岗', '岗前培训', '年中退出', '无日期退出', '别区']);
      expect(got.find((p) => p.name === '在岗甲')!.org_name).to.equal('望京智联科技有限公司工会');
    });
  });
});
