// The shape every process definition has: the pure machine plus the metadata the engine,
// the API and the UI read (titles, clauses, who may send what, which deadlines a state declares).
import type { AnyStateMachine, ContextFrom, EventFrom, InputFrom, StateValueFrom } from 'xstate';
import type { WorkingDayCalendar } from './rules/calendar.ts';
import type { Settings } from './settings.ts';
import type { ImportKind } from './imports.ts';
import type { Pipeline } from './pipeline.ts';
import type { EndingContract } from '../db/contract-ends.ts';
import type { Knex } from 'knex';
import type { OrgRow } from '../db/tables.ts';

export type Role = 'requester' | 'approver' | 'hr' | 'admin' | 'viewer';
export const ROLES: readonly Role[] = ['requester', 'approver', 'hr', 'admin', 'viewer'];
export type Text = { zh: string; en: string };
/** A rule of the plan: its id in RULES.md and its clause, e.g. { rule: 'R-psh-approval', clause: '§3.1.3' }. */
export type RuleRef = { rule: string; clause: string };
export type JsonSchema = Record<string, unknown>;

/** Which union, relative to the instance's union, acts or is notified. */
export type Relation = 'own' | 'parent' | 'grandparent';

/** Who performs an action: a user, or the scheduler. Passed to the machine inside every event. */
export type Actor = { id: string; name: string; orgId: number | null; roles: Role[] };
export const SYSTEM_ACTOR: Actor = { id: 'system', name: '系统 system', orgId: null, roles: [] };

/** A deadline that fired, as the scheduler's events carry it. */
export type DeadlineRef = { id: number; declId: string; kind: string; dueAt: string; rule: string; clause: string };

/** The linked case whose transition sent an event (effect sendToCase): its id and type, and the event it took. */
export type CaseCause = { instanceId: string; type: string; event: string };
/** Every event the engine hands a machine carries who sent it and when (machines read no clock), for the scheduler's events the deadline that fired, for a linked case's the case that sent it. */
/** `caseId`: the case the event is sent to (a machine records it where an effect must link back to it, e.g. a register entry's details). */
export type Envelope = { actor: Actor; at: string; deadline?: DeadlineRef; cause?: CaseCause; caseId?: string };
/** What a start check and a definition's `input` read besides the body: the union the case is for and the settings in force (frozen into the case by `input`). */
export type StartEnv = Envelope & { orgId: number; org: { id: number; kind: string; name: string }; settings: Settings; parent?: { id: string; type: string } };

/** An event's body as a check reads it: the machine's event without what the engine adds (its `type` known already). */
export type EventBodyOf<E> = 0 extends 1 & E ? any : E extends { type: infer T } ? Omit<E, keyof Envelope | 'type'> & { type?: T } : never;

export type EventMeta<C = any, E = any> = {
  title: Text;
  /** Roles that may send it and from which union; `system` events come only from the scheduler. */
  by: { roles: Role[]; relation: Relation } | 'system';
  /** The person who submitted the case may not send this event (e.g. approve their own request). */
  notBySubmitter?: boolean;
  schema: JsonSchema;
  rules?: RuleRef[];
  /** Cross-field business checks (pure); each problem becomes a 422 `errors[]` item. */
  /** The engine always passes `env`; unit tests of a check that reads no envelope may leave it out. */
  check?: (context: C, event: EventBodyOf<E>, env?: Envelope) => Problem[];
  /**
   * What the database says that the event needs and no client may supply (e.g. everyone in post in
   * the case's union's subtree on a date): read inside the event's transaction, merged into the
   * event the machine sees (not into the history's payload; the snapshot keeps what the machine kept).
   */
  gather?: (db: Knex.Transaction, a: { context: C; event: EventBodyOf<E>; org: OrgRow; links: Record<string, string> }) => Promise<Record<string, unknown>>;
};

export type StateMeta = {
  title: Text;
  /** Whose move it is in this state: feeds the task inbox. */
  waitingOn?: { relation: Relation; roles: Role[] };
  /** Who oversees the case in this state without it being their move (e.g. a parent union supervising a deadline): in their inbox, marked watching. */
  watchedBy?: { relation: Relation; roles: Role[] };
};

/** What a due rule may read: when the state set was entered, the context, the calendar and the settings. */
export type DueInput<C = any> = { context: C; enteredAt: Date; calendar: WorkingDayCalendar; settings: Settings };

/**
 * A deadline declared as data (never an XState `after`, which does not survive a restore).
 * It exists while the instance is in one of `states` or a state inside one (state paths: a parent
 * state covers every state inside it); created on entering that set, cancelled on leaving it.
 * When due, the scheduler sends `event` through the engine as the system actor.
 */
export type DeadlineDecl<C = any, S extends string = string, T extends string = string> = {
  id: string;
  kind: 'reminder' | 'due' | 'escalation' | 'lapse';
  title: Text;
  states: S[];
  /** null: the declaration does not apply to this case (e.g. a reminder rung the case's settings do not have). */
  due: (input: DueInput<C>) => Date | null;
  event: T;
  /** After firing, fire again every N days while the instance stays in `states` (e.g. weekly overdue mail); a function reads N from the case. */
  repeatEveryDays?: number | ((context: C) => number);
  rule: RuleRef;
};

/** Named effects a machine may return from a transition; the engine turns them into rows in the same transaction. */
/** `to`: users of a role in a union, or one address a case holds (e.g. an applicant's own email). `note`: a line the machine adds (e.g. an exam's time and place). */
export type NotifyParams = { template: string; to: { relation: Relation; roles: Role[] } | { email: string; name: string }; deadlineId?: string; note?: string };
/** `kind`: one of the definition's `documents`. */
export type IssueDocumentParams = { kind: string };
/** Everything the real-name register needs (R-realname §3.4), computed by the machine from its context. */
export type EnterRegisterParams = {
  personKind: string;
  name: string;
  /** Masked by the engine before the machine saw it (engine/identities.ts). */
  idNumber?: string;
  /** The identity row the engine recorded with it; else the effect finds it in the context. */
  idNumberRef?: number;
  status: 'in_post' | 'onboarding';
  startDate: string;
  details: Record<string, unknown>;
  /** The union the person works at (e.g. a hire's employing unit), in the case's union's subtree; default the case's union. */
  orgId?: number;
};
/** Close a register record of the case's union that a transition ends (e.g. the chair being replaced): R-lifecycle §3.4 exit. */
export type LeaveRegisterParams = { personKind: string; role: string; endDate: string; status: 'exited'; reason: string };
/** Register entry kinds a case may write (person_records; R-realname §3.4). */
export type RegisterEntryKind = 'contract' | 'certificate' | 'training' | 'assessment' | 'commendation' | 'talk';
/** A dated entry in the record of a person in the case's union's subtree (e.g. a grade, a commendation), linked back to the case. */
export type AddRegisterEntryParams = { personId: number; kind: RegisterEntryKind; onDate: string; data: Record<string, unknown> };
/**
 * Change the record of a person in the case's union's subtree: status and end date (a status entry
 * records from → to, the reason and the case), and keys merged into its details (e.g. notToRenew).
 */
/** `match`: the record must also be of this kind, and in one of `statuses` when given (e.g. a social worker in post selected for a further post), else the change is refused. */
export type UpdateRegisterParams = { personId: number; onDate: string; status?: string; endDate?: string; details?: Record<string, unknown>; reason?: string; match?: { kind: string; statuses?: string[] } };
/**
 * Start a case of a process (its newest version), this case its parent, in the same transaction: as
 * the system, through the whole start path (schema, start checks, deadlines, history, effects).
 * `orgId`: the child's union (default: this case's). `correlationKey`: at most one active case of
 * that type holds it (a second start is refused, 409).
 */
export type StartCaseParams = {
  type: string; body: Record<string, unknown>; orgId?: number; correlationKey?: string;
  /** 'link': where the process allows one open case (per union, or per key) and one is open, link to it instead of refusing: it becomes this case's child if it has no parent, and its history records the link. */
  ifOpen?: 'link';
};
/**
 * Send an event, as the system, to a linked case in the same transaction: this case's parent, a
 * child by id, or its active child holding a correlation key. The target must declare the event
 * `by: 'system'`; its refusal rolls this transition back.
 */
export type SendToCaseParams = { to: 'parent' | { instanceId: string } | { correlationKey: string }; event: { type: string } & Record<string, unknown> };
export type Problem = { pointer: string; message: string };

/** Every top-level key of a context type: a key left out (or not a key) fails to compile. */
export const allKeys = <C>() => <const K extends readonly (keyof C)[]>(keys: K & ([Exclude<keyof C, K[number]>] extends [never] ? unknown : never)) => keys;

/** What a mail template reads; the layout around it (case, union, stage, due line, rules, link) is generic (notifications/templates.ts). */
export type MailData = {
  process: Text;
  subject: string;
  orgName: string;
  state: Text;
  event: Text;
  actorName: string;
  /** `provisional`: why the date may still move (a year whose holiday schedule is not known yet). */
  due?: { title: Text; at: Date; clause: string; rule: string; provisional?: Text };
  clauses: string;
  note?: string;
  link: string;
};
/** A mail template: its subject line and the lead paragraph (zh-CN first, English beside). */
export type MailTemplate = { subject: (d: MailData) => string; lead: (d: MailData) => string };

/** What a document declaration reads when the document is issued. */
export type DocumentInput = { context: any; to: { name: string }; issuer: { name: string; abbr: string }; year: number; seq: number };
/** The generic part of every document's frozen content, beside the process's own `content`. */
export type DocumentMeta = { number: string; title: string; contentHash: string };
/**
 * A document a process issues (e.g. a written approval): its number and title, the process's own
 * part of its frozen content, and its print view. Numbered per issuing union, kind and year.
 */
export type DocumentDecl = {
  title: Text;
  number: (i: DocumentInput) => string;
  /** The document's own title, e.g. 关于同意…的批复. */
  heading: (i: DocumentInput) => string;
  /** Frozen into the document with the generic fields (number, title, to, issuer, date, approver, rules…). */
  content: (i: DocumentInput) => Record<string, unknown>;
  /** The printable page (HTML) from the frozen content. */
  html: (meta: DocumentMeta, content: any) => string;
};
/**
 * Every state of a machine by path ('open', 'open.beforeTheVote', 'open.beforeTheVote.nomination'),
 * from XState's typed state value; for an untyped machine, any string.
 */
export type StatePathOf<V> = string extends V ? string
  : V extends string ? V
  : V extends object ? { [K in keyof V & string]-?: K | `${K}.${StatePathOf<NonNullable<V[K]>>}` }[keyof V & string]
  : never;
type MachineTypes<M extends AnyStateMachine> = { context: ContextFrom<M>; event: EventFrom<M>; type: EventFrom<M>['type']; state: StatePathOf<StateValueFrom<M>> };

/**
 * A definition typed by its machine: context and events flow from the machine into its checks,
 * subject, input and deadlines, and its `events` and `states` name exactly the machine's (a test
 * per process checks the same at run time). `WorkflowDefinition` alone is any definition.
 */
export type WorkflowDefinition<M extends AnyStateMachine = AnyStateMachine, T extends MachineTypes<M> = MachineTypes<M>> = {
  type: string;
  version: number;
  title: Text;
  description: Text;
  rules: RuleRef[];
  machine: M;
  start: {
    /** Who may open a case for a union: e.g. its own requester, or an approver of its parent. */
    by: { roles: Role[]; relation: 'own' | 'parent' | 'ownOrAbove' }[];
    schema: JsonSchema;
    title: Text;
    requiresParent?: boolean;
    /** Only unions of these kinds may have a case (403 otherwise, citing `rule`). */
    orgKinds?: { kinds: (s: Settings) => string[]; title: Text; rule: RuleRef };
    /** At most one active case of this process per union: a second start is refused (409) naming the open one. */
    onePerOrg?: boolean;
    /** Cross-field checks of the start input (pure), as 422 problems; register records the body names (`x-register-person`) are beside their ids. */
    check?: (body: any, env: StartEnv) => Problem[];
    /** At most one active case of this process per key (e.g. one open exit per person, one assessment per union and year): a second start is refused (409) naming the open one. */
    correlationKey?: (body: any, env: StartEnv) => string;
  };
  events: { [K in T['type']]: EventMeta<T['context'], Extract<T['event'], { type: K }>> };
  /** Every state by path, parents included: titles, whose move it is and who oversees it (a parent's `waitingOn` / `watchedBy` holds inside it). */
  states: Record<T['state'], StateMeta>;
  deadlines: DeadlineDecl<T['context'], T['state'], T['type']>[];
  /** Final state → instance status. */
  finalStatus: Partial<Record<T['state'], 'done' | 'cancelled'>>;
  /** Who submitted the case now under decision (they may not decide on it). */
  submitter?: (context: T['context']) => string | undefined;
  /** One line naming the case in lists and mail. */
  subject: (context: T['context']) => string;
  /** Machine input from the validated start body (the body's type is its JSON Schema's). */
  input: (body: any, env: StartEnv) => InputFrom<M>;
  /** Mail templates the machine's notify effects name, by template id. */
  mail: Record<string, MailTemplate>;
  /** Documents the machine's issueDocument effects name, by kind. */
  documents: Record<string, DocumentDecl>;
  /** Kinds of register records only this process enters (R-realname §3.4), beyond the plan's six (workflows/person-kinds.ts). */
  personKinds: Record<string, Text>;
  /** The context's top-level keys: the process's own, which generic code never reads (test/workflows/ownership.test.ts). */
  contextKeys: readonly string[];
  /** Cases the scheduler opens by itself, once per register contract ending soon (RegisterSweep). */
  sweep?: RegisterSweep;
  /** Spreadsheet import kinds the process owns (e.g. its registrations), served by POST /api/imports?kind=… */
  imports?: ImportKind[];
  /**
   * The processes this one starts or looks up, by the name its machine uses (a startCase `type`, a
   * gather's lookup): bound in workflows/registry.ts, so no folder names another process.
   */
  links?: Record<string, string>;
  /** Its child cases as a board: columns, groups, fields, bulk events (workflows/pipeline.ts). */
  pipeline?: Pipeline;
};

/**
 * Daily, the scheduler reads the contracts ending within `withinDays` and starts a case for each
 * whose key no case of the process has ever held (so once per contract, across restarts).
 */
export type RegisterSweep = {
  withinDays: (s: Settings) => number;
  keyOf: (c: EndingContract) => string;
  body: (c: EndingContract) => Record<string, unknown>;
};
