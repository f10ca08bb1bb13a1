// 编辑预警规则: one rule's draft — name, severity, enabled, the conditions' values, SLA, escalation,
// dedup window, the alert title and service SMS — tested (试算) before it is submitted for a second
// admin's approval (PUT → a pending change).
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { Link } from '../app/Link';
import { navigate } from '../app/router';
import { fieldErrors } from '../api/problem';
import { useT } from '../i18n/i18n';
import { severityKey } from '../i18n/labels';
import { ConditionEditor } from './ConditionEditor';
import { draftOf } from './draft';
import { isChange, useProposeRule, useRules } from './hooks';
import { JsonConditions } from './JsonConditions';
import { Problems } from './Problems';
import { RuleTester } from './RuleTester';
import type { Condition, RuleDraft } from './types';
import './trigger-rules.css';

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

const RuleEditorScreen = ({ params }: { params: Record<string, string> }) => {
  const t = useT();
  const rules = useRules();
  const ruleId = params.id ?? '';
  const rule = rules.data?.items.find((r) => r.ruleId === ruleId);
  const [draft, setDraft] = useState<RuleDraft>();
  useEffect(() => {
    if (rule && !draft) setDraft(draftOf(rule));
  }, [rule, draft]);

  if (rules.error) return <Typography.Text type="danger">{(rules.error as Error).message}</Typography.Text>;
  if (!rules.data) return <Skeleton active />;
  if (!rule) return <Empty description={t('triggerRules.notFound')} />;
  if (!draft) return <Skeleton active />;
  return <Editor ruleId={ruleId} draft={draft} onChange={setDraft} facts={rules.data.facts} />;
};

const Editor = ({
  ruleId,
  draft,
  onChange,
  facts,
}: {
  ruleId: string;
  draft: RuleDraft;
  onChange: (draft: RuleDraft) => void;
  facts: NonNullable<ReturnType<typeof useRules>['data']>['facts'];
}) => {
  const t = useT();
  const { message } = App.useApp();
  const propose = useProposeRule();
  const [problems, setProblems] = useState<string[]>([]);
  const set = (patch: Partial<RuleDraft>) => onChange({ ...draft, ...patch });
  const alert = { escalate: true, ...draft.alert };

  const submit = async () => {
    setProblems([]);
    try {
      const answer = await propose.mutateAsync({ ruleId, draft });
      void message.success(t(isChange(answer) ? 'triggerRules.proposed' : 'triggerRules.unchanged'));
      if (isChange(answer)) navigate('/system/trigger-rules');
    } catch (error) {
      setProblems(fieldErrors(error, []).rest);
    }
  };

  const field = (label: string, control: ReactNode, span = 8) => (
    <Col xs={24} sm={12} lg={span}>
      <label className="rule-field">
        <span>{label}</span>
        {control}
      </label>
    </Col>
  );

  /** a whole number from 1 to `max`; a cleared box changes nothing */
  const wholeInput = (max: number, value: number, onChange: (n: number) => void) => (
    <InputNumber min={1} max={max} precision={0} value={value} onChange={(n) => n !== null && onChange(n)} />
  );

  return (
    <>
      <Link to="/system/trigger-rules">{t('triggerRules.back')}</Link>
      <Typography.Title level={1} className="page-title">
        {draft.name} <span className="small">{ruleId}</span>
      </Typography.Title>
      <Card size="small" className="panel" title={<h2 className="panel-title">{t('nav.triggerRule')}</h2>}>
        <Row gutter={12}>
          {field(
            t('triggerRules.field.name'),
            <Input value={draft.name} onChange={(e) => set({ name: e.target.value })} />,
          )}
          {field(
            t('triggerRules.field.severity'),
            <Select
              value={draft.severity}
              options={SEVERITIES.map((s) => ({ value: s, label: t(severityKey(s)) }))}
              onChange={(severity) => set({ severity })}
            />,
          )}
          {field(
            t('triggerRules.field.enabled'),
            <Switch checked={draft.enabled !== false} onChange={(enabled) => set({ enabled })} />,
          )}
          {field(
            t('triggerRules.slaHours'),
            wholeInput(720, alert.slaHours, (slaHours) => set({ alert: { ...alert, slaHours } })),
          )}
          {field(
            t('triggerRules.escalate'),
            <Switch
              checked={alert.escalate}
              onChange={(escalate) => set({ alert: { ...alert, escalate } })}
            />,
          )}
          {field(
            t('triggerRules.dedupDays'),
            wholeInput(366, draft.dedup.windowDays, (windowDays) => set({ dedup: { windowDays } })),
          )}
          {field(
            t('triggerRules.alertTitle'),
            <Input
              value={alert.title}
              onChange={(e) => set({ alert: { ...alert, title: e.target.value } })}
            />,
            24,
          )}
          {field(
            t('triggerRules.field.description'),
            <Input.TextArea
              rows={2}
              value={draft.description ?? ''}
              onChange={(e) => set({ description: e.target.value || undefined })}
            />,
            24,
          )}
          {field(
            t('triggerRules.smsTemplate'),
            <Input.TextArea
              rows={2}
              value={draft.serviceSms?.template ?? ''}
              onChange={(e) => set({ serviceSms: e.target.value ? { template: e.target.value } : undefined })}
            />,
            24,
          )}
        </Row>
        <h3 className="rule-why">{t('triggerRules.field.when')}</h3>
        <ConditionEditor when={draft.when as Condition} facts={facts} onChange={(when) => set({ when })} />
        <JsonConditions when={draft.when as Condition} onApply={(when) => set({ when })} />
        <Problems items={problems} />
        <Space className="card-actions">
          <Button type="primary" loading={propose.isPending} onClick={() => void submit()}>
            {t('triggerRules.submit')}
          </Button>
        </Space>
      </Card>
      <RuleTester ruleId={ruleId} draft={draft} facts={facts} />
    </>
  );
};

export default RuleEditorScreen;
