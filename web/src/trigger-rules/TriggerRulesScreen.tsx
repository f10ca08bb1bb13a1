// 预警规则: the changes awaiting a second admin (approve, or reject with a reason), then every rule in
// force with its severity, state, version and hits in the last 30 days; edit and test a rule, or
// enable / disable it (each a proposal under maker-checker).
import { App, Badge, Button, Card, Descriptions, Skeleton, Space, Typography } from 'antd';
import { Link } from '../app/Link';
import { useT } from '../i18n/i18n';
import { SeverityTag } from '../alerts/SeverityTag';
import { formatDateTime } from '../time';
import { draftOf } from './draft';
import { isChange, useProposeRule, useRules } from './hooks';
import { PendingChanges } from './PendingChanges';
import type { RuleItem } from './types';
import './trigger-rules.css';

const TriggerRulesScreen = () => {
  const t = useT();
  const rules = useRules();
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('triggerRules.title')}
      </Typography.Title>
      <p className="small">{t('triggerRules.lead')}</p>
      <PendingChanges rules={rules.data?.items ?? []} />
      <Typography.Title level={2} className="sub-title">
        {t('triggerRules.rules')}
      </Typography.Title>
      {rules.error ? (
        <Typography.Text type="danger">{(rules.error as Error).message}</Typography.Text>
      ) : !rules.data ? (
        <Skeleton active />
      ) : (
        <ul className="cards" aria-label={t('triggerRules.rules')}>
          {rules.data.items.map((rule) => (
            <li key={rule.ruleId}>
              <RuleCard rule={rule} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
};

const RuleCard = ({ rule }: { rule: RuleItem }) => {
  const t = useT();
  const { message } = App.useApp();
  const propose = useProposeRule();
  const toggle = () =>
    propose.mutate(
      { ruleId: rule.ruleId, draft: { ...draftOf(rule), enabled: !rule.enabled } },
      {
        onSuccess: (answer) =>
          void message.success(t(isChange(answer) ? 'triggerRules.proposed' : 'triggerRules.unchanged')),
        onError: (e) => void message.error(e.message),
      },
    );
  return (
    <Card
      size="small"
      data-testid={`rule-${rule.ruleId}`}
      title={
        <h3 className="panel-title">
          <SeverityTag severity={rule.severity} />
          <Link to={`/system/trigger-rules/${encodeURIComponent(rule.ruleId)}`}>{rule.name}</Link>
        </h3>
      }
      extra={
        <Badge
          status={rule.enabled ? 'success' : 'default'}
          text={t(rule.enabled ? 'triggerRules.enabled' : 'triggerRules.disabled')}
        />
      }
    >
      {rule.description && <p className="small">{rule.description}</p>}
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
        <Descriptions.Item label={t('triggerRules.hits30d')}>
          <span data-testid="hits30d">{t('triggerRules.hitsCount', { n: rule.hits30d })}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('triggerRules.version')}>
          {rule.version === 0 ? t('triggerRules.builtIn') : rule.version}
        </Descriptions.Item>
        <Descriptions.Item label={t('triggerRules.slaHours')}>{rule.alert.slaHours}</Descriptions.Item>
        {rule.version > 0 && (
          <Descriptions.Item label={t('triggerRules.updatedBy')}>
            {rule.updatedBy} {formatDateTime(rule.updatedAt)}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Space wrap className="card-actions">
        <Link to={`/system/trigger-rules/${encodeURIComponent(rule.ruleId)}`}>{t('triggerRules.edit')}</Link>
        <Button loading={propose.isPending} onClick={toggle}>
          {t(rule.enabled ? 'triggerRules.disable' : 'triggerRules.enable')}
        </Button>
      </Space>
    </Card>
  );
};

export default TriggerRulesScreen;
