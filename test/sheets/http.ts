// An hr user of another district (海淀) than the demo's hr (朝阳): the token of a new user made by the admin.
import type { Sys } from '../api/client.ts';

export async function otherDistrictHr(s: Sys): Promise<string> {
  const haidian = (await s.knex('orgs').where({ name: '海淀区总工会' }).first()).id;
  return (await s.call('POST', '/api/users', 'admin', { name: '海淀人事', login: 'haidian.hr', orgId: haidian, roles: ['hr'] })).body.token;
}
