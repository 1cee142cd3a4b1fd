// Who may start a process or send an event: role plus where the caller's union stands relative
// to the case's union (own, direct parent, grandparent). Pure.
import type { Settings } from '../settings.ts';
import type { Actor, EventMeta, Relation, Role, WorkflowDefinition } from '../types.ts';

/** The case's union and its ancestors, nearest first: [own, parent, grandparent, …]. */
export type Lineage = number[];

export function relationOf(actor: Actor, lineage: Lineage): Relation | null {
  const i = actor.orgId === null ? -1 : lineage.indexOf(actor.orgId);
  return i === 0 ? 'own' : i === 1 ? 'parent' : i === 2 ? 'grandparent' : null;
}

/** English article for a list of role codes: "an approver", "a requester". */
const an = (roles: Role[]) => (/^[aeiou]/.test(roles[0] ?? '') ? 'an' : 'a');

const roleNames: Record<Role, string> = { requester: '申请人', approver: '审批人', hr: '人事', admin: '管理员', viewer: '查看' };
const relationNames: Record<Relation, string> = { own: '本单位', parent: '上一级工会', grandparent: '再上一级工会' };

/** null when allowed, else a reason a clerk can act on. */
export function eventRefusal(def: WorkflowDefinition, meta: EventMeta, type: string, actor: Actor, lineage: Lineage, submitterId?: string): string | null {
  if (meta.by === 'system')
    return actor.id === 'system' ? null : `「${meta.title.zh}」由系统按期限自动执行 / ${type} is sent only by the scheduler`;
  if (actor.id === 'system') return null;
  const rel = relationOf(actor, lineage);
  const roleOk = meta.by.roles.some((r) => actor.roles.includes(r));
  if (!roleOk || rel !== meta.by.relation) {
    const who = `${relationNames[meta.by.relation]}的${meta.by.roles.map((r) => roleNames[r]).join('/')}`;
    const rule = meta.rules?.map((r) => `${r.rule} ${r.clause}`).join(', ');
    return `「${meta.title.zh}」只能由${who}办理 / ${type} may be sent only by ${an(meta.by.roles)} ${meta.by.roles.join('/')} of the ${meta.by.relation === 'own' ? "case's own" : meta.by.relation} union${rule ? ` (${rule})` : ''}`;
  }
  if (meta.notBySubmitter && submitterId && submitterId === actor.id)
    return `不能审批本人提交的申请 / nobody may decide on a request they submitted (${def.type})`;
  return null;
}

type StartBy = WorkflowDefinition['start']['by'][number];
const startRelationNames: Record<StartBy['relation'], string> = { own: '本单位', parent: '上一级工会', ownOrAbove: '本单位或上级工会' };
const startRelationEn: Record<StartBy['relation'], string> = { own: 'union itself', parent: 'parent union', ownOrAbove: 'union itself or a union above it' };

export function startRefusal(def: WorkflowDefinition, actor: Actor, lineage: Lineage, org: { name: string; kind: string }, settings: Settings): string | null {
  const only = def.start.orgKinds;
  if (only && !only.kinds(settings).includes(org.kind))
    return `「${def.title.zh}」只适用于${only.title.zh}，${org.name}（${org.kind}）不是${only.title.zh}（${only.rule.rule} ${only.rule.clause}）/ ${def.type} is only for ${only.title.en}; ${org.name} is a ${org.kind}`;
  const rel = relationOf(actor, lineage);
  // The system starts a case where a person could not (a case a transition starts); every other start check holds for it too.
  // ownOrAbove: the union itself or any union above it (e.g. hr of the person's union or above).
  const related = (b: StartBy) => (b.relation === 'ownOrAbove' ? actor.orgId !== null && lineage.includes(actor.orgId) : b.relation === rel);
  if (actor.id !== 'system' && !def.start.by.some((b) => related(b) && b.roles.some((r) => actor.roles.includes(r)))) {
    const who = def.start.by.map((b) => `${startRelationNames[b.relation]}的${b.roles.map((r) => roleNames[r]).join('/')}`).join('或');
    const whoEn = def.start.by.map((b) => `${an(b.roles)} ${b.roles.join('/')} of the ${startRelationEn[b.relation]}`).join(' or ');
    return `只有${who}可以发起「${def.title.zh}」/ only ${whoEn} may start ${def.type}`;
  }
  if (def.start.requiresParent && lineage.length < 2)
    return `本单位没有上一级工会，无需报批 / this union has no parent union to approve the request`;
  return null;
}
