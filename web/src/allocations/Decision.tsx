// Approve or reject a pending allocation (四眼原则): only a branch manager who neither asked for it nor
// receives the customers; everyone else is told who decides instead of being shown a button the API
// would refuse. Rejecting asks for the reason.
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/i18n';
import { useDecide } from './hooks';
import type { Allocation } from './types';

export const Decision = ({ allocation, toName }: { allocation: Allocation; toName: string }) => {
  const t = useT();
  const { me } = useAuth();
  const { message } = App.useApp();
  const decide = useDecide();
  const [rejecting, setRejecting] = useState(false);
  const [form] = Form.useForm<{ note: string }>();

  const why =
    me?.role !== 'branch_manager'
      ? t('allocations.managersApprove')
      : allocation.requestedBy === me.staffId
        ? t('allocations.ownRequest')
        : allocation.toManagerId === me.staffId
          ? t('allocations.receiving')
          : undefined;
  if (why)
    return (
      <Typography.Text type="secondary" className="alloc-note">
        {why}
      </Typography.Text>
    );

  const run = (decision: 'approve' | 'reject', note?: string) =>
    decide.mutateAsync({ id: allocation.allocationId, decision, note }).then(
      (done) => {
        void message.success(
          decision === 'approve'
            ? t('allocations.approved', { n: done.moved?.length ?? 0 })
            : t('allocations.rejected'),
        );
        setRejecting(false);
      },
      (error: Error) => void message.error(error.message),
    );

  return (
    <Space wrap className="card-actions">
      <Popconfirm
        title={t('allocations.approveConfirm', { n: allocation.preview.customers, to: toName })}
        okText={t('allocations.approve')}
        cancelText={t('common.cancel')}
        onConfirm={() => run('approve')}
      >
        <Button type="primary" loading={decide.isPending && decide.variables?.decision === 'approve'}>
          {t('allocations.approve')}
        </Button>
      </Popconfirm>
      <Button onClick={() => setRejecting(true)}>{t('allocations.reject')}</Button>
      {rejecting && (
        <Modal
          open
          title={t('allocations.rejectTitle')}
          okText={t('allocations.reject')}
          cancelText={t('common.cancel')}
          onCancel={() => setRejecting(false)}
          onOk={() => form.submit()}
          confirmLoading={decide.isPending}
          destroyOnHidden
        >
          <Form form={form} layout="vertical" onFinish={(v) => run('reject', v.note)} requiredMark>
            <Form.Item
              name="note"
              label={t('allocations.rejectReason')}
              rules={[{ required: true, whitespace: true, message: t('allocations.rejectReasonRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </Space>
  );
};
