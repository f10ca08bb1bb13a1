// 客户调配申请: a branch manager asks to move customers — those selected in the customer list, or a
// leaving RM's whole book — to another RM, with a reason. The preview of what moves from each current
// RM (customers, tiers, AUM, open alerts) shows as soon as the receiving RM is chosen, before the
// request is sent; the request waits for another branch manager's approval. The API's field errors
// show by their field.
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useT } from '../i18n/i18n';
import { fieldErrors } from '../api/problem';
import { usePreview, useRequestAllocation } from './hooks';
import { useStaffDirectory } from './staff';
import { PreviewPanel } from './PreviewPanel';
import './allocations.css';

interface Values {
  toManagerId: string;
  reason: string;
}

/** Who moves: chosen customers, or every customer of one RM in the caller's scope. */
export type Moving = { customerIds: string[] } | { fromManagerId: string };

export const AllocationModal = ({
  moving,
  title,
  onClose,
}: {
  moving: Moving;
  title: string;
  onClose: (done: boolean) => void;
}) => {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const staff = useStaffDirectory();
  const toManagerId = Form.useWatch('toManagerId', form);
  const preview = usePreview(toManagerId ? { ...moving, toManagerId } : undefined);
  const request = useRequestAllocation();
  const from = 'fromManagerId' in moving ? moving.fromManagerId : undefined;
  const rms = staff.rms.filter((s) => s.active && s.staffId !== from);

  const submit = async (values: Values) => {
    try {
      const created = await request.mutateAsync({ ...moving, ...values });
      void message.success(t('alloc.requested', { n: created.preview.customers }));
      onClose(true);
    } catch (error) {
      const { fields, rest } = fieldErrors(error, ['toManagerId', 'reason']);
      form.setFields(fields as never);
      if (rest.length) void message.error(rest.join('; '));
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={t('alloc.submit')}
      cancelText={t('common.cancel')}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      confirmLoading={request.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('alloc.hint')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark>
        <Form.Item
          name="toManagerId"
          label={t('alloc.to')}
          rules={[{ required: true, message: t('alloc.toRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={staff.loading}
            options={rms.map((s) => ({ value: s.staffId, label: staff.nameOf(s.staffId) }))}
          />
        </Form.Item>
        <PreviewPanel
          preview={toManagerId ? preview.data : undefined}
          loading={preview.isFetching}
          error={toManagerId ? preview.error : null}
          nameOf={staff.nameOf}
        />
        <Form.Item
          name="reason"
          label={t('alloc.reason')}
          rules={[{ required: true, min: 2, message: t('alloc.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
};
