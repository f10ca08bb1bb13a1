// 机构与人员 (admin): the org tree — add a unit under the selected one, rename it (parent and level are
// fixed once made, as the API enforces) — and the staff of the selected unit's subtree (role, unit,
// active). Tree beside the details on a desktop, above them on a phone.
import { useState } from 'react';
import { Button, Col, Descriptions, Row, Space, Typography } from 'antd';
import { useAuth } from '../auth/AuthProvider';
import { Panel } from '../app/Panel';
import { useT } from '../i18n/i18n';
import { levelKey, levelsUnder } from './levels';
import { OrgTree } from './OrgTree';
import { OrgForm, type OrgFormMode } from './OrgForm';
import { StaffPanel } from './StaffPanel';
import type { Org } from './types';

const OrgsScreen = () => {
  const t = useT();
  const { me } = useAuth();
  const [selected, setSelected] = useState<Org>();
  const [form, setForm] = useState<OrgFormMode>();
  if (!me) return null;
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('orgs.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Panel title={t('orgs.tree')} testId="org-tree">
            <OrgTree rootId={me.orgId} selected={selected} onSelect={setSelected} />
          </Panel>
        </Col>
        <Col xs={24} lg={15}>
          {selected && (
            <Space orientation="vertical" size={16} className="full">
              <Panel
                title={selected.name}
                testId="org-unit"
                extra={
                  <Space wrap>
                    <Button
                      size="small"
                      disabled={levelsUnder(selected.level).length === 0}
                      title={levelsUnder(selected.level).length === 0 ? t('orgs.noLowerLevel') : undefined}
                      onClick={() => setForm({ kind: 'add', parent: selected })}
                    >
                      {t('orgs.add')}
                    </Button>
                    {selected.level !== 'head_office' && (
                      <Button size="small" onClick={() => setForm({ kind: 'rename', org: selected })}>
                        {t('orgs.rename')}
                      </Button>
                    )}
                  </Space>
                }
              >
                <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
                  <Descriptions.Item label={t('orgs.orgId')}>{selected.orgId}</Descriptions.Item>
                  <Descriptions.Item label={t('orgs.level')}>{t(levelKey(selected.level))}</Descriptions.Item>
                  <Descriptions.Item label={t('orgs.parent')}>{selected.parentId ?? '—'}</Descriptions.Item>
                </Descriptions>
                <p className="small">{t('orgs.fixedRule')}</p>
              </Panel>
              <StaffPanel unit={selected} />
            </Space>
          )}
        </Col>
      </Row>
      {form && (
        <OrgForm
          mode={form}
          onDone={(org) => {
            setForm(undefined);
            if (org && form.kind === 'rename') setSelected(org);
          }}
        />
      )}
    </>
  );
};
export default OrgsScreen;
