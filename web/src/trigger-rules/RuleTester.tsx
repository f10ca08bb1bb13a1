// 试算: the draft against a sample transaction, on a real customer or on sample facts; the answer
// (触发 / 不触发) with every condition and the alert it would raise.
import { Button, Card, Col, Form, Input, Radio, Row, Select } from 'antd';
import { useState } from 'react';
import { fieldErrors } from '../api/problem';
import { useT } from '../i18n/i18n';
import { tierKey, TIER_ORDER } from '../i18n/labels';
import { FenInput } from './FenInput';
import { useTestRule } from './hooks';
import { valueLabel } from './labels';
import { emptySample, testBody, type SampleForm } from './sample';
import { Problems } from './Problems';
import { TestResult } from './TestResult';
import type { FactInfo, RuleDraft } from './types';

export const RuleTester = ({
  ruleId,
  draft,
  facts,
}: {
  ruleId: string;
  draft: RuleDraft;
  facts: FactInfo[];
}) => {
  const t = useT();
  const [form] = Form.useForm<SampleForm>();
  const source = Form.useWatch('source', form) ?? 'sample';
  const test = useTestRule();
  const [problems, setProblems] = useState<string[]>([]);
  const valuesOf = (fact: string) =>
    (facts.find((f) => f.fact === fact)?.values ?? []).map((v) => ({
      value: v,
      label: valueLabel(t, fact, v),
    }));

  const run = async (values: SampleForm) => {
    setProblems([]);
    try {
      await test.mutateAsync({ ruleId, body: testBody(draft, values) });
    } catch (error) {
      setProblems(fieldErrors(error, []).rest);
    }
  };

  const text = (name: keyof SampleForm, label: string, placeholder?: string) => (
    <Col xs={24} sm={12} lg={8}>
      <Form.Item name={name} label={label}>
        <Input placeholder={placeholder} />
      </Form.Item>
    </Col>
  );
  const amount = (name: keyof SampleForm, label: string, required = false) => (
    <Col xs={24} sm={12} lg={8}>
      <Form.Item
        name={name}
        label={label}
        rules={
          required
            ? [{ required: true, type: 'number', min: 1, message: t('triggerRules.amountInvalid') }]
            : []
        }
      >
        <FenInput value={undefined} onChange={() => undefined} />
      </Form.Item>
    </Col>
  );
  const choice = (
    name: keyof SampleForm,
    label: string,
    options: { value: string; label: string }[],
    clear = false,
  ) => (
    <Col xs={24} sm={12} lg={8}>
      <Form.Item name={name} label={label}>
        <Select options={options} allowClear={clear} />
      </Form.Item>
    </Col>
  );

  return (
    <Card
      size="small"
      className="panel"
      title={<h2 className="panel-title">{t('triggerRules.test')}</h2>}
      data-testid="rule-tester"
    >
      <p className="small">{t('triggerRules.testLead')}</p>
      <Form<SampleForm>
        form={form}
        layout="vertical"
        initialValues={emptySample()}
        onFinish={(v) => void run(v)}
      >
        <Form.Item name="source" label={t('triggerRules.customerSource')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'sample', label: t('triggerRules.sampleCustomer') },
              { value: 'customer', label: t('triggerRules.realCustomer') },
            ]}
          />
        </Form.Item>
        <Row gutter={12}>
          {choice('direction', t('triggerRules.direction'), valuesOf('direction'))}
          {amount('amountFen', t('triggerRules.amountYuan'), true)}
          {text('businessDate', t('triggerRules.businessDate'), 'YYYY-MM-DD')}
          {choice('assetClass', t('triggerRules.fact.assetClass'), valuesOf('assetClass'))}
          {choice('channel', t('triggerRules.fact.channel'), valuesOf('channel'))}
          {choice('category', t('triggerRules.fact.category'), valuesOf('category'), true)}
          {text('counterpartyBank', t('triggerRules.fact.counterpartyBank'))}
          {text('counterpartyName', t('triggerRules.fact.counterpartyName'))}
          {source === 'customer' ? (
            text('customerId', t('triggerRules.customerId'), 'C0000001')
          ) : (
            <>
              {choice(
                'tier',
                t('triggerRules.tier'),
                TIER_ORDER.map((tier) => ({ value: tier, label: t(tierKey(tier)) })),
              )}
              {amount('aumFen', t('triggerRules.aumYuan'))}
              {amount('monthStartAumFen', t('triggerRules.monthStartAumYuan'))}
              {amount('priorOutFen', t('triggerRules.priorOutYuan'))}
              {amount('priorInFen', t('triggerRules.priorInYuan'))}
              {text('lastActiveDay', t('triggerRules.lastActiveDay'), 'YYYY-MM-DD')}
              {text('payerInflowDate', t('triggerRules.payerInflowDate'), 'YYYY-MM-DD')}
            </>
          )}
        </Row>
        <Button type="primary" htmlType="submit" loading={test.isPending}>
          {t('triggerRules.runTest')}
        </Button>
      </Form>
      <Problems items={problems} />
      {test.data && !test.isPending && <TestResult answer={test.data} />}
    </Card>
  );
};
