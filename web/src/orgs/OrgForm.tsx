// Adding a unit under the selected one, or renaming it: PUT /v1/orgs/{orgId}. A unit's parent and
// level never change (the API refuses it), so renaming offers the name only. Field errors from the
// API's problem+json land next to their fields; the rest in a banner.
import { useState } from 'react';
import { Alert as Banner, App, Form, Input, Modal, Select } from 'antd';
import { fieldErrors } from '../api/problem';
import { useT } from '../i18n/i18n';
import { levelKey, levelsUnder } from './levels';
import { usePutOrg } from './hooks';
import type { Org, OrgLevel } from './types';

interface Values {
  orgId: string;
  name: string;
  level: Exclude<OrgLevel, 'head_office'>;
}

export type OrgFormMode = { kind: 'add'; parent: Org } | { kind: 'rename'; org: Org };

export const OrgForm = ({ mode, onDone }: { mode: OrgFormMode; onDone: (org?: Org) => void }) => {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const put = usePutOrg();
  const [banner, setBanner] = useState<string[]>([]);
  const adding = mode.kind === 'add';
  const levels = adding ? levelsUnder(mode.parent.level) : [];

  const submit = async (values: Values) => {
    setBanner([]);
    try {
      const org = await put.mutateAsync(
        adding
          ? {
              orgId: values.orgId.trim(),
              body: { name: values.name, level: values.level, parentId: mode.parent.orgId },
            }
          : {
              orgId: mode.org.orgId,
              body: {
                name: values.name,
                level: mode.org.level as Values['level'],
                parentId: mode.org.parentId ?? '',
              },
            },
      );
      void message.success(adding ? t('orgs.created', { name: org.name }) : t('orgs.saved'));
      onDone(org);
    } catch (error) {
      const body = fieldErrors(error, ['name', 'level']);
      const params = fieldErrors(error, ['orgId'], 'params.');
      form.setFields([...body.fields, ...params.fields] as Parameters<typeof form.setFields>[0]);
      setBanner(body.rest.filter((line) => !line.startsWith('params.orgId')));
    }
  };

  return (
    <Modal
      open
      title={
        adding
          ? t('orgs.addTitle', { parent: mode.parent.name })
          : t('orgs.renameTitle', { name: mode.org.name })
      }
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={put.isPending}
      onOk={() => form.submit()}
      onCancel={() => onDone()}
      destroyOnHidden
    >
      <p className="small">{t('orgs.fixedRule')}</p>
      {banner.length > 0 && <Banner type="error" showIcon title={banner.join('；')} className="gap" />}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={adding ? { level: levels[0] } : { name: mode.org.name }}
        onFinish={(v) => void submit(v)}
      >
        {adding && (
          <Form.Item
            name="orgId"
            label={t('orgs.orgId')}
            extra={t('orgs.orgIdRule')}
            rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,32}$/, message: t('orgs.orgIdRule') }]}
          >
            <Input maxLength={32} autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('orgs.name')}
          rules={[{ required: true, whitespace: true, message: t('orgs.nameRequired') }]}
        >
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        {adding && (
          <Form.Item
            name="level"
            label={t('orgs.level')}
            rules={[{ required: true, message: t('orgs.levelRequired') }]}
          >
            <Select options={levels.map((level) => ({ value: level, label: t(levelKey(level)) }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
};
