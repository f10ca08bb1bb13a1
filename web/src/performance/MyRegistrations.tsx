// 我的业绩登记: this month's ledger lines credited to the caller, newest first; a registration not yet
// reversed can be reversed (冲正) with a reason.
import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Table, Tag } from 'antd';
import { useT } from '../i18n/i18n';
import { fieldErrors } from '../api/problem';
import { formatFen } from '../money';
import { useMyPostings, useReverse } from './hooks';
import type { Posting } from './types';

export const MyRegistrations = () => {
  const t = useT();
  const { message } = App.useApp();
  const postings = useMyPostings();
  const reverse = useReverse();
  const [reversing, setReversing] = useState<Posting>();
  const [form] = Form.useForm<{ reason: string }>();
  const rows = useMemo(() => [...postings.items].reverse(), [postings.items]);
  const reversed = useMemo(
    () => new Set(postings.items.filter((p) => p.kind === 'reversal').map((p) => p.registrationId)),
    [postings.items],
  );

  const submit = async ({ reason }: { reason: string }) => {
    if (!reversing) return;
    try {
      await reverse.mutateAsync({ registrationId: reversing.registrationId, reason: reason.trim() });
      void message.success(t('perf.reversed'));
      setReversing(undefined);
      form.resetFields();
    } catch (error) {
      const { fields, rest } = fieldErrors(error, ['reason']);
      form.setFields(fields as never);
      if (rest.length) void message.error(rest.join('; '));
    }
  };

  return (
    <Card
      size="small"
      title={<h2 className="card-title">{t('perf.mine', { period: postings.firstPage?.period ?? '' })}</h2>}
    >
      <Table<Posting>
        size="small"
        rowKey="entryId"
        pagination={false}
        loading={postings.isLoading}
        dataSource={rows}
        locale={{ emptyText: <span className="empty-text">{t('perf.noSales')}</span> }}
        aria-label={t('perf.mineLabel')}
        columns={[
          { title: t('perf.date'), dataIndex: 'businessDate', key: 'd', responsive: ['sm'] },
          { title: t('perf.customer'), dataIndex: 'customerId', key: 'c' },
          { title: t('perf.product'), dataIndex: 'productName', key: 'p' },
          {
            title: t('perf.myPart'),
            key: 'a',
            align: 'right',
            render: (_, p) => (
              <>
                {formatFen(p.amountFen)}
                <div className="small">{p.sharePct}%</div>
              </>
            ),
          },
          {
            title: t('common.actions'),
            key: 'x',
            render: (_, p) =>
              p.kind === 'reversal' ? (
                <Tag>{t('perf.reversal')}</Tag>
              ) : reversed.has(p.registrationId) ? (
                <Tag color="default">{t('perf.reversedTag')}</Tag>
              ) : (
                <Button
                  size="small"
                  aria-label={t('perf.reverseOne', { product: p.productName, customer: p.customerId })}
                  onClick={() => setReversing(p)}
                >
                  {t('perf.reverse')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={!!reversing}
        title={t('perf.reverseTitle', { product: reversing?.productName ?? '' })}
        okText={t('perf.reverse')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setReversing(undefined)}
        confirmLoading={reverse.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="reason"
            label={t('perf.reverseReason')}
            rules={[{ required: true, whitespace: true, min: 4, message: t('perf.reverseReasonRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
};
