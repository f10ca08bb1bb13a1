// A lifecycle act that takes a note: reject (a reason is required), approve, pause, cancel.
import { Form, Input, Modal } from 'antd';
import { useT } from '../i18n/i18n';
import { ACTION_LABELS } from './labels';
import type { LifecycleAction } from './types';

export const DecisionModal = ({
  action,
  name,
  busy,
  onOk,
  onCancel,
}: {
  action: LifecycleAction;
  name: string;
  busy: boolean;
  onOk: (note: string | undefined) => void;
  onCancel: () => void;
}) => {
  const t = useT();
  const [form] = Form.useForm<{ note?: string }>();
  const required = action === 'reject';
  return (
    <Modal
      open
      title={t('cmp.confirm', { action: t(ACTION_LABELS[action]), name })}
      okText={t(ACTION_LABELS[action])}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => onOk(v.note?.trim() || undefined)}>
        <Form.Item
          name="note"
          label={t(required ? 'cmp.reason' : 'cmp.note')}
          rules={required ? [{ required: true, whitespace: true, message: t('cmp.reasonRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
};
