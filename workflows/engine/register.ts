// Writing a person's dated register entries (R-realname §3.4), for a case's effect and for HR's own
// entries alike, so both keep the same consequences in the same transaction: a contract entry
// becomes the current contract, and the training that brings an onboarding person's pre-job hours
// to the threshold moves them in post (R-prejob §3.2.3, P7).
import type { Knex } from 'knex';
import { getPerson, updatePerson } from '../../db/people.ts';
import { insertPersonRecords, trainingHoursOf } from '../../db/person-records.ts';
import type { PersonRecordRow, PersonRow } from '../../db/tables.ts';

export type NewEntry = { kind: string; onDate: string; data: Record<string, unknown> };
export type EntryBy = { actorId: string; sourceInstanceId: string | null; now: Date; prejobHours: number };

export const PREJOB_REASON = (hours: number, threshold: number) =>
  `岗前培训已满 ${threshold} 学时（${hours} 学时，R-prejob §3.2.3）/ pre-job training reached ${threshold} class hours (${hours}, R-prejob §3.2.3)`;

export const entryRow = (personId: number, e: NewEntry, by: Pick<EntryBy, 'actorId' | 'sourceInstanceId' | 'now'>): Omit<PersonRecordRow, 'id'> => ({
  person_id: personId, kind: e.kind, on_date: e.onDate, data: JSON.stringify(e.data), source_instance_id: by.sourceInstanceId, actor_id: by.actorId, created_at: by.now.toISOString(),
});

/** A status change with its entry (from → to, why); nothing when the status is already that. */
export async function changeStatus(trx: Knex.Transaction, p: PersonRow, to: string, onDate: string, reason: string | null, by: Pick<EntryBy, 'actorId' | 'sourceInstanceId' | 'now'>): Promise<void> {
  if (p.status === to) return;
  await updatePerson(trx, p.id, { status: to });
  await insertPersonRecords(trx, [entryRow(p.id, { kind: 'status', onDate, data: { from: p.status, to, reason } }, by)]);
}

/** Writes the entries and their consequences; gives the record as it is afterwards. */
export async function writeEntries(trx: Knex.Transaction, p: PersonRow, entries: NewEntry[], by: EntryBy): Promise<PersonRow> {
  await insertPersonRecords(trx, entries.map((e) => entryRow(p.id, e, by)));
  const contract = entries.filter((e) => e.kind === 'contract').at(-1)?.data;
  if (contract) {
    const details = { ...JSON.parse(p.details), contract };
    await updatePerson(trx, p.id, { details: JSON.stringify(details), contract_end: typeof contract.to === 'string' ? contract.to : null });
  }
  const training = entries.filter((e) => e.kind === 'training');
  if (p.status === 'onboarding' && training.length) {
    // Hours count from the start date (R-prejob: training for the post taken up).
    const hours = await trainingHoursOf(trx, { personId: p.id, from: p.start_date ?? undefined });
    if (hours >= by.prejobHours) {
      const onDate = training.map((e) => e.onDate).sort().at(-1)!;
      await changeStatus(trx, p, 'in_post', onDate, PREJOB_REASON(hours, by.prejobHours), by);
    }
  }
  return (await getPerson(trx, p.id))!;
}
