// Building blocks of the JSON Schemas a process publishes: what the validator checks and what a
// generated form needs beside it — zh-CN `title`, English `x-title-en`, the rule a field comes from
// (`x-rule`), a widget hint (`x-widget`), the order of an object's fields (`x-order`) and the labels
// of an enum's values (`x-enum-titles`). The
// `x-` keywords are declared here once: the validator registers exactly these (ajv strict mode
// refuses any other), and the API and README document them from this list.
import type { RuleRef, JsonSchema } from './types.ts';

export const WIDGETS = ['textarea', 'hidden', 'date', 'checkbox'] as const;
export type Widget = (typeof WIDGETS)[number];

/** Every published `x-` keyword: the JSON Schema of its value, and what it means (zh / en). */
export const X_KEYWORDS: Record<string, { schema: JsonSchema; zh: string; en: string }> = {
  'x-title-en': { schema: { type: 'string', minLength: 1 }, zh: '字段的英文标题（title 为中文）', en: 'the field\'s English title (title holds the zh-CN one)' },
  'x-description-en': { schema: { type: 'string', minLength: 1 }, zh: '英文说明（description 为中文）', en: 'the English description (description holds the zh-CN one)' },
  'x-rule': {
    schema: { type: 'object', additionalProperties: false, required: ['id', 'clause'], properties: { id: { type: 'string' }, clause: { type: 'string' } } },
    zh: '该字段所依据的规则编号与条款', en: 'the rule (RULES.md id) and clause the field comes from',
  },
  'x-widget': { schema: { enum: [...WIDGETS] }, zh: '表单控件提示：textarea 长文本、hidden 隐藏、date 日期、checkbox 勾选', en: 'form widget hint: textarea, hidden, date, checkbox' },
  'x-org': { schema: { enum: ['subtree'] }, zh: '工会编号，须为本事项所在工会或其下级工会', en: 'a union\'s id, which must be the case\'s union or one below it' },
  'x-order': { schema: { type: 'array', items: { type: 'string' } }, zh: '对象各字段在表单中的顺序', en: 'the order of an object\'s fields in a form' },
  'x-register-person': {
    schema: { type: 'string', pattern: '^[a-z][A-Za-z]*$' },
    zh: '该整数为实名制名册人员编号；引擎在事项所属工会及其下级的名册中查得该人员，将其记录置于所命名的同级字段', en: 'the integer is a register person id: the engine finds the person in the register of the case\'s union or below and puts the record beside it under the named key',
  },
  'x-enum-titles': {
    schema: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['zh', 'en'], properties: { zh: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } } } },
    zh: '各可选值的中英文名称，与 enum 一一对应', en: 'each allowed value\'s zh and English label, parallel to enum',
  },
};

/** A register person's id (a positive integer); the engine puts the record beside it as `as` (engine/register-refs.ts). */
export const registerPerson = (as: string, zh: string, en: string): JsonSchema => ({ ...titled({ type: 'integer', minimum: 1 }, zh, en), 'x-register-person': as });

/** Texts this long or longer get a multi-line box. */
const LONG_TEXT = 200;

type Extra = { rule?: RuleRef; description?: { zh: string; en: string }; widget?: Widget };

/** A field with its zh title and English title, and optionally its rule, description and widget. */
export function titled(schema: JsonSchema, zh: string, en: string, extra: Extra = {}): JsonSchema {
  return {
    ...schema, title: zh, 'x-title-en': en,
    ...(extra.description ? { description: extra.description.zh, 'x-description-en': extra.description.en } : {}),
    ...(extra.rule ? { 'x-rule': { id: extra.rule.rule, clause: extra.rule.clause } } : {}),
    ...(extra.widget ? { 'x-widget': extra.widget } : {}),
  };
}

/** Required-visible text of at most `max` characters; long ones are a textarea. */
export const text = (max: number, zh: string, en: string, extra: Extra = {}): JsonSchema =>
  titled({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S' }, zh, en, { widget: max >= LONG_TEXT ? 'textarea' : undefined, ...extra });
export const date = (zh: string, en: string, extra: Extra = {}): JsonSchema => titled({ type: 'string', format: 'date' }, zh, en, { widget: 'date', ...extra });
export const integer = (min: number, max: number | undefined, zh: string, en: string, extra: Extra = {}): JsonSchema =>
  titled({ type: 'integer', minimum: min, ...(max === undefined ? {} : { maximum: max }) }, zh, en, extra);
/** One of fixed values; given as `{ value: { zh, en } }` each value gets its labels in `x-enum-titles`. */
export function choice(values: readonly string[] | Record<string, { zh: string; en: string }>, zh: string, en: string, extra: Extra = {}): JsonSchema {
  if (Array.isArray(values)) return titled({ enum: [...values] }, zh, en, extra);
  const labelled = values as Record<string, { zh: string; en: string }>;
  return titled({ enum: Object.keys(labelled), 'x-enum-titles': Object.values(labelled).map((l) => ({ zh: l.zh, en: l.en })) }, zh, en, extra);
}
/** A box that must be ticked (a declaration the sender makes). */
export const affirm = (zh: string, en: string, extra: Extra = {}): JsonSchema => titled({ const: true }, zh, en, { widget: 'checkbox', ...extra });
export const checkbox = (zh: string, en: string, extra: Extra = {}): JsonSchema => titled({ type: 'boolean' }, zh, en, { widget: 'checkbox', ...extra });

/** A closed object whose form shows its fields in the order written. */
export const object = (properties: Record<string, JsonSchema>, required: string[] = [], more: JsonSchema = {}): JsonSchema => ({
  type: 'object', additionalProperties: false, required, properties, 'x-order': Object.keys(properties), ...more,
});

/** An event's body: its `type` is fixed and hidden in a form. */
export const event = (type: string, properties: Record<string, JsonSchema> = {}, required: string[] = []): JsonSchema =>
  object({ type: titled({ const: type }, '事件类型', 'event type', { widget: 'hidden' }), ...properties }, ['type', ...required]);
