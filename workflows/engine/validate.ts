// Every start input and event body is checked against its JSON Schema before anything runs.
// Validators are compiled once per definition.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema } from '../types.ts';
import { isResidentId } from '../rules/resident-id.ts';
import type { FieldError } from './errors.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
export const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addFormat('cn-resident-id', { type: 'string', validate: isResidentId });

// Keyed by the schema's text too: a schema object built per request must not be compiled (and kept by ajv) again.
const byObject = new WeakMap<JsonSchema, ValidateFunction>();
const byText = new Map<string, ValidateFunction>();
export function validator(schema: JsonSchema): ValidateFunction {
  let v = byObject.get(schema);
  if (v) return v;
  const text = JSON.stringify(schema);
  v = byText.get(text);
  if (!v) byText.set(text, (v = ajv.compile(schema)));
  byObject.set(schema, v);
  return v;
}

/** Errors as JSON pointers with messages a clerk can act on (zh first). */
export function fieldErrors(errors: ErrorObject[] | null | undefined): FieldError[] {
  return (errors ?? []).map((e) => {
    const p = e.params as Record<string, unknown>;
    const at = e.instancePath || '';
    switch (e.keyword) {
      case 'required': return { pointer: `${at}/${p.missingProperty}`, message: `缺少必填项 / required field missing: ${p.missingProperty}` };
      case 'additionalProperties': return { pointer: `${at}/${p.additionalProperty}`, message: `不允许的字段 / field not allowed: ${p.additionalProperty}` };
      case 'format': return { pointer: at, message: p.format === 'cn-resident-id' ? '公民身份号码无效（18 位，校验码须正确）/ not a valid 18-digit resident ID number' : `格式不正确 / must be a valid ${p.format}` };
      case 'const': return { pointer: at, message: `必须为 ${JSON.stringify(p.allowedValue)} / must be ${JSON.stringify(p.allowedValue)}` };
      case 'enum': return { pointer: at, message: `只能取 ${JSON.stringify(p.allowedValues)} 之一 / must be one of ${JSON.stringify(p.allowedValues)}` };
      case 'type': return { pointer: at, message: `类型应为 ${p.type} / must be ${p.type}` };
      case 'pattern': return { pointer: at, message: `不能为空或格式不符 / must not be blank and must match the expected form` };
      default: return { pointer: at, message: e.message ?? e.keyword };
    }
  });
}

export function checkBody(schema: JsonSchema, body: unknown): FieldError[] {
  const v = validator(schema);
  return v(body) ? [] : fieldErrors(v.errors);
}
