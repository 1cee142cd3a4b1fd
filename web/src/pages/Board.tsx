// A case's board (/cases/:id/board): its child cases in the columns its process declares
// (GET /api/instances/{id}/pipeline), filters, a selection acted on in bulk with the case's own
// events — a row event's fields asked once for all in the form the board publishes, one row per
// card, one event — (refused rows named per card), the ranking per group, the funnel, a card's timeline.
// Nothing here names a process.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Drawer, InputNumber, List, Modal, Result, Select, Space, Spin, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError, qs } from '../api.ts';
import { type AllowedEvent, type Instance, type Page } from '../data.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { FunnelChart } from '../board/Funnel.tsx';
import { SchemaForm } from '../forms/SchemaForm.tsx';
import { actionBody, type Board as BoardT, type BoardAction, type BoardCard, type Filters } from '../board/types.ts';
import type { PageProps } from './registry.ts';
import './pages.css';

export default function Board({ params }: PageProps) {
  const { t, pick } = useI18n();
  const id = params.id;
  const [filters, setFilters] = useState<Filters>({});
  const [selected, setSelected] = useState<Map<string, string>>(new Map()); // key → name
  const [timeline, setTimeline] = useState<BoardCard>();
  const c = useQuery({ queryKey: ['case', id], queryFn: () => api<Instance>(`/api/instances/${encodeURIComponent(id)}`) });
  const b = useQuery({ queryKey: ['board', id, filters], queryFn: () => api<BoardT>(`/api/instances/${encodeURIComponent(id)}/pipeline${qs({ ...filters, stage: undefined })}`), enabled: c.isSuccess });
  if (c.isPending || (c.isSuccess && b.isPending)) return <Spin />;
  const err = c.error ?? b.error;
  if (err) {
    const denied = err instanceof ApiError && [403, 404].includes(err.status);
    return <Result status={denied ? '403' : 'error'} title={denied ? t('noAccess') : t('error')} subTitle={err.message} extra={<Link to={`/cases/${id}`}>{t('back')}</Link>} />;
  }
  const board = b.data!;
  const toggle = (card: BoardCard, on: boolean) => setSelected((m) => {
    const n = new Map(m);
    if (on) n.set(card.key!, card.name ?? card.key!); else n.delete(card.key!);
    return n;
  });
  return (
    <article aria-labelledby="board-title">
      <Typography.Title level={2} id="board-title" style={{ fontSize: 20 }}>{t('bdTitle')}：{c.data!.subject}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Link to={`/cases/${id}`}>{t('bdBackToCase')}</Link>
        <Link to={`/imports${qs({ back: `/cases/${id}/board` })}`}>{t('imTitle')}</Link>
        <Typography.Text data-testid="board-total">{t('bdTotal', { n: board.total })}</Typography.Text>
      </Space>
      <FilterBar board={board} filters={filters} onChange={(f) => { setFilters(f); setSelected(new Map()); }} />
      <Tabs destroyOnHidden items={[
        { key: 'board', label: t('bdBoard'), children: <>
          <BulkBar c={c.data!} board={board} selected={selected} onDone={() => setSelected(new Map())} />
          <div className="uw-board" role="list" aria-label={t('bdBoard')}>
            {board.stages.filter((s) => !filters.stage || s.id === filters.stage).map((s) => (
              <Column key={s.id} id={id} stage={s} filters={filters} selected={selected} onToggle={toggle} onOpen={setTimeline} />
            ))}
          </div>
        </> },
        { key: 'ranking', label: t('bdRanking'), children: <Ranking id={id} board={board} filters={filters} /> },
        { key: 'funnel', label: t('bdFunnel'), children: <FunnelChart id={id} filters={{ ...filters, stage: undefined }} /> },
      ]} />
      <Drawer open={!!timeline} onClose={() => setTimeline(undefined)} title={timeline?.name} size="large" destroyOnHidden>
        {timeline && <CardTimeline card={timeline} />}
      </Drawer>
    </article>
  );
}

function FilterBar({ board, filters, onChange }: { board: BoardT; filters: Filters; onChange: (f: Filters) => void }) {
  const { t, pick } = useI18n();
  const numbers = board.fields.filter((f) => f.kind === 'number');
  const [field, setField] = useState(numbers[0]?.id);
  const set = (k: string, v: string | undefined) => onChange({ ...filters, [k]: v || undefined });
  const setField2 = (f: string) => {
    const { [`min.${field}`]: _a, [`max.${field}`]: _b, ...rest } = filters;
    setField(f);
    onChange(rest);
  };
  return (
    <Space wrap style={{ marginBottom: 12 }} aria-label={t('bdFilters')} role="group">
      <Select aria-label={t('bdStage')} allowClear placeholder={t('bdStage')} style={{ minWidth: 140 }} value={filters.stage} onChange={(v) => set('stage', v)}
        options={board.stages.map((s) => ({ value: s.id, label: pick(s.title) }))} />
      <Select aria-label={pick(board.groupBy.title)} allowClear placeholder={pick(board.groupBy.title)} style={{ minWidth: 160 }} value={filters.group} onChange={(v) => set('group', v)}
        options={board.groups.map((g) => ({ value: g.id, label: `${g.label ?? g.id}（${g.count}）` }))} />
      {numbers.length > 0 && <>
        <Select aria-label={t('bdScore')} style={{ minWidth: 150 }} value={field} onChange={setField2} options={numbers.map((f) => ({ value: f.id, label: pick(f.title) }))} />
        <InputNumber aria-label={t('bdMin')} placeholder={t('bdMin')} value={filters[`min.${field}`] ? Number(filters[`min.${field}`]) : null} onChange={(v) => set(`min.${field}`, v == null ? undefined : String(v))} />
        <InputNumber aria-label={t('bdMax')} placeholder={t('bdMax')} value={filters[`max.${field}`] ? Number(filters[`max.${field}`]) : null} onChange={(v) => set(`max.${field}`, v == null ? undefined : String(v))} />
      </>}
      {board.fields.filter((f) => f.kind === 'list').map((f) => (
        <Select key={f.id} aria-label={pick(f.title)} allowClear placeholder={pick(f.title)} style={{ minWidth: 150 }} value={filters[`has.${f.id}`]} onChange={(v) => set(`has.${f.id}`, v)}
          options={[{ value: 'true', label: t('bdHas', { what: pick(f.title) }) }, { value: 'false', label: t('bdHasNot', { what: pick(f.title) }) }]} />
      ))}
    </Space>
  );
}

function Column({ id, stage, filters, selected, onToggle, onOpen }: {
  id: string; stage: BoardT['stages'][number]; filters: Filters; selected: Map<string, string>; onToggle: (c: BoardCard, on: boolean) => void; onOpen: (c: BoardCard) => void;
}) {
  const { t, pick } = useI18n();
  const [limit, setLimit] = useState(50);
  const q = useQuery({
    queryKey: ['cards', id, stage.id, filters, limit], enabled: stage.count > 0,
    queryFn: () => api<Page<BoardCard>>(`/api/instances/${id}/pipeline/cards${qs({ ...filters, stage: stage.id, limit: String(Math.min(limit, 200)) })}`),
  });
  const title = pick(stage.title);
  return (
    <section className="uw-board-col" role="listitem" aria-label={`${title} ${stage.count}`} data-stage={stage.id}>
      <h3 className="uw-board-head">{title} <Tag data-testid={`count-${stage.id}`}>{stage.count}</Tag></h3>
      {(q.data?.items ?? []).map((card) => (
        <div key={card.id} className="uw-card" data-card={card.name ?? ''}>
          <Checkbox checked={selected.has(card.key!)} onChange={(e) => onToggle(card, e.target.checked)} aria-label={`${t('bdSelect')} ${card.name}`} disabled={!card.key} />
          <Button type="link" size="small" onClick={() => onOpen(card)}>{card.name}</Button>
          <div className="uw-card-meta">{card.groupLabel}{card.stateTitle && stage.states.length > 1 ? ` · ${pick(card.stateTitle)}` : ''}</div>
        </div>
      ))}
      {q.data?.next && <Button size="small" onClick={() => setLimit(limit + 50)}>{t('more')}</Button>}
    </section>
  );
}

function BulkBar({ c, board, selected, onDone }: { c: Instance; board: BoardT; selected: Map<string, string>; onDone: () => void }) {
  const { t, pick } = useI18n();
  const qc = useQueryClient();
  const [open, setOpen] = useState<BoardAction>();
  const [refused, setRefused] = useState<{ name: string; message: string }[]>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const allowed = new Map<string, AllowedEvent>((c.allowedEvents ?? []).map((e) => [e.type, e]));
  const actions = board.actions.filter((a) => allowed.has(a.event));
  const titleOf = (a: BoardAction) => pick(a.title ?? allowed.get(a.event)!.title);
  const keys = [...selected.keys()];
  // One event for the whole selection: committed whole or refused whole, the refused rows named.
  async function run(action: BoardAction, values: Record<string, unknown>) {
    setBusy(true); setRefused(undefined); setDone(undefined);
    try {
      await api(`/api/instances/${c.id}/events`, { method: 'POST', body: actionBody(action, keys, values), headers: { 'if-match': `"${c.version}"` } });
      setOpen(undefined);
      setDone(t('bdDone', { n: keys.length, what: titleOf(action) }));
      onDone();
      await Promise.all(['case', 'board', 'cards', 'funnel', 'ranking'].map((k) => qc.invalidateQueries({ queryKey: [k] })));
    } catch (e) {
      const errors = e instanceof ApiError ? e.errors : [];
      // A refused bulk step names its rows by pointer: /<list>/<i>[/field] → the i-th selected card.
      const rows = errors.map((x) => {
        const m = new RegExp(`^/${action.list}/(\\d+)`).exec(x.pointer);
        return { name: m ? selected.get(keys[Number(m[1])]) ?? keys[Number(m[1])] : '—', message: x.message };
      });
      setRefused(rows.length ? rows : [{ name: '—', message: (e as Error).message }]);
    } finally { setBusy(false); }
  }
  const refusals = refused && (
    <Alert type="error" showIcon style={{ marginTop: 8 }} title={t('bdRefused', { n: refused.length })} description={
      <List size="small" dataSource={refused} renderItem={(r) => <List.Item data-testid="refused-row"><Typography.Text strong>{r.name}</Typography.Text>：{r.message}</List.Item>} />
    } />
  );
  return (
    <Card size="small" style={{ marginBottom: 12 }} title={t('bdSelected', { n: keys.length })}>
      <Space wrap>
        {actions.length === 0 && <Typography.Text type="secondary">{t('noActions')}</Typography.Text>}
        {actions.map((a) => (
          <Button key={a.id} data-bulk={a.id} disabled={!keys.length || busy} danger={/DIS|CANCEL/.test(a.event)}
            onClick={() => { setRefused(undefined); if (a.ask.length) setOpen(a); else void run(a, {}); }}>
            {titleOf(a)}（{keys.length}）
          </Button>
        ))}
      </Space>
      {done && <Alert type="success" showIcon title={done} style={{ marginTop: 8 }} role="status" />}
      {!open && refusals}
      <Modal open={!!open} title={open && titleOf(open)} onCancel={() => setOpen(undefined)} destroyOnHidden footer={null}>
        <Typography.Paragraph type="secondary">{t('bdForAll', { n: keys.length })}：{[...selected.values()].slice(0, 10).join('、')}{keys.length > 10 ? '…' : ''}</Typography.Paragraph>
        {open && <SchemaForm schema={open.form} idPrefix="bulk" submitLabel={titleOf(open)} danger={/DIS/.test(open.event)} onSubmit={(v) => run(open, v)} />}
        {refusals}
      </Modal>
    </Card>
  );
}

function Ranking({ id, board, filters }: { id: string; board: BoardT; filters: Filters }) {
  const { t, pick } = useI18n();
  const [group, setGroup] = useState(filters.group ?? board.groups[0]?.id);
  const q = useQuery({
    queryKey: ['ranking', id, group], enabled: !!group,
    queryFn: () => api<Page<BoardCard>>(`/api/instances/${id}/pipeline/cards${qs({ group, sort: 'ranking', limit: '200' })}`),
  });
  const numbers = board.fields.filter((f) => f.kind === 'number');
  const final = new Set(board.stages.filter((s) => s.final).map((s) => s.id));
  return (
    <div>
      <Space wrap style={{ marginBottom: 8 }}>
        <Select aria-label={pick(board.groupBy.title)} value={group} onChange={setGroup} style={{ minWidth: 180 }} options={board.groups.map((g) => ({ value: g.id, label: g.label ?? g.id }))} />
        <Typography.Text data-testid="tie-break">{t('bdTieBreak')}：{pick(board.ranking.tieBreak)}</Typography.Text>
      </Space>
      <div className="uw-scroll">
        <Table<BoardCard> size="small" rowKey="id" loading={q.isPending} pagination={false} dataSource={q.data?.items ?? []} locale={{ emptyText: t('empty') }} columns={[
          { title: t('bdRank'), key: 'rank', render: (_, r) => r.values[board.ranking.rank] ?? '—' },
          { title: t('bdName'), key: 'name', render: (_, r) => r.name },
          ...numbers.filter((f) => f.id !== board.ranking.rank).map((f) => ({ title: pick(f.title), key: f.id, render: (_: unknown, r: BoardCard) => r.values[f.id] ?? '—' })),
          { title: t('state'), key: 'state', render: (_, r) => <Tag color={r.stage && final.has(r.stage) ? undefined : 'blue'}>{pick(r.stateTitle ?? r.state)}</Tag> },
        ]} />
      </div>
    </div>
  );
}

type TimelineItem = { source: 'case' | 'parent'; seq: number; type: string; title: { zh: string; en: string } | null; actorName: string; at: string; payload: Record<string, unknown> };

function CardTimeline({ card }: { card: BoardCard }) {
  const { t, pick } = useI18n();
  const q = useQuery({ queryKey: ['timeline', card.id], queryFn: () => api<{ items: TimelineItem[] }>(`/api/instances/${card.id}/timeline`) });
  if (!q.data) return <Spin />;
  const brief = (p: Record<string, unknown>) => Object.entries(p).filter(([k, v]) => !['type', 'cause'].includes(k) && !(Array.isArray(v) && !v.length))
    .slice(0, 4).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v).slice(0, 80) : String(v)}`).join('；');
  return (
    <div>
      <Link to={`/cases/${card.id}`}>{t('bdOpenCase')}</Link>
      <Timeline style={{ marginTop: 12 }} items={q.data.items.map((i) => ({
        key: `${i.source}${i.seq}`, color: i.source === 'parent' ? 'gray' : 'blue',
        content: <div><Typography.Text strong>{pick(i.title ?? i.type)}</Typography.Text>{i.source === 'parent' && <Tag style={{ marginInlineStart: 6 }}>{t('bdFromParent')}</Tag>}
          <div>{i.actorName} · <time dateTime={i.at}>{new Date(i.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</time></div>
          <div style={{ color: '#334155' }}>{brief(i.payload)}</div></div>,
      }))} />
    </div>
  );
}
