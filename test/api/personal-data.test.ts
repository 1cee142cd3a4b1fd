// Resident ID numbers (个人信息保护法: sensitive personal information) are kept in full only in the
// register's identity table, encrypted; cases and history carry the masked number and a reference.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { startSystem } from '../../server/system.ts';
import { findIdentityByNumber } from '../../workflows/engine/identities.ts';
import { DEV_PERSONAL_DATA, personalDataFrom } from '../../workflows/engine/personal-data.ts';
import { maskResidentId, withCheckDigit } from '../../workflows/rules/resident-id.ts';
import { onPostgres } from '../database.ts';
import { silent, startTestSystem, submittedRequest, type Sys } from './client.ts';

const P4 = '/api/workflows/chair-by-election/instances';
const ID_PATTERN = /\d{17}[\dXx]/;
const HEX_DIGEST = /^[0-9a-f]{64}$/; // a SHA-256 digest (hash columns) may hold 18 digits in a row by chance

/** Every table of the database, from its catalogue. */
async function allTables(knex: Knex): Promise<string[]> {
  if (onPostgres) return (await knex.raw(`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`)).rows.map((r: any) => r.name);
  return (await knex.raw(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)).map((r: any) => r.name);
}

/** `table.column` of every value holding what looks like an 18-digit ID number. */
async function idNumbersAnywhere(knex: Knex, also: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const t of await allTables(knex))
    for (const row of await knex(t).select())
      for (const [col, v] of Object.entries(row)) {
        if (v === null || v === undefined) continue;
        const s = typeof v === 'string' ? v : JSON.stringify(v);
        if ((!HEX_DIGEST.test(s) && ID_PATTERN.test(s)) || also.some((n) => s.includes(n))) found.push(`${t}.${col}`);
      }
  return found;
}

describe('personal data: resident ID numbers only in the register, encrypted', () => {
  let s: Sys;
  const numberA = withCheckDigit('11010519900307123');
  const numberB = withCheckDigit('11010819851120004');
  let p1: string;
  let p4: string;
  const ev = (id: string, login: string, body: object) => s.call('POST', `/api/instances/${id}/events`, login, body);

  before(async () => {
    s = await startTestSystem();
    p1 = await submittedRequest(s);
    await ev(p1, 'jianwai.approver', { type: 'APPROVE' });
    const cand = await ev(p1, 'guomao.requester', { type: 'RECORD_CANDIDATE', name: '周敏', idNumber: numberA, knowsLabourLaw: true, goodAtMassWork: true });
    expect(cand.status).to.equal(200);
    const done = await ev(p1, 'guomao.requester', { type: 'RECORD_CONTRACT', candidate: 'c1', kind: 'labour_contract', number: 'GM-2026-017', startDate: '2026-04-01', endDate: '2029-03-31' });
    expect(done.body.state).to.equal('completed');

    const started = await s.call('POST', P4, 'zgc-soft.requester', { vacancyDate: '2026-02-20', reason: 'retired', actingChair: '刘红', previousChair: '陈国强' });
    p4 = started.body.id;
    const nominated = await ev(p4, 'zgc-soft.requester', { type: 'NOMINATE', candidates: [{ name: '孙敏', currentPost: '工会副主席', partyMember: true, idNumber: numberB }] });
    expect(nominated.status).to.equal(200);
    await ev(p4, 'zgc.approver', { type: 'APPROVE_CANDIDATE', partyAgreement: true, partyOrganisation: '中关村软件园党委', partyAgreedOn: '2026-03-02' });
    s.clock.set('2026-03-12T02:00:00Z');
    await s.scheduler.tick(); // the publicity ends
    const vote = await ev(p4, 'zgc-soft.requester', { type: 'ELECTION_HELD', date: '2026-03-12', electingBody: 'members_congress', entitled: 90, present: 70, votes: 60 });
    expect(vote.body.state).to.equal('open.elected');
    await ev(p4, 'zgc-soft.requester', { type: 'REPORT_RESULT', startDate: '2026-03-13' });
    const approved = await ev(p4, 'zgc.approver', { type: 'APPROVE_RESULT' });
    expect(approved.status).to.equal(200);
  });
  after(async () => s.cleanup());

  it('no column of any table holds an 18-digit ID number (the identity table holds ciphertext)', async () => {
    expect(await allTables(s.knex)).to.include.members(['person_identities', 'people', 'instances', 'history']);
    expect(await idNumbersAnywhere(s.knex, [numberA, numberB])).to.deep.equal([]);
  });

  it('cases and their history carry the masked number and a reference to the identity', async () => {
    const c = (await s.call('GET', `/api/instances/${p1}`, 'admin')).body.context.candidates[0];
    const ref = (await findIdentityByNumber(s.knex, DEV_PERSONAL_DATA, numberA))!.id;
    expect(c).to.include({ idNumber: maskResidentId(numberA), idNumberRef: ref });
    const h = (await s.call('GET', `/api/instances/${p4}/history`, 'admin')).body.items.find((x: any) => x.type === 'NOMINATE');
    expect(h.payload.candidates[0]).to.include({ idNumber: maskResidentId(numberB), idNumberRef: (await findIdentityByNumber(s.knex, DEV_PERSONAL_DATA, numberB))!.id });
  });

  it('the register shows the full number to hr and admin on one record, masked to others and in lists', async () => {
    const list = (await s.call('GET', '/api/people?kind=purchased_service_staff', 'chaoyang.viewer')).body.items;
    const person = list.find((p: any) => p.sourceInstanceId === p1);
    expect(person.idNumber).to.equal(maskResidentId(numberA));
    expect((await s.call('GET', `/api/people/${person.id}`, 'chaoyang.hr')).body.idNumber).to.equal(numberA);
    expect((await s.call('GET', `/api/people/${person.id}`, 'chaoyang.viewer')).body.idNumber).to.equal(maskResidentId(numberA));
    const chair = (await s.call('GET', '/api/people?kind=cadre', 'admin')).body.items.find((p: any) => p.sourceInstanceId === p4);
    expect(chair.idNumber).to.equal(maskResidentId(numberB));
    expect((await s.call('GET', `/api/people/${chair.id}`, 'admin')).body.idNumber).to.equal(numberB);
    expect((await s.call('GET', `/api/people/${chair.id}`, 'admin')).body.details).to.not.have.property('idNumberRef');
  });

  it('every chain still verifies', async () => {
    expect((await s.call('GET', '/api/audit/verify', 'admin')).body).to.deep.include({ broken: [] });
  });

  it('the same number entered again finds the same identity, so a duplicate is detectable', async () => {
    const again = await submittedRequest(s);
    await ev(again, 'jianwai.approver', { type: 'APPROVE' });
    const cand = await ev(again, 'guomao.requester', { type: 'RECORD_CANDIDATE', name: '周敏', idNumber: numberA, knowsLabourLaw: true, goodAtMassWork: true });
    const first = await findIdentityByNumber(s.knex, DEV_PERSONAL_DATA, numberA);
    expect(cand.body.context.candidates[0].idNumberRef).to.equal(first!.id);
    expect(await findIdentityByNumber(s.knex, DEV_PERSONAL_DATA, withCheckDigit('11010519900307124'))).to.equal(undefined);
    expect(Number((await s.knex('person_identities').count({ n: '*' }).first())!.n)).to.equal(2);
  });

  it('an Idempotency-Key keeps only a keyed digest of a request that carried a number, not one anyone can recompute', async () => {
    const body = { type: 'RECORD_CANDIDATE', name: '吴芳', idNumber: numberA, knowsLabourLaw: true, goodAtMassWork: true };
    const other = await submittedRequest(s);
    await ev(other, 'jianwai.approver', { type: 'APPROVE' });
    const path = `/api/instances/${other}/events`;
    const first = await s.call('POST', path, 'guomao.requester', body, { 'idempotency-key': 'cand-wu-1' });
    expect(first.status).to.equal(200);
    const again = await s.call('POST', path, 'guomao.requester', body, { 'idempotency-key': 'cand-wu-1' });
    expect(again.headers.get('idempotent-replayed')).to.equal('true');
    const plain = createHash('sha256').update(`POST ${path}\n${JSON.stringify(body)}`).digest('hex');
    const stored = await s.knex('idempotency_keys').where({ key: 'cand-wu-1' }).first();
    expect(stored.request_hash).to.match(/^[0-9a-f]{64}$/).and.not.equal(plain);
  });

  it('a rejected request leaves no identity behind', async () => {
    const before = Number((await s.knex('person_identities').count({ n: '*' }).first())!.n);
    const wrong = await ev(p1, 'guomao.requester', { type: 'RECORD_CANDIDATE', name: '李雷', idNumber: withCheckDigit('11010519920101003'), knowsLabourLaw: true, goodAtMassWork: true });
    expect(wrong.status).to.equal(409); // the case is completed
    expect(Number((await s.knex('person_identities').count({ n: '*' }).first())!.n)).to.equal(before);
  });
});

describe('personal data key', () => {
  it('in production, start-up without PERSONAL_DATA_KEY fails with a clear error', async () => {
    let err: Error | undefined;
    await startSystem({ databaseUrl: 'sqlite::memory:', port: 0, log: silent, background: false, production: true }).catch((e) => { err = e; });
    expect(err?.message).to.match(/PERSONAL_DATA_KEY/);
  });

  it('npm start with NODE_ENV=production and no key exits before serving, naming the variable', function () {
    this.timeout(30000);
    const dir = mkdtempSync(join(tmpdir(), 'uw-key-'));
    try {
      const env = { ...process.env, NODE_ENV: 'production', PERSONAL_DATA_KEY: '', DATABASE_URL: `sqlite:${join(dir, 'x.sqlite')}`, PORT: '0', LOG_LEVEL: 'silent' };
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/index.ts'], { env, encoding: 'utf8', timeout: 25000 });
      expect(run.status).to.not.equal(0);
      expect(run.stderr).to.match(/PERSONAL_DATA_KEY/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts a 32-byte key as base64 or hex, refuses any other length, warns without one in development', () => {
    const key = Buffer.alloc(32, 7);
    const warned: string[] = [];
    const a = personalDataFrom({ key: key.toString('base64'), production: true });
    const b = personalDataFrom({ key: key.toString('hex'), production: true });
    expect(a.keyedHash(withCheckDigit('11010519900307123'))).to.equal(b.keyedHash(withCheckDigit('11010519900307123')));
    expect(() => personalDataFrom({ key: 'c2hvcnQ=', production: false })).to.throw(/PERSONAL_DATA_KEY/);
    personalDataFrom({ production: false, warn: (m) => warned.push(m) });
    expect(warned.join()).to.match(/PERSONAL_DATA_KEY/);
    const sealed = a.encrypt('110105199003071231');
    expect(sealed).to.not.include('110105199003071231');
    expect(a.decrypt(sealed)).to.equal('110105199003071231');
    expect(() => DEV_PERSONAL_DATA.decrypt(sealed)).to.throw();
  });
});
