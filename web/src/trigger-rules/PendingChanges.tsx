// 待复核变更: each proposed rule change with what it changes; another admin approves it or rejects it
// with a reason (the maker's own are shown, not decidable).
import { App, Button, Card, Form, Input, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { Panel } from '../app/Panel';
import { fieldErrors } from '../api/problem';
import { useT, type MessageKey } from '../i18n/i18n';
import { formatDateTime } from '../time';
import { RULE_CONTENT_FIELDS } from '#shared/monitoring/rule-content.js';
import { stableJson } from '#shared/monitoring/stable-json.js';
import { draftOf } from './draft';
import { useApproveChange, usePendingChanges, useRejectChange } from './hooks';
import type { RuleChange, RuleDraft, RuleItem } from './types';

const FIELDS = RULE_CONTENT_FIELDS;

const changedFields = (proposal: RuleDraft, current: RuleItem | undefined) => {
  const before = current ? draftOf(current) : undefined;
  return FIELDS.filter((f) => stableJson(proposal[f]) !== stableJson(before?.[f]));
};

export const PendingChanges = ({ rules }: { rules: RuleItem[] }) => {
  const t = useT();
  const changes = usePendingChanges();
  const [rejecting, setRejecting] = useState<RuleChange>();
  return (
    <Panel title={t('triggerRules.pending')} empty={changes.data?.length === 0} testId="pending-changes">
      <ul className="cards" aria-label={t('triggerRules.pending')}>
        {(changes.data ?? []).map((change) => (
          <li key={change.changeId}>
            <ChangeCard
              change={change}
              current={rules.find((r) => r.ruleId === change.subject)}
              onReject={() => setRejecting(change)}
            />
          </li>
        ))}
      </ul>
      {rejecting && <RejectDialog change={rejecting} onDone={() => setRejecting(undefined)} />}
    </Panel>
  );
};

const ChangeCard = ({
  change,
  current,
  onReject,
}: {
  change: RuleChange;
  current?: RuleItem;
  onReject: () => void;
}) => {
  const t = useT();
  const { message } = App.useApp();
  const { me } = useAuth();
  const approve = useApproveChange();
  const proposal = change.proposal as RuleDraft;
  const own = me?.staffId === change.proposedBy;
  return (
    <Card
      size="small"
      data-testid={`change-${change.changeId}`}
      title={<h3 className="panel-title">{proposal.name}</h3>}
      extra={<span className="small">{change.subject}</span>}
    >
      <p className="small">
        {t('triggerRules.proposedBy', { who: change.proposedBy, at: formatDateTime(change.proposedAt) })}
      </p>
      <p>
        {t('triggerRules.changed')}：
        {changedFields(proposal, current).map((f) => (
          <Tag key={f}>{t(`triggerRules.field.${f}` as MessageKey)}</Tag>
        ))}
      </p>
      {own ? (
        <Tag>{t('triggerRules.ownChange')}</Tag>
      ) : (
        <Space wrap className="card-actions">
          <Button
            type="primary"
            loading={approve.isPending}
            onClick={() =>
              approve.mutate(change.changeId, {
                onSuccess: () => void message.success(t('triggerRules.approved')),
                onError: (e) => void message.error(e.message),
              })
            }
          >
            {t('triggerRules.approve')}
          </Button>
          <Button onClick={onReject}>{t('triggerRules.reject')}</Button>
        </Space>
      )}
    </Card>
  );
};

const RejectDialog = ({ change, onDone }: { change: RuleChange; onDone: () => void }) => {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const reject = useRejectChange();
  const submit = async ({ reason }: { reason: string }) => {
    try {
      await reject.mutateAsync({ changeId: change.changeId, reason });
      void message.success(t('triggerRules.rejected'));
      onDone();
    } catch (error) {
      const { fields, rest } = fieldErrors(error, ['reason']);
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      if (rest.length) void message.error(rest.join('；'));
    }
  };
  return (
    <Modal
      open
      title={t('triggerRules.rejectTitle', { name: (change.proposal as RuleDraft).name })}
      okText={t('triggerRules.reject')}
      cancelText={t('common.cancel')}
      confirmLoading={reject.isPending}
      onOk={() => form.submit()}
      onCancel={onDone}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="reason"
          label={t('triggerRules.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('triggerRules.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
};
