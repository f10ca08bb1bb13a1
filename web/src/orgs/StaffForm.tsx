// Changing a staff member (PUT /v1/staff/{staffId}, which replaces the record: name, role, unit,
// active): editing role and active where they are, or moving them into the selected unit.
import { useState } from 'react';
import { Alert as Banner, App, Form, Input, Modal, Select, Switch } from 'antd';
import type { Role } from '#shared/auth/caller.js';
import { fieldErrors } from '../api/problem';
import { useT } from '../i18n/i18n';
import { roleKey } from '../i18n/labels';
import { fetchStaff, usePutStaff } from './hooks';
import type { Org, Staff, StaffInput } from './types';

type Values = Pick<StaffInput, 'role' | 'active'>;

// every role, once (a role added to the contract is a compile error here until it is listed)
const ROLE_SET: Record<Role, null> = {
  rm: null,
  branch_manager: null,
  marketing: null,
  admin: null,
  auditor: null,
  integration: null,
};
const ROLES = Object.keys(ROLE_SET) as Role[];

export type StaffFormMode = { kind: 'edit'; staff: Staff } | { kind: 'move'; staff: Staff; into: Org };

export const StaffForm = ({ mode, onDone }: { mode: StaffFormMode; onDone: () => void }) => {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const put = usePutStaff();
  const [banner, setBanner] = useState<string[]>([]);
  const { staff } = mode;

  const submit = async (values: Values) => {
    setBanner([]);
    try {
      await put.mutateAsync({
        staffId: staff.staffId,
        body: {
          name: staff.name,
          role: values.role,
          active: values.active,
          orgId: mode.kind === 'move' ? mode.into.orgId : staff.orgId,
        },
      });
      void message.success(
        mode.kind === 'move'
          ? t('orgs.transferDone', { name: staff.name, unit: mode.into.name })
          : t('orgs.saved'),
      );
      onDone();
    } catch (error) {
      const { fields, rest } = fieldErrors(error, ['role', 'active']);
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setBanner(rest);
    }
  };

  return (
    <Modal
      open
      title={
        mode.kind === 'move'
          ? t('orgs.transferTitle', { unit: mode.into.name })
          : t('orgs.editTitle', { name: staff.name })
      }
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={put.isPending}
      onOk={() => form.submit()}
      onCancel={onDone}
      destroyOnHidden
    >
      <p>
        {staff.name}（{staff.staffId}）· {t('orgs.transferFrom')} {staff.orgId}
      </p>
      {mode.kind === 'edit' && <p className="small">{t('orgs.moveHint')}</p>}
      {banner.length > 0 && <Banner type="error" showIcon title={banner.join('；')} className="gap" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ role: staff.role, active: staff.active }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="role" label={t('orgs.role')} rules={[{ required: true }]}>
          <Select options={ROLES.map((role) => ({ value: role, label: t(roleKey(role)) }))} />
        </Form.Item>
        <Form.Item name="active" label={t('orgs.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
};

/** 调入人员: a staff id, looked up, then the move form. */
export const FindStaff = ({
  into,
  onFound,
  onCancel,
}: {
  into: Org;
  onFound: (s: Staff) => void;
  onCancel: () => void;
}) => {
  const t = useT();
  const [form] = Form.useForm<{ staffId: string }>();
  const [busy, setBusy] = useState(false);
  const find = async ({ staffId }: { staffId: string }) => {
    setBusy(true);
    try {
      onFound(await fetchStaff(staffId.trim()));
    } catch (error) {
      form.setFields([{ name: 'staffId', errors: [(error as Error).message] }]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('orgs.transferTitle', { unit: into.name })}
      okText={t('orgs.transferFind')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void find(v)}>
        <Form.Item
          name="staffId"
          label={t('orgs.staffId')}
          rules={[{ required: true, whitespace: true, message: t('orgs.staffIdRequired') }]}
        >
          <Input autoComplete="off" maxLength={40} />
        </Form.Item>
      </Form>
    </Modal>
  );
};
