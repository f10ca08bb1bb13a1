// 客户调配: a branch manager asks to move the selected customers to another RM, with a reason. The
// request waits for another branch manager's approval; the API's field errors show by their field.
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useT } from '../i18n/i18n';
import { fieldErrors } from '../api/problem';
import { useRequestAllocation, useStaff } from './hooks';
import type { CustomerRow } from './types';

interface Values {
  toManagerId: string;
  reason: string;
}

export const AllocationModal = ({
  customers,
  onClose,
}: {
  customers: CustomerRow[];
  onClose: (done: boolean) => void;
}) => {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const staff = useStaff();
  const request = useRequestAllocation();
  const rms = (staff.data?.items ?? []).filter((s) => s.role === 'rm' && s.active);

  const submit = async (values: Values) => {
    try {
      await request.mutateAsync({ customerIds: customers.map((c) => c.customerId), ...values });
      void message.success(t('alloc.requested', { n: customers.length }));
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
      title={t('alloc.title', { n: customers.length })}
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
            loading={staff.isLoading}
            options={rms.map((s) => ({ value: s.staffId, label: `${s.name}（${s.staffId}）` }))}
          />
        </Form.Item>
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
