// A realistic demo union tree with one user per role, for `npm start` on an empty database in
// development (never in production) and for tests.
import type { Knex } from 'knex';
import { insertOrg } from './orgs.ts';
import type { OrgRow } from './tables.ts';
import { insertUser, issueToken } from './users.ts';
import { demoPassword, demoPasswordHash } from '../server/passwords.ts';

type OrgSpec = { key: string; parent?: string; name: string; abbr?: string; kind: string; members?: number; employees?: number; enterprises?: number; ownership?: 'public' | 'non_public' };

const ORGS: OrgSpec[] = [
  { key: 'city', name: '北京市总工会', abbr: '京工', kind: 'city_federation' },
  { key: 'chaoyang', parent: 'city', name: '朝阳区总工会', abbr: '朝工', kind: 'district_federation' },
  { key: 'haidian', parent: 'city', name: '海淀区总工会', abbr: '海工', kind: 'district_federation' },
  { key: 'cy-centre', parent: 'chaoyang', name: '朝阳区职工服务中心', kind: 'staff_service_centre' },
  { key: 'jianwai', parent: 'chaoyang', name: '建外街道总工会', abbr: '建外工', kind: 'street_federation', members: 2600 },
  { key: 'wangjing', parent: 'chaoyang', name: '望京街道总工会', abbr: '望京工', kind: 'street_federation', members: 1800 },
  { key: 'zgc', parent: 'haidian', name: '中关村街道总工会', abbr: '中关村工', kind: 'street_federation', members: 3100 },
  { key: 'jianwai-station', parent: 'jianwai', name: '建外街道工会服务站', kind: 'service_station', members: 2600 },
  { key: 'yonganli', parent: 'jianwai', name: '永安里社区联合工会', kind: 'community_joint_union', enterprises: 120 },
  { key: 'guomao', parent: 'jianwai', name: '北京国贸物业管理有限公司工会', abbr: '国贸物业工', kind: 'grassroots_union', members: 410, employees: 460, ownership: 'non_public' },
  { key: 'jianwai-hotel', parent: 'jianwai', name: '建外饭店有限公司工会', kind: 'grassroots_union', members: 180, employees: 210, ownership: 'public' },
  { key: 'wangjing-tech', parent: 'wangjing', name: '望京智联科技有限公司工会', kind: 'grassroots_union', members: 95, employees: 120, ownership: 'non_public' },
  { key: 'zgc-station', parent: 'zgc', name: '中关村街道工会服务站', kind: 'service_station', members: 3100 },
  { key: 'zgc-soft', parent: 'zgc', name: '中关村软件园开发有限公司工会', abbr: '中软工', kind: 'grassroots_union', members: 1300, employees: 1500, ownership: 'public' },
];

type UserSpec = { login: string; name: string; org: string; roles: string[] };
const USERS: UserSpec[] = [
  { login: 'admin', name: '市总系统管理员', org: 'city', roles: ['admin'] },
  { login: 'guomao.requester', name: '王芳（国贸物业工会）', org: 'guomao', roles: ['requester'] },
  { login: 'jianwai.approver', name: '李强（建外街道总工会主席）', org: 'jianwai', roles: ['approver'] },
  { login: 'chaoyang.approver', name: '张伟（朝阳区总工会副主席）', org: 'chaoyang', roles: ['approver'] },
  { login: 'chaoyang.hr', name: '刘洋（朝阳区总工会组织部）', org: 'chaoyang', roles: ['hr'] },
  { login: 'chaoyang.viewer', name: '陈静（审计）', org: 'chaoyang', roles: ['viewer'] },
  { login: 'zgc-soft.requester', name: '赵磊（中软工会）', org: 'zgc-soft', roles: ['requester'] },
  { login: 'zgc.approver', name: '孙丽（中关村街道总工会）', org: 'zgc', roles: ['approver'] },
];

/** Each demo user's token and password (the documented pattern, no change asked for: README "Sign-in"). */
export type Demo = { orgs: Record<string, OrgRow>; users: Record<string, { id: number; token: string; password: string }> };

export async function seedDemo(knex: Knex, now: Date, emailDomain = 'example.org.cn'): Promise<Demo> {
  return knex.transaction(async (trx) => {
    const orgs: Record<string, OrgRow> = {};
    for (const o of ORGS) {
      orgs[o.key] = await insertOrg(trx, {
        parent_id: o.parent ? orgs[o.parent].id : null, name: o.name, abbr: o.abbr ?? null, kind: o.kind,
        members: o.members ?? null, employees: o.employees ?? null, enterprises: o.enterprises ?? null, ownership: o.ownership ?? null, has_union: true,
      }, now);
    }
    const users: Demo['users'] = {};
    for (const u of USERS) {
      const password_hash = await demoPasswordHash(u.login);
      const row = await insertUser(trx, { org_id: orgs[u.org].id, name: u.name, login: u.login, email: `${u.login}@${emailDomain}`, roles: JSON.stringify(u.roles), password_hash }, now);
      users[u.login] = { id: row.id, token: await issueToken(trx, row.id, now), password: demoPassword(u.login) };
    }
    return { orgs, users };
  });
}
