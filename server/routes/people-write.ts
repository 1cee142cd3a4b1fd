// HR's own changes to the real-name register (R-realname §3.4): add a person, edit the record, add a
// dated entry. Only hr and admin of the person's union or above write; each request is one
// transaction, a refused one leaves nothing behind.
import type { Knex } from 'knex';
import type { Request } from 'express';
import { getOrg } from '../../db/orgs.ts';
import { getPerson, insertPerson, openRecordsOfIdentities, updatePerson } from '../../db/people.ts';
import { insertPersonRecords } from '../../db/person-records.ts';
import type { PersonRow } from '../../db/tables.ts';
import { clip, conflict, invalid, notFound } from '../../workflows/engine/errors.ts';
import { identityFor } from '../../workflows/engine/identities.ts';
import { changeStatus, entryRow, writeEntries, type NewEntry } from '../../workflows/engine/register.ts';
import { normaliseResidentId } from '../../workflows/rules/resident-id.ts';
import { shanghaiDate } from '../../workflows/rules/calendar.ts';
import { requireInSubtree, requireRole, type Caller } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { validBody } from '../http.ts';
import type { JsonSchema } from '../../workflows/types.ts';
import { ENTRY_SCHEMAS, entryKindSchema, personCreateSchema, personPatchSchema, registerProblems } from './people-schemas.ts';
import { ONBOARDING_KINDS } from '../person-kinds.ts';

/** P7: the kinds that are `onboarding` until their pre-job training is done (R-prejob §3.2.3); new chairs come through P4. */
const DETAIL_KEYS = ['contract', 'payBand', 'phone', 'email', 'certificates'] as const;

type PersonBody = {
  name?: string; idNumber?: string; kind?: string; orgId?: number; post?: string; startDate?: string; endDate?: string; status?: string; reason?: string;
  contract?: { kind: string; number?: string; from: string; to?: string }; payBand?: string; phone?: string; email?: string; certificates?: string[];
};

/** The body, valid against its schema and registerProblems (of the body as `merged` with the record). */
const checked = <T extends object>(req: Request, schema: JsonSchema, merged: (b: T) => object = (b) => b): T => {
  const b = validBody<T>(req, schema);
  const problems = registerProblems(merged(b) as never);
  if (problems.length) throw invalid('请求内容有误 / the body is not valid', problems);
  return b;
};

export function registerWrites({ knex, personal, clock, settings }: AppDeps) {
  const by = (c: Caller, now: Date) => ({ actorId: c.actor.id, sourceInstanceId: null, now });
  const writer = (c: Caller) => requireRole(c, 'hr', 'admin');

  /** A union the caller may put people in (their own or below). */
  async function unionFor(c: Caller, orgId: number) {
    const org = await getOrg(knex, orgId);
    if (!org) throw invalid('所在工会不存在 / no such union', [{ pointer: '/orgId', message: `工会 ${orgId} 不存在 / no union ${orgId}` }]);
    requireInSubtree(c, org);
    return org;
  }

  /** The identity of the number, refused (409, naming the record) when another open record holds it. */
  async function identityOf(trx: Knex.Transaction, number: string, self?: number): Promise<number> {
    const id = await identityFor(trx, personal, normaliseResidentId(number), clock.now());
    const open = (await openRecordsOfIdentities(trx, [id])).filter((p) => p.id !== self);
    if (open.length)
      throw conflict(`该公民身份号码已在名册中（人员 ${open[0].id}：${open[0].name}）/ this ID number is already in the register (person ${open[0].id})`, { existing: { id: open[0].id, name: open[0].name, orgId: open[0].org_id } });
    return id;
  }

  async function loadForWrite(c: Caller, rawId: string): Promise<PersonRow> {
    const p = /^[0-9]{1,9}$/.test(rawId) ? await getPerson(knex, Number(rawId)) : undefined;
    if (!p) throw notFound(`人员 ${clip(rawId)} / person ${clip(rawId)}`);
    requireInSubtree(c, (await getOrg(knex, p.org_id))!);
    writer(c);
    return p;
  }

  async function create(req: Request): Promise<number> {
    writer(req.caller);
    const b = checked<PersonBody & Required<Pick<PersonBody, 'name' | 'idNumber' | 'kind' | 'orgId' | 'startDate'>>>(req, personCreateSchema);
    await unionFor(req.caller, b.orgId);
    const now = clock.now();
    const status = ONBOARDING_KINDS.includes(b.kind) ? 'onboarding' : 'in_post';
    return knex.transaction(async (trx) => {
      const id = await insertPerson(trx, {
        org_id: b.orgId, name: b.name.trim(), identity_id: await identityOf(trx, b.idNumber), kind: b.kind, status, start_date: b.startDate, end_date: null,
        details: JSON.stringify(pick(b)), source_instance_id: null, created_at: now.toISOString(), post: b.post ?? null, contract_end: b.contract?.to ?? null,
      });
      const entries: NewEntry[] = [{ kind: 'status', onDate: b.startDate, data: { from: null, to: status, reason: '人事录入 / entered by HR' } }];
      if (b.contract) entries.push({ kind: 'contract', onDate: b.contract.from, data: b.contract });
      await insertPersonRecords(trx, entries.map((e) => entryRow(id, e, by(req.caller, now))));
      return id;
    });
  }

  async function edit(req: Request): Promise<void> {
    const p = await loadForWrite(req.caller, req.params.id as string);
    const b = checked<PersonBody>(req, personPatchSchema, (x) => ({ ...x, startDate: x.startDate ?? p.start_date ?? undefined, endDate: x.endDate ?? p.end_date ?? undefined }));
    if (b.orgId !== undefined && b.orgId !== p.org_id) await unionFor(req.caller, b.orgId);
    const now = clock.now();
    await knex.transaction(async (trx) => {
      const details = { ...JSON.parse(p.details), ...pick(b) };
      await updatePerson(trx, p.id, {
        ...(b.name ? { name: b.name.trim() } : {}), ...(b.kind ? { kind: b.kind } : {}), ...(b.orgId ? { org_id: b.orgId } : {}),
        ...(b.post !== undefined ? { post: b.post } : {}), ...(b.startDate ? { start_date: b.startDate } : {}), ...(b.endDate ? { end_date: b.endDate } : {}),
        ...(b.idNumber ? { identity_id: await identityOf(trx, b.idNumber, p.id) } : {}),
        ...(b.contract ? { contract_end: b.contract.to ?? null } : {}), details: JSON.stringify(details),
      });
      if (b.contract) await insertPersonRecords(trx, [entryRow(p.id, { kind: 'contract', onDate: b.contract.from, data: b.contract }, by(req.caller, now))]);
      if (b.status) await changeStatus(trx, p, b.status, shanghaiDate(now), b.reason ?? null, by(req.caller, now));
    });
  }

  async function addEntry(req: Request): Promise<void> {
    const p = await loadForWrite(req.caller, req.params.id as string);
    const { kind } = validBody<{ kind: keyof typeof ENTRY_SCHEMAS }>(req, entryKindSchema);
    const { kind: _k, onDate, contractKind, ...data } = checked<Record<string, unknown> & { onDate: string }>(req, ENTRY_SCHEMAS[kind]);
    const { prejobHours } = await settings.get();
    const now = clock.now();
    const entryData = kind === 'contract' ? { kind: contractKind, ...data } : data;
    await knex.transaction((trx) => writeEntries(trx, p, [{ kind, onDate, data: entryData }], { ...by(req.caller, now), prejobHours }));
  }

  return { create, edit, addEntry };
}

/** The record's details a body sets (post, dates and status have their own columns). */
const pick = (b: PersonBody) => Object.fromEntries(DETAIL_KEYS.filter((k) => b[k] !== undefined).map((k) => [k, b[k]]));
