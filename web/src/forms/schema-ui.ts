// A published JSON Schema → what rjsf draws, generically for every process: the title in the page's
// language (`title` is zh, `x-title-en` English; older '中文 / English' titles are split), the UI
// hints (`x-widget`: textarea | hidden | date | checkbox; `x-order`; `x-enum-titles`) as uiSchema, the event's own
// `type` hidden, and a bare `const` given its type and value. `x-*` keywords are removed for ajv.
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { pickText, type Lang } from '../i18n/index.tsx';

type Schema = Record<string, any>;

function title(s: Schema, lang: Lang): string | undefined {
  if (typeof s.title !== 'string') return undefined;
  if (lang === 'en' && typeof s['x-title-en'] === 'string') return s['x-title-en'];
  return pickText(lang, s.title);
}

/** `x-order` on an object (a list of names) or on each property (a number): rjsf's ui:order. */
function order(s: Schema): string[] | undefined {
  const props = Object.keys(s.properties ?? {});
  if (Array.isArray(s['x-order'])) return [...s['x-order'].filter((k: string) => props.includes(k)), '*'];
  const ranked = props.filter((k) => typeof s.properties[k]?.['x-order'] === 'number');
  if (!ranked.length) return undefined;
  return [...ranked.sort((a, b) => s.properties[a]['x-order'] - s.properties[b]['x-order']), '*'];
}

export function toRjsf(schema: Schema, lang: Lang, path: string[] = []): { schema: RJSFSchema; uiSchema: UiSchema } {
  const out: Schema = {};
  const ui: UiSchema = {};
  for (const [k, v] of Object.entries(schema)) if (!k.startsWith('x-')) out[k] = v;
  const t = title(schema, lang);
  if (t !== undefined) out.title = t;
  // A bare const (fundSource, a must-be-true checkbox): a typed field that starts at its one value.
  if ('const' in schema && !schema.type) {
    out.type = typeof schema.const === 'boolean' ? 'boolean' : typeof schema.const === 'number' ? 'number' : 'string';
    if (typeof schema.const !== 'boolean') { out.default = schema.const; ui['ui:readonly'] = true; }
  }
  if (Array.isArray(schema.enum) && !schema.type) out.type = typeof schema.enum[0] === 'number' ? 'number' : 'string';
  // `x-enum-titles` (parallel to enum): each value's label in the page's language, as rjsf's ui:enumNames.
  if (Array.isArray(schema.enum) && Array.isArray(schema['x-enum-titles']))
    ui['ui:enumNames'] = schema['x-enum-titles'].map((l: { zh: string; en: string }, i: number) => (lang === 'en' ? l.en : l.zh) || String(schema.enum[i]));
  const widget = schema['x-widget'];
  if (widget === 'textarea') ui['ui:widget'] = 'textarea';
  else if (widget === 'hidden') ui['ui:widget'] = 'hidden';
  else if (widget === 'date') ui['ui:widget'] = 'date';
  else if (widget === 'checkbox') ui['ui:widget'] = 'checkbox';
  else if (!widget && out.type === 'string' && (schema.maxLength ?? 0) > 200) ui['ui:widget'] = 'textarea';
  if (schema.properties) {
    out.properties = {};
    for (const [k, v] of Object.entries<Schema>(schema.properties)) {
      const sub = toRjsf(v, lang, [...path, k]);
      out.properties[k] = sub.schema;
      if (Object.keys(sub.uiSchema).length) ui[k] = sub.uiSchema;
    }
    // The event's own `type` is fixed: sent, never shown.
    if (path.length === 0 && schema.properties.type && 'const' in schema.properties.type) {
      out.properties.type = { type: 'string', const: schema.properties.type.const, default: schema.properties.type.const };
      ui.type = { 'ui:widget': 'hidden' };
    }
    const o = order(schema);
    if (o) ui['ui:order'] = o;
  }
  // A condition's branches read as the fields do (titles in the page's language), as rjsf merges them in when they hold.
  for (const k of ['if', 'then', 'else'] as const) if (schema[k] && typeof schema[k] === 'object') out[k] = toRjsf(schema[k], lang, path).schema;
  if (schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)) {
    const sub = toRjsf(schema.items, lang, [...path, 'items']);
    out.items = sub.schema;
    ui.items = { 'ui:label': false, ...sub.uiSchema }; // a post is numbered by its place, not titled 'items'
  }
  return { schema: out as RJSFSchema, uiSchema: ui };
}

/** The server's problem `errors[]` (JSON pointers such as /posts/0/count) as rjsf extraErrors. */
export function pointerErrors(errors: { pointer?: string; message: string }[]): Record<string, any> {
  const root: Record<string, any> = {};
  for (const e of errors) {
    const parts = (e.pointer ?? '').split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    let at = root;
    for (const p of parts) at = at[p] ??= {};
    (at.__errors ??= []).push(e.message);
  }
  return root;
}
