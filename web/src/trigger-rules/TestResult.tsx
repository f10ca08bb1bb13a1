// A test's answer: 触发 / 不触发, each node of the conditions with ✓ / ✗ and the facts it read, and
// the alert the stream would raise.
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert as Banner, Descriptions, Tag, Typography } from 'antd';
import { useT } from '../i18n/i18n';
import { tierKey } from '../i18n/labels';
import { SeverityTag } from '../alerts/SeverityTag';
import { factLabel, opLabel, predicateWindow, valueLabel, windowLabel } from './labels';
import type { Predicate, RuleTestAnswer } from './types';

export const TestResult = ({ answer }: { answer: RuleTestAnswer }) => {
  const t = useT();
  return (
    <section className="rule-result" aria-live="polite" data-testid="rule-test-result">
      <Typography.Title level={3} className="sub-title">
        <Tag color={answer.fires ? 'red' : 'default'} className="rule-verdict" data-testid="rule-verdict">
          {t(answer.fires ? 'triggerRules.fires' : 'triggerRules.notFires')}
        </Tag>
        <span className="small">
          {t('triggerRules.testedOn', {
            name: answer.customer.name,
            tier: t(tierKey(answer.customer.tier)),
          })}
        </span>
      </Typography.Title>
      {!answer.enabled && answer.matched && (
        <Banner type="info" showIcon title={t('triggerRules.disabledMatch')} />
      )}
      <h4 className="rule-why">{t('triggerRules.why')}</h4>
      <ul className="rule-lines">
        {answer.conditions.map((line) => (
          <li key={line.path} style={{ paddingLeft: line.depth * 16 }} data-matched={line.matched}>
            {line.matched ? (
              <CheckCircleFilled className="rule-ok" aria-label={t('triggerRules.matched')} />
            ) : (
              <CloseCircleFilled className="rule-no" aria-label={t('triggerRules.notMatched')} />
            )}{' '}
            {line.kind === 'predicate' ? (
              <PredicateText predicate={line.predicate as Predicate} values={line.values ?? {}} />
            ) : (
              t(`triggerRules.${line.kind}`)
            )}
          </li>
        ))}
      </ul>
      {answer.alert && (
        <Descriptions size="small" column={1} title={t('triggerRules.alertPreview')} className="gap">
          <Descriptions.Item label={t('triggerRules.alertTitle')}>{answer.alert.title}</Descriptions.Item>
          <Descriptions.Item label={t('triggerRules.field.severity')}>
            <SeverityTag severity={answer.alert.severity} />
          </Descriptions.Item>
          <Descriptions.Item label={t('triggerRules.slaHours')}>{answer.alert.slaHours}</Descriptions.Item>
        </Descriptions>
      )}
      {answer.alert?.alreadyRaised && (
        <Banner type="warning" showIcon title={t('triggerRules.alreadyRaised')} />
      )}
    </section>
  );
};

const PredicateText = ({ predicate, values }: { predicate: Predicate; values: Record<string, unknown> }) => {
  const t = useT();
  const labels = Object.keys(values);
  const value = predicate.value;
  const expected =
    typeof value === 'object' && !Array.isArray(value)
      ? t('triggerRules.times', { fact: factLabel(t, value.fact), times: value.times })
      : valueLabel(t, predicate.fact, value);
  const actual = labels
    .map((label) => `${windowLabel(t, label)}${factLabel(t, label)} ${valueLabel(t, label, values[label])}`)
    .join('；');
  return (
    <span>
      {predicateWindow(t, predicate)}
      {factLabel(t, predicate.fact)} {opLabel(t, predicate.operator)} {expected}
      <span className="small"> — {actual || t('triggerRules.unknown')}</span>
    </span>
  );
};
