// Changing a staff member (PUT /v1/staff/{staffId}, which replaces the record: name, role, unit,
// active): editing role and active where they are, or moving them into the selected unit. A move
// looks the 工号 up first, in the same dialog: one dialog from 调入人员 to 提交, so nothing is
// clicked while a second dialog opens over a closing one.
import { useState } from 'react';
import { Alert as Banner, App, Button, Form, Input, Modal, Select, Space, Switch } from 'antd';
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

export type StaffFormMode = { kind: 'edit'; staff: Staff } | { kind: 'move'; into: Org };

export const StaffForm = ({ mode, onDone }: { mode: StaffFormMode; onDone: () => void }) => {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const put = usePutStaff();
  const [banner, setBanner] = useState<string[]>([]);
  const [found, setFound] = useState<Staff>();
  const staff = mode.kind === 'edit' ? mode.staff : found;

  const submit = async (values: Values) => {
    if (!staff) return;
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
          : t('orgs.editTitle', { name: mode.staff.name })
      }
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={put.isPending}
      okButtonProps={{ disabled: !staff }}
      onOk={() => form.submit()}
      onCancel={onDone}
      destroyOnHidden
    >
      {mode.kind === 'move' && <FindStaff onFound={setFound} />}
      {staff && (
        <>
          <p>
            {staff.name}（{staff.staffId}）· {t('orgs.transferFrom')} {staff.orgId}
          </p>
          {mode.kind === 'edit' && <p className="small">{t('orgs.moveHint')}</p>}
          {banner.length > 0 && <Banner type="error" showIcon title={banner.join('；')} className="gap" />}
          <Form<Values>
            key={staff.staffId}
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
        </>
      )}
    </Modal>
  );
};

/** 调入人员: a 工号, looked up; the staff member found is the one the dialog moves. */
const FindStaff = ({ onFound }: { onFound: (s: Staff | undefined) => void }) => {
  const t = useT();
  const [form] = Form.useForm<{ staffId: string }>();
  const [busy, setBusy] = useState(false);
  const find = async ({ staffId }: { staffId: string }) => {
    setBusy(true);
    onFound(undefined);
    try {
      onFound(await fetchStaff(staffId.trim()));
    } catch (error) {
      form.setFields([{ name: 'staffId', errors: [(error as Error).message] }]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void find(v)}>
      <Form.Item label={t('orgs.staffId')} required>
        <Space.Compact block>
          <Form.Item
            name="staffId"
            noStyle
            rules={[{ required: true, whitespace: true, message: t('orgs.staffIdRequired') }]}
          >
            <Input autoComplete="off" maxLength={40} aria-label={t('orgs.staffId')} />
          </Form.Item>
          <Button htmlType="submit" loading={busy}>
            {t('orgs.transferFind')}
          </Button>
        </Space.Compact>
      </Form.Item>
    </Form>
  );
};
