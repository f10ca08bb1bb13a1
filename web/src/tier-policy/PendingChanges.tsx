// 待复核的变更: each proposed policy with who proposed it on which version; another admin than the
// maker approves it (stored as the next version, in force from its date) or rejects it with a reason,
// and can preview it first.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Space, Tag } from 'antd';
import { useT } from '../i18n/i18n';
import { tierKey } from '../i18n/labels';
import { assetKey } from '../customers/labels';
import { useAuth } from '../auth/AuthProvider';
import { formatFen } from '../money';
import { formatDateTime } from '../time';
import { useApprove, usePendingChanges, usePreview, useReject } from './hooks';
import { PreviewResult } from './PreviewResult';
import type { PolicyChange } from './types';

const RejectForm = ({ change, onDone }: { change: PolicyChange; onDone: () => void }) => {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const reject = useReject();
  const [error, setError] = useState<string>();
  const submit = async ({ reason }: { reason: string }) => {
    try {
      await reject.mutateAsync({ changeId: change.changeId, reason: reason.trim() });
      void message.success(t('tp.rejected', { id: change.changeId }));
      onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Modal
      open
      title={t('tp.rejectTitle', { id: change.changeId })}
      okText={t('tp.reject')}
      cancelText={t('common.cancel')}
      confirmLoading={reject.isPending}
      onOk={() => form.submit()}
      onCancel={onDone}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} className="gap" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark>
        <Form.Item
          name="reason"
          label={t('tp.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('tp.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
};

const ChangeCard = ({ change }: { change: PolicyChange }) => {
  const t = useT();
  const { me } = useAuth();
  const { message } = App.useApp();
  const approve = useApprove();
  const preview = usePreview();
  const [rejecting, setRejecting] = useState(false);
  const [error, setError] = useState<string>();
  const own = me?.staffId === change.proposedBy;
  const { proposal } = change;
  const doApprove = async () => {
    try {
      const policy = await approve.mutateAsync(change.changeId);
      void message.success(t('tp.approved', { version: policy.version }));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Card
      size="small"
      type="inner"
      title={t('tp.changeTitle', { id: change.changeId })}
      data-testid={`change-${change.changeId}`}
      className="gap"
    >
      <p className="small">
        {t('tp.proposedBy', {
          by: change.proposedBy,
          at: formatDateTime(change.proposedAt),
          base: change.baseVersion,
        })}
      </p>
      {error && <Alert type="error" showIcon title={error} className="gap" />}
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        {proposal.tiers.map((tier) => (
          <Descriptions.Item key={tier.tier} label={t(tierKey(tier.tier))}>
            {formatFen(tier.minAvgAumFen)}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('tp.effectiveFrom')}>{proposal.effectiveFrom}</Descriptions.Item>
        <Descriptions.Item label={t('tp.buffer')}>
          {t('tp.bufferValue', { n: proposal.downgradeAfterMonths })}
        </Descriptions.Item>
        <Descriptions.Item label={t('tp.weights')}>
          {Object.entries(proposal.weights)
            .filter(([, w]) => w !== 1)
            .map(([c, w]) => `${t(assetKey(c))} ${w}`)
            .join('，') || '—'}
        </Descriptions.Item>
        {proposal.note && <Descriptions.Item label={t('tp.note')}>{proposal.note}</Descriptions.Item>}
      </Descriptions>
      <Space wrap className="gap">
        <Button onClick={() => preview.mutate(proposal)} loading={preview.isPending}>
          {t('tp.previewChange')}
        </Button>
        {own ? (
          <Tag>{t('tp.ownChange')}</Tag>
        ) : (
          <>
            <Popconfirm
              title={t('tp.approveConfirm', { date: proposal.effectiveFrom })}
              okText={t('tp.approve')}
              cancelText={t('common.cancel')}
              onConfirm={() => void doApprove()}
            >
              <Button type="primary" loading={approve.isPending}>
                {t('tp.approve')}
              </Button>
            </Popconfirm>
            <Button onClick={() => setRejecting(true)}>{t('tp.reject')}</Button>
          </>
        )}
      </Space>
      {preview.data && <PreviewResult preview={preview.data} effectiveFrom={proposal.effectiveFrom} />}
      {rejecting && <RejectForm change={change} onDone={() => setRejecting(false)} />}
    </Card>
  );
};

export const PendingChanges = () => {
  const t = useT();
  const changes = usePendingChanges();
  const items = changes.data?.items ?? [];
  return (
    <Card
      size="small"
      title={<h2 className="card-title">{t('tp.pending')}</h2>}
      data-testid="policy-changes"
      loading={changes.isPending}
    >
      {items.length === 0 ? (
        <span className="small">{t('common.none')}</span>
      ) : (
        items.map((change) => <ChangeCard key={change.changeId} change={change} />)
      )}
    </Card>
  );
};
