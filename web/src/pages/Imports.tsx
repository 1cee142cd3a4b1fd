// 导入 (/imports): the import wizard over the generic imports API, for any kind the caller may use
// (GET /api/imports/kinds): choose a file → preview with every row error (row, column, message)
// → fix the file and upload again → commit. Query parameters other than `kind` and `back` go to
// the upload as they are (a kind that imports into a case names it so).
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Select, Space, Steps, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError, qs } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link, useRouter } from '../router.tsx';
import './pages.css';

type Kind = { kind: string; title: { zh: string; en: string }; columns: { field: string; zh: string; en: string; required: boolean }[] };
type RowError = { row: number; column: string | null; header: string | null; field: string | null; message: string };
type Upload = { id: string; kind: string; status: 'preview' | 'invalid' | 'committed'; rows: number; errors: RowError[]; preview: Record<string, unknown>[]; result?: Record<string, unknown> };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export default function Imports() {
  const { t, pick, lang } = useI18n();
  const { path } = useRouter();
  const params = new URLSearchParams(path.split('?')[1] ?? '');
  const back = params.get('back');
  const extra = Object.fromEntries([...params].filter(([k]) => k !== 'kind' && k !== 'back'));
  const kinds = useQuery({ queryKey: ['import-kinds'], queryFn: () => api<{ items: Kind[] }>('/api/imports/kinds') });
  const [kind, setKind] = useState<string | undefined>(params.get('kind') ?? undefined);
  const [upload, setUpload] = useState<Upload>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const chosen = kinds.data?.items.find((k) => k.kind === (kind ?? kinds.data?.items[0]?.kind));

  async function send(file: File) {
    if (!chosen) return;
    setBusy(true); setError(undefined); setUpload(undefined);
    try {
      const type = /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv';
      const res = await fetch(`/api/imports${qs({ ...extra, kind: chosen.kind })}`, { method: 'POST', body: file, headers: { 'content-type': type, accept: 'application/json' }, credentials: 'same-origin' });
      const body = await res.json();
      if (!res.ok) throw new ApiError(res.status, body.title ?? '', body.detail ?? '', body.errors ?? [], body);
      setUpload(body);
    } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
  }
  async function commit() {
    setBusy(true); setError(undefined);
    try { setUpload(await api<Upload>(`/api/imports/${upload!.id}/commit`, { method: 'POST' })); } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
  }
  const step = !upload ? 0 : upload.status === 'invalid' ? 1 : upload.status === 'preview' ? 2 : 3;
  const header = (field: string) => { const c = chosen?.columns.find((x) => x.field === field); return c ? (lang === 'en' ? c.en : c.zh) : field; };
  return (
    <section aria-labelledby="im-title">
      <Typography.Title level={2} id="im-title" style={{ fontSize: 20 }}>{t('imTitle')}</Typography.Title>
      {back && <Link to={back}>{t('back')}</Link>}
      <Steps size="small" current={step} style={{ margin: '12px 0' }} items={[{ title: t('imChoose') }, { title: t('imFix') }, { title: t('imPreview') }, { title: t('imCommitted') }]} />
      <Card size="small">
        <Space wrap align="center">
          <Select aria-label={t('imKind')} style={{ minWidth: 220 }} value={chosen?.kind} onChange={(k) => { setKind(k); setUpload(undefined); }}
            options={(kinds.data?.items ?? []).map((k) => ({ value: k.kind, label: pick(k.title) }))} />
          <label className="ant-btn ant-btn-default" style={{ cursor: 'pointer' }}>
            {upload ? t('imUploadAgain') : t('imUpload')}
            <input type="file" accept=".xlsx,.csv,text/csv" data-testid="import-file" style={{ position: 'absolute', opacity: 0, width: 1, height: 1 }} disabled={busy || !chosen}
              onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void send(f); }} />
          </label>
        </Space>
        {chosen && <div style={{ marginTop: 8 }}><Typography.Text type="secondary">{t('imColumns')}：{chosen.columns.map((c) => `${lang === 'en' ? c.en : c.zh}${c.required ? '*' : ''}`).join('、')}</Typography.Text></div>}
      </Card>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      {upload && upload.status === 'invalid' && (
        <Card size="small" style={{ marginTop: 12 }} title={t('imErrors', { n: upload.errors.length, rows: upload.rows })}>
          <Alert type="warning" showIcon title={t('imNothing')} style={{ marginBottom: 8 }} />
          <Table<RowError> size="small" rowKey={(e) => `${e.row}-${e.column}-${e.message}`} pagination={{ pageSize: 50, hideOnSinglePage: true }} dataSource={upload.errors} data-testid="row-errors" columns={[
            { title: t('imRow'), dataIndex: 'row' }, { title: t('imColumn'), key: 'col', render: (_, e) => [e.column, e.header].filter(Boolean).join(' ') || '—' }, { title: t('imMessage'), dataIndex: 'message' },
          ]} />
        </Card>
      )}
      {upload && upload.status !== 'invalid' && (
        <Card size="small" style={{ marginTop: 12 }} title={upload.status === 'committed' ? t('imDone', { n: upload.rows }) : t('imReady', { n: upload.rows })}>
          {upload.status === 'preview' && <Button type="primary" onClick={commit} loading={busy} data-testid="import-commit">{t('imCommit', { n: upload.rows })}</Button>}
          {upload.status === 'committed' && <Alert type="success" showIcon role="status" title={t('imDone', { n: upload.rows })} />}
          <div className="uw-scroll" style={{ marginTop: 8 }}>
            <Table size="small" rowKey="row" pagination={false} dataSource={upload.preview}
              columns={Object.keys(upload.preview[0] ?? {}).map((k) => ({ title: k === 'row' ? t('imRow') : header(k), dataIndex: k, key: k, render: (v: unknown) => String(v ?? '') }))} />
          </div>
        </Card>
      )}
    </section>
  );
}
