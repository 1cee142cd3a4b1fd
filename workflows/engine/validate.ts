// Every start input, event body and query is checked against its JSON Schema before anything runs.
// Validators are compiled once per definition. Beyond the schema, every body must hold only
// finite safe numbers and no control characters, and every required text (minLength ≥ 1) must
// show at least one visible character: JSON.parse turns 1e309 into Infinity, and PostgreSQL
// refuses NUL in text, so neither may reach the database.
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { JsonSchema } from '../types.ts';
import { X_KEYWORDS } from '../schema-kit.ts';
import { isResidentId } from '../rules/resident-id.ts';
import { clip, type FieldError } from './errors.ts';

const load = createRequire(import.meta.url); // not bundled (scripts/bundle-server.mjs): read at first use
// Loaded at the first refused body, not at start (it is only ever needed to word a refusal).
let zhMessages: ((errors: ErrorObject[]) => void) | undefined;
const localizeZh = (errors: ErrorObject[]) => (zhMessages ??= load('ajv-i18n/localize/zh/index.js') as (errors: ErrorObject[]) => void)(errors);
// Strict: a keyword ajv does not know is an error when the schema compiles, so a typo never passes unchecked.
// verbose: an error carries its schema, so a message can quote the field's titles.
// Made, and ajv itself loaded, at the first schema compiled, not at start: ajv's code and the
// keywords' meta-schemas cost ~100 ms of a restart that compiles no schema (README "The server process").
let instance: Ajv | undefined;
function ajv(): Ajv {
  return (instance ??= makeAjv());
}

// Control characters (\p{Cc}: U+0000–U+001F, U+007F–U+009F) other than tab and line breaks, and lone
// surrogates (not storable as UTF-8). One test, no copy of the text: a bulk body has thousands.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Cs}]/u;
const controlOf = (s: string) => CONTROL.test(s);
// Visible: anything but white space, control, format (e.g. zero-width), surrogate and unassigned code points.
const VISIBLE = /[^\s\p{C}]/u;

function makeAjv(): Ajv {
  const { Ajv } = load('ajv') as typeof import('ajv');
  const addFormats = load('ajv-formats') as (ajv: Ajv) => Ajv;
  const a = new Ajv({ allErrors: true, strict: true, strictNumbers: true, verbose: true });
  addFormats(a);
  // What a form reads (schema-kit.ts): annotations, their values checked when a schema compiles.
  for (const [keyword, { schema }] of Object.entries(X_KEYWORDS)) a.addKeyword({ keyword, metaSchema: schema });
  a.addFormat('cn-resident-id', { type: 'string', validate: isResidentId });
  a.addKeyword({
    keyword: 'x-visible-text', type: 'string', errors: true,
    validate: function visible(this: unknown, _on: boolean, s: string) {
      const ok = VISIBLE.test(s) && !controlOf(s);
      if (!ok) (visible as unknown as { errors: Partial<ErrorObject>[] }).errors = [{ keyword: 'x-visible-text', params: {} }];
      return ok;
    },
  });
  return a;
}

const DATA_KEYS = new Set(['enum', 'const', 'default', 'examples']);
/** A copy of the schema in which every text with minLength ≥ 1 also requires visible text. */
function withVisibleText(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(withVisibleText);
  if (typeof s !== 'object' || s === null) return s;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) out[k] = DATA_KEYS.has(k) ? v : withVisibleText(v);
  if (typeof out.minLength === 'number' && out.minLength >= 1) out['x-visible-text'] = true;
  return out;
}

// Keyed by the schema's text too: a schema object built per request must not be compiled (and kept by ajv) again.
const byObject = new WeakMap<JsonSchema, ValidateFunction>();
const byText = new Map<string, ValidateFunction>();
export function validator(schema: JsonSchema): ValidateFunction {
  let v = byObject.get(schema);
  if (v) return v;
  const text = JSON.stringify(schema);
  v = byText.get(text);
  if (!v) byText.set(text, (v = ajv().compile(withVisibleText(schema) as JsonSchema)));
  byObject.set(schema, v);
  return v;
}

const pointerPart = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
/** Whether unsafeValues would find anything: the same walk without building a pointer per value (a bulk body has thousands). */
function anyUnsafe(data: unknown): boolean {
  if (typeof data === 'number') return !(Number.isFinite(data) && Math.abs(data) <= Number.MAX_SAFE_INTEGER);
  if (typeof data === 'string') return !!controlOf(data);
  if (Array.isArray(data)) return data.some(anyUnsafe);
  if (typeof data === 'object' && data !== null) for (const k of Object.keys(data)) if (controlOf(k) || anyUnsafe((data as Record<string, unknown>)[k])) return true;
  return false;
}
/** Numbers that are not finite or safe, and strings (values or keys) with control characters, anywhere in the data. */
function unsafeValues(data: unknown, at = '', out: FieldError[] = []): FieldError[] {
  if (typeof data === 'number' && !(Number.isFinite(data) && Math.abs(data) <= Number.MAX_SAFE_INTEGER))
    out.push({ pointer: at, message: `数值须为有限数且绝对值不超过 ${Number.MAX_SAFE_INTEGER} / must be a finite number of magnitude at most ${Number.MAX_SAFE_INTEGER}` });
  else if (typeof data === 'string' && controlOf(data))
    out.push({ pointer: at, message: '不能包含控制字符 / must not contain control characters' });
  else if (Array.isArray(data)) data.forEach((x, i) => unsafeValues(x, `${at}/${i}`, out));
  else if (typeof data === 'object' && data !== null)
    for (const [k, v] of Object.entries(data)) {
      if (controlOf(k)) out.push({ pointer: `${at}/${pointerPart(clip(k))}`, message: '字段名不能包含控制字符 / a field name must not contain control characters' });
      unsafeValues(v, `${at}/${pointerPart(k)}`, out);
    }
  return out;
}

/** zh-CN from ajv-i18n, English from ajv, for keywords without a hand-written message. */
function generic(e: ErrorObject): [string, string] {
  const en = e.message ?? e.keyword;
  const zh = { ...e };
  localizeZh([zh]);
  return [zh.message && zh.message !== en ? zh.message : en, en];
}

type Titled = { title?: unknown; 'x-title-en'?: unknown };
/** A field's titles as its schema publishes them (schema-kit.ts), if it has both. */
const titlesOf = (s: unknown): [string, string] | undefined => {
  const t = s as Titled | undefined;
  return typeof t?.title === 'string' && typeof t['x-title-en'] === 'string' ? [t.title, t['x-title-en']] : undefined;
};

/** The message of one error, zh and en apart, with the pointer it is about and the schema of that field. */
function messageOf(e: ErrorObject): { pointer: string; zh: string; en: string; field?: unknown } {
  const p = e.params as Record<string, unknown>;
  const at = e.instancePath || '';
  const m = (zh: string, en: string) => ({ pointer: at, zh, en, field: e.parentSchema });
  switch (e.keyword) {
    case 'required': {
      const name = String(p.missingProperty);
      const t = titlesOf((e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties?.[name]);
      return t
        ? { pointer: `${at}/${name}`, zh: `缺少必填项「${t[0]}」`, en: `required field missing: ${t[1]} (${name})` }
        : { pointer: `${at}/${name}`, zh: '缺少必填项', en: `required field missing: ${name}` };
    }
    case 'additionalProperties': return { pointer: `${at}/${p.additionalProperty}`, zh: '不允许的字段', en: `field not allowed: ${clip(String(p.additionalProperty))}` };
    case 'format': return p.format === 'cn-resident-id' ? m('公民身份号码无效（18 位，校验码须正确）', 'not a valid 18-digit resident ID number') : m('格式不正确', `must be a valid ${p.format}`);
    case 'const': return m(`必须为 ${JSON.stringify(p.allowedValue)}`, `must be ${JSON.stringify(p.allowedValue)}`);
    case 'enum': return m(`只能取 ${JSON.stringify(p.allowedValues)} 之一`, `must be one of ${JSON.stringify(p.allowedValues)}`);
    case 'maxItems': return m(`最多 ${p.limit} 项`, `at most ${p.limit} items`);
    case 'type': return m(`类型应为 ${p.type}`, `must be ${p.type}`);
    case 'pattern': return m('不能为空或格式不符', 'must not be blank and must match the expected form');
    case 'x-visible-text': return m('须含可见文字，且不能包含控制字符', 'must contain visible text and no control characters');
    default: return m(...generic(e));
  }
}

/** Errors as JSON pointers with messages a clerk can act on: zh first, English beside, each naming the field by its title in that language. */
export function fieldErrors(errors: ErrorObject[] | null | undefined): FieldError[] {
  return (errors ?? []).map((e) => {
    const { pointer, zh, en, field } = messageOf(e);
    const t = titlesOf(field);
    return { pointer, message: t ? `${t[0]}：${zh} / ${t[1]}: ${en}` : zh === en ? en : `${zh} / ${en}` };
  });
}

export function checkBody(schema: JsonSchema, body: unknown): FieldError[] {
  const unsafe = anyUnsafe(body) ? unsafeValues(body) : [];
  const v = validator(schema);
  const errors = v(body) ? [] : fieldErrors(v.errors);
  const seen = new Set(unsafe.map((e) => e.pointer));
  return [...unsafe, ...errors.filter((e) => !seen.has(e.pointer))];
}
