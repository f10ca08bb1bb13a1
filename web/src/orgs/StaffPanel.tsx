// The staff of the selected unit's subtree, as rows (a phone needs no sideways scrolling): role,
// active, unit; 编辑 changes role and active, 调入人员 moves someone into this unit.
import { useState } from 'react';
import { Button, Tag, Typography } from 'antd';
import { Panel, Row, Rows } from '../app/Panel';
import { LoadMore } from '../app/LoadMore';
import { useT } from '../i18n/i18n';
import { roleKey } from '../i18n/labels';
import { useStaffOf } from './hooks';
import { StaffForm, type StaffFormMode } from './StaffForm';
import type { Org, Staff } from './types';

export const StaffPanel = ({ unit }: { unit: Org }) => {
  const t = useT();
  const staff = useStaffOf(unit.orgId);
  const [form, setForm] = useState<StaffFormMode>();
  return (
    <Panel
      title={t('orgs.staff')}
      testId="staff-panel"
      extra={
        <Button size="small" onClick={() => setForm({ kind: 'move', into: unit })}>
          {t('orgs.transferIn')}
        </Button>
      }
    >
      {staff.error ? (
        <Typography.Text type="danger">{staff.error.message}</Typography.Text>
      ) : staff.items.length === 0 && !staff.isLoading ? (
        <Typography.Text type="secondary">{t('orgs.staffEmpty')}</Typography.Text>
      ) : (
        <Rows label={t('orgs.staff')}>
          {staff.items.map((member: Staff) => (
            <Row
              key={member.staffId}
              main={
                <span data-testid={`staff-${member.staffId}`}>
                  {member.name} <span className="small">{member.staffId}</span>
                </span>
              }
              side={
                <Button
                  size="small"
                  type="link"
                  aria-label={`${t('orgs.edit')} ${member.name}`}
                  onClick={() => setForm({ kind: 'edit', staff: member })}
                >
                  {t('orgs.edit')}
                </Button>
              }
              sub={
                <>
                  <Tag>{t(roleKey(member.role))}</Tag>
                  <Tag>{member.active ? t('orgs.active') : t('orgs.inactive')}</Tag>
                  <span className="small">
                    {t('orgs.unit')} {member.orgId}
                  </span>
                </>
              }
            />
          ))}
        </Rows>
      )}
      <LoadMore
        hasMore={!!staff.hasNextPage}
        loading={staff.isFetchingNextPage}
        onMore={() => void staff.fetchNextPage()}
        count={staff.items.length}
      />
      {form && <StaffForm mode={form} onDone={() => setForm(undefined)} />}
    </Panel>
  );
};
