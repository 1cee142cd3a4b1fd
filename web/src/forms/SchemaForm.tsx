// One form from one published schema: rjsf's Ant Design theme, Chinese ajv messages (ajv-i18n zh)
// or English, and the server's field errors placed on their fields. Every form in the page is this.
import Form from '@rjsf/antd';
import type { RJSFValidationError } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { Alert, Button } from 'antd';
import localizeZh from 'ajv-i18n/localize/zh';
import { useMemo, useState } from 'react';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { pointerErrors, toRjsf } from './schema-ui.ts';

// Formats the server checks in full (a resident ID's check digit): here only their shape.
const customFormats = { 'cn-resident-id': /^[0-9]{17}[0-9Xx]$/ };
const validators = {
  zh: customizeValidator({ customFormats, ajvOptionsOverrides: { strict: false } }, localizeZh as any),
  en: customizeValidator({ customFormats, ajvOptionsOverrides: { strict: false } }),
};

// A required text's `pattern: '\\S'` (a visible character) would read 应当匹配模式 "\S": say what it means.
const BLANK = { zh: '不能为空', en: 'must not be blank' };
// A failed `if` says only 'must match "then"': the branch's own error (e.g. a required field) says what to do.
const plainErrors = (lang: 'zh' | 'en') => (errors: RJSFValidationError[]) =>
  errors.filter((e) => e.name !== 'if').map((e) => (e.name === 'pattern' && e.params?.pattern === '\\S') || (e.name === 'minLength' && e.params?.limit === 1)
    ? { ...e, message: BLANK[lang], stack: `${e.property ?? ''} ${BLANK[lang]}`.trim() } : e);

type Props = { schema: Record<string, unknown>; submitLabel: string; onSubmit(data: Record<string, unknown>): Promise<unknown>; initial?: Record<string, unknown>; idPrefix?: string; danger?: boolean };

export function SchemaForm({ schema, submitLabel, onSubmit, initial, idPrefix = 'f', danger }: Props) {
  const { lang, t } = useI18n();
  const { schema: s, uiSchema } = useMemo(() => toRjsf(schema, lang), [schema, lang]);
  const [data, setData] = useState<Record<string, unknown> | undefined>(initial);
  const [extraErrors, setExtra] = useState<Record<string, any>>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function submit(formData: Record<string, unknown>) {
    setBusy(true); setProblem(undefined); setExtra(undefined);
    try {
      await onSubmit(formData);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setProblem(e.message);
      if (e.errors.length) setExtra(pointerErrors(e.errors));
    } finally { setBusy(false); }
  }
  return (
    <Form schema={s} uiSchema={{ ...uiSchema, 'ui:submitButtonOptions': { norender: true } }} validator={validators[lang]} formData={data} idPrefix={idPrefix}
      onChange={(e) => setData(e.formData)} onSubmit={(e) => submit(e.formData as Record<string, unknown>)}
      extraErrors={extraErrors as any} showErrorList={false} noHtml5Validate
      transformErrors={plainErrors(lang)}>
      {problem && <Alert role="alert" type="error" showIcon title={t('error')} description={problem} style={{ marginBottom: 12 }} />}
      <Button type="primary" danger={danger} htmlType="submit" loading={busy}>{submitLabel}</Button>
    </Form>
  );
}
