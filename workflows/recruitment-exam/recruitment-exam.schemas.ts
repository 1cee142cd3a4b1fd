// P2 campaign: JSON Schemas of its start body and events (ID numbers marked for the engine to encrypt).
import { CERTIFICATES } from './recruitment-exam.rules.ts';

const str = (max = 200) => ({ type: 'string', minLength: 1, maxLength: max });
type Obj = { type: 'object'; required: string[]; additionalProperties: false; properties: Record<string, unknown> };
const obj = (required: string[], properties: Record<string, unknown>): Obj => ({ type: 'object', required, additionalProperties: false, properties });
/** Each event's schema names its own type (`const`), so the events' oneOf in the API document is exclusive. */
const typed = <T extends Record<string, Obj>>(raw: T) =>
  Object.fromEntries(Object.entries(raw).map(([t, x]) => [t, { ...x, required: ['type', ...x.required], properties: { type: { const: t }, ...x.properties } }])) as unknown as { [K in keyof T]: Obj };
const key = str(300);
const score = { type: 'number', minimum: 0, maximum: 100 };
const post = {
  type: 'object', required: ['id', 'title', 'unitId', 'unitName', 'places'], additionalProperties: false,
  properties: {
    id: str(40), title: str(), unitId: { type: 'integer', minimum: 1 }, unitName: str(), places: { type: 'integer', minimum: 1, maximum: 1000 },
    quota: { type: 'object', required: ['required', 'inPost'], additionalProperties: false, properties: { required: { type: 'integer', minimum: 0 }, inPost: { type: 'integer', minimum: 0 } } },
  },
};
const posts = { type: 'array', minItems: 1, maxItems: 500, items: post };
const slot = obj(['time', 'place'], { time: { type: 'string', format: 'date-time' }, place: str(300) });
const rows = (item: Record<string, unknown>, required: string[]) => ({ type: 'array', minItems: 1, maxItems: 5000, items: { type: 'object', required: ['applicant', ...required], additionalProperties: false, properties: { applicant: key, ...item } } });
const scoreRows = obj(['rows'], { rows: { ...rows({ score, absent: { const: true } }, []), items: { ...rows({ score, absent: { const: true } }, []).items, oneOf: [{ required: ['score'] }, { required: ['absent'] }] } } });
const termsProps = {
  writtenWeight: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }, interviewRatio: { type: 'integer', minimum: 1, maximum: 10 },
  passLine: score, publicityDays: { type: 'integer', minimum: 1, maximum: 30 }, maxCallUpsPerPost: { type: 'integer', minimum: 0, maximum: 10 },
  bonus: { type: 'object', required: ['full', 'assistant'], additionalProperties: false, properties: { full: { type: 'number', minimum: 0, maximum: 50 }, assistant: { type: 'number', minimum: 0, maximum: 50 } } },
};
const applicant = {
  type: 'object', required: ['name', 'idNumber', 'post'], additionalProperties: false,
  properties: {
    name: str(100), idNumber: { type: 'string', format: 'cn-resident-id' }, post: str(40),
    email: { type: 'string', format: 'email', maxLength: 200 }, phone: { type: 'string', pattern: '^[0-9+\\- ]{5,20}$' },
    certificates: { type: 'array', maxItems: 10, uniqueItems: true, items: { enum: Object.keys(CERTIFICATES) } },
  },
};

export const startSchema = obj(['title', 'posts'], { title: str(), posts });
export const eventSchemas = typed({
  UPDATE_PLAN: obj([], { title: str(), posts }),
  SET_TERMS: obj([], termsProps),
  SUBMIT_PLAN: obj([], {}),
  APPROVE_PLAN: obj([], { comment: str(2000) }),
  RETURN_PLAN: obj(['comment'], { comment: str(2000) }),
  ANNOUNCE: obj(['registrationClosesAt'], { registrationClosesAt: { type: 'string', format: 'date-time' } }),
  OPEN_REGISTRATION: obj([], {}),
  REGISTER: obj(['applicants'], { applicants: { type: 'array', minItems: 1, maxItems: 5000, items: applicant } }),
  CLOSE_REGISTRATION: obj([], {}),
  QUALIFY: obj(['applicants'], { applicants: { type: 'array', minItems: 1, maxItems: 5000, items: key } }),
  DISQUALIFY: obj(['rows'], { rows: rows({ reason: str(500) }, ['reason']) }),
  SCHEDULE_WRITTEN: slot,
  RECORD_WRITTEN: scoreRows,
  SCHEDULE_INTERVIEW: slot,
  RECORD_INTERVIEW: scoreRows,
  CLOSE_INTERVIEW: obj([], {}),
  RECORD_CHECKS: obj(['rows'], { rows: rows({ passed: { type: 'boolean' }, reason: str(500) }, ['passed']) }),
  START_PUBLICITY: obj([], {}),
  UPHOLD_OBJECTION: obj(['applicant', 'reason'], { applicant: key, reason: str(2000) }),
  END_PUBLICITY: obj([], {}),
  HIRE: obj(['applicants', 'startDate'], { applicants: { type: 'array', minItems: 1, maxItems: 5000, items: key }, startDate: { type: 'string', format: 'date' } }),
  CLOSE: obj([], {}),
  CANCEL: obj(['reason'], { reason: str(2000) }),
  APPLICANT_WITHDREW: obj(['applicant', 'reason'], { applicant: key, reason: str(2000) }),
});
