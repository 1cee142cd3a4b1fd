// The union tree of the admin's subtree: pick a union to edit its name and the counts the rules
// read (members, employees, enterprises, ownership, has a union), or to add a union below it.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Switch, Tree } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useLabel } from '../People.tsx';
import { fetchAll, showOnFields } from './forms.ts';

export type Org = { id: number; name: string; abbr: string | null; kind: string; parentId: number | null; members: number | null; employees: number | null; enterprises: number | null; ownership: string | null; hasUnion: boolean };
export const ORG_KINDS = ['city_federation', 'district_federation', 'industry_union', 'bureau_union', 'group_union', 'university_union', 'direct_union',
  'street_federation', 'staff_service_centre', 'industry_federation', 'service_station', 'community_joint_union', 'grassroots_union'];
const EDIT = ['name', 'abbr', 'members', 'employees', 'enterprises', 'ownership', 'hasUnion'];

export const useOrgs = () => useQuery({ queryKey: ['orgs-all'], queryFn: () => fetchAll<Org>('/api/orgs') });

type Node = { key: number; title: string; children: Node[] };
function treeOf(orgs: Org[]): Node[] {
  const nodes = new Map(orgs.map((o) => [o.id, { key: o.id, title: o.name, children: [] as Node[] }]));
  const roots: Node[] = [];
  for (const o of orgs) (o.parentId !== null && nodes.has(o.parentId) ? nodes.get(o.parentId)!.children : roots).push(nodes.get(o.id)!);
  return roots;
}

/** The fields both forms share: name, abbreviation, the counts and ownership. */
function OrgFields() {
  const { t } = useI18n();
  const label = useLabel();
  const count = (name: string, l: string) => (
    <Col xs={24} sm={8}><Form.Item name={name} label={l}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
  );
  return (
    <>
      <Form.Item name="name" label={t('orgName')} rules={[{ required: true, whitespace: true, message: t('required') }]}><Input maxLength={200} /></Form.Item>
      <Form.Item name="abbr" label={t('orgAbbr')}><Input maxLength={20} /></Form.Item>
      <Row gutter={12}>{count('members', t('orgMembers'))}{count('employees', t('orgEmployees'))}{count('enterprises', t('orgEnterprises'))}</Row>
      <Row gutter={12}>
        <Col xs={24} sm={12}><Form.Item name="ownership" label={t('orgOwnership')}>
          <Select allowClear options={['public', 'non_public'].map((v) => ({ value: v, label: label('ownership', v) }))} />
        </Form.Item></Col>
        <Col xs={24} sm={12}><Form.Item name="hasUnion" label={t('orgHasUnion')} valuePropName="checked"><Switch /></Form.Item></Col>
      </Row>
    </>
  );
}

/** Empty inputs are sent as null (the count is not known), not as an empty string. */
const clean = (v: Record<string, unknown>) => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === '' || x === undefined ? null : x]));

export function Orgs() {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const orgs = useOrgs();
  const [selected, setSelected] = useState<number>();
  const [edit] = Form.useForm();
  const [add] = Form.useForm();
  const [editError, setEditError] = useState<string | null>(null);
  const [addError, setAddError] = useState<string | null>(null);
  const tree = useMemo(() => treeOf(orgs.data ?? []), [orgs.data]);
  const org = orgs.data?.find((o) => o.id === (selected ?? tree[0]?.key));
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: ['orgs-all'] }), qc.invalidateQueries({ queryKey: ['org-names'] })]);

  async function save(v: Record<string, unknown>) {
    setEditError(null);
    try {
      await api(`/api/orgs/${org!.id}`, { method: 'PATCH', body: { ...clean(v), name: v.name, hasUnion: !!v.hasUnion } });
      message.success(t('saved'));
      await refresh();
    } catch (e) { setEditError(showOnFields(edit, e, EDIT)); }
  }
  async function create(v: Record<string, unknown>) {
    setAddError(null);
    try {
      const made = await api<Org>('/api/orgs', { method: 'POST', body: { ...clean(v), name: v.name, kind: v.kind, hasUnion: v.hasUnion ?? true, parentId: org!.id } });
      message.success(t('orgAdded', { name: made.name }));
      add.resetFields();
      await refresh();
      setSelected(made.id);
    } catch (e) { setAddError(showOnFields(add, e, [...EDIT, 'kind'])); }
  }

  if (orgs.isError) return <Alert type="error" showIcon title={orgs.error.message} />;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={9}>
        <Card size="small" title={t('admOrgs')} loading={orgs.isPending}>
          <Tree<Node> aria-label={t('admOrgs')} treeData={tree} defaultExpandAll selectedKeys={org ? [org.id] : []} blockNode
            onSelect={(keys) => keys.length && setSelected(Number(keys[0]))} />
        </Card>
      </Col>
      {org && (
        <Col xs={24} md={15}>
          <Card size="small" title={`${org.name} · ${label('orgKind', org.kind)}`} style={{ marginBottom: 16 }}>
            <Form key={org.id} name="orgEdit" form={edit} layout="vertical" initialValues={org} onFinish={save} aria-label={t('orgEdit')}>
              <OrgFields />
              {editError && <Alert role="alert" type="error" showIcon title={editError} style={{ marginBottom: 12 }} />}
              <Button type="primary" htmlType="submit">{t('save')}</Button>
            </Form>
          </Card>
          <Card size="small" title={t('orgAddChild', { name: org.name })}>
            <Form name="orgAdd" form={add} layout="vertical" onFinish={create} initialValues={{ hasUnion: true }} aria-label={t('orgAddChild', { name: org.name })}>
              <Form.Item name="kind" label={t('orgKind')} rules={[{ required: true, message: t('required') }]}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={ORG_KINDS.filter((k) => k !== 'city_federation').map((k) => ({ value: k, label: label('orgKind', k) }))} />
              </Form.Item>
              <OrgFields />
              {addError && <Alert role="alert" type="error" showIcon title={addError} style={{ marginBottom: 12 }} />}
              <Button htmlType="submit">{t('orgAdd')}</Button>
            </Form>
          </Card>
        </Col>
      )}
    </Row>
  );
}
