// 编辑草案: thresholds per tier (yuan), asset weights, the downgrade buffer and the date it takes
// effect. 试算 asks the API what the next month close would do under it; 提交复核 is offered only for
// the draft just previewed, and proposes it (maker-checker: another admin approves it).
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Space, Typography } from 'antd';
import { useT } from '../i18n/i18n';
import { tierKey } from '../i18n/labels';
import { assetKey } from '../customers/labels';
import { yuanToFen } from '../money';
import { formatDate } from '../time';
import { draftErrors, draftOf, valuesOf, type DraftValues } from './draft';
import { usePreview, usePropose } from './hooks';
import { PreviewResult } from './PreviewResult';
import type { Policy, PolicyInput } from './types';

const today = () => formatDate(new Date().toISOString());

export const DraftForm = ({ policy }: { policy: Policy }) => {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<DraftValues>();
  const [initial] = useState(() => valuesOf(policy, today()));
  const [banner, setBanner] = useState<string[]>([]);
  const [previewed, setPreviewed] = useState<string>();
  const preview = usePreview();
  const propose = usePropose();
  const values = Form.useWatch([], { form, preserve: true }) as DraftValues | undefined;
  const draft: PolicyInput = draftOf(values ?? initial, policy);
  const stale = preview.data !== undefined && previewed !== JSON.stringify(draft);

  const fail = (error: unknown) => {
    const { fields, rest } = draftErrors(error, policy);
    form.setFields(fields as Parameters<typeof form.setFields>[0]);
    setBanner(rest);
  };

  const runPreview = async () => {
    setBanner([]);
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const body = draftOf(form.getFieldsValue(true) as DraftValues, policy);
    try {
      await preview.mutateAsync(body);
      setPreviewed(JSON.stringify(body));
    } catch (error) {
      fail(error);
    }
  };

  const submit = async () => {
    setBanner([]);
    try {
      const change = await propose.mutateAsync(draft);
      void message.success(t('tp.submitted', { id: change.changeId }));
      preview.reset();
      setPreviewed(undefined);
    } catch (error) {
      fail(error);
    }
  };

  const amount = {
    validator: (_rule: unknown, value: string | undefined) =>
      (yuanToFen(value ?? '') ?? -1) >= 0
        ? Promise.resolve()
        : Promise.reject(new Error(t('tp.thresholdInvalid'))),
  };

  return (
    <Card size="small" title={<h2 className="card-title">{t('tp.draft')}</h2>} data-testid="policy-draft">
      <Typography.Paragraph type="secondary">{t('tp.draftLead')}</Typography.Paragraph>
      {banner.length > 0 && <Alert type="error" showIcon title={banner.join('；')} className="gap" />}
      <Form<DraftValues> form={form} layout="vertical" initialValues={initial} requiredMark>
        <Row gutter={12}>
          {policy.tiers.map(({ tier }, i) => (
            <Col xs={12} md={8} key={tier}>
              <Form.Item
                name={['thresholds', tier]}
                label={`${t(tierKey(tier))} · ${t('tp.threshold')}`}
                rules={[{ required: true, message: t('tp.thresholdInvalid') }, amount]}
              >
                <Input inputMode="decimal" disabled={i === 0} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Row gutter={12}>
          <Col xs={12} md={8}>
            <Form.Item name="effectiveFrom" label={t('tp.effectiveFrom')} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="downgradeAfterMonths" label={`${t('tp.buffer')}（${t('tp.months')}）`}>
              <InputNumber min={1} max={12} precision={0} className="tp-number" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={3} className="sub-title">
          {t('tp.weights')}
        </Typography.Title>
        <Row gutter={12}>
          {Object.keys(policy.weights).map((assetClass) => (
            <Col xs={12} md={6} key={assetClass}>
              <Form.Item name={['weights', assetClass]} label={t(assetKey(assetClass))}>
                <InputNumber min={0} max={10} step={0.1} className="tp-number" />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item name="note" label={t('tp.note')}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap>
          <Button type="primary" onClick={() => void runPreview()} loading={preview.isPending}>
            {t('tp.preview')}
          </Button>
          <Button onClick={() => void submit()} disabled={!preview.data || stale} loading={propose.isPending}>
            {t('tp.submit')}
          </Button>
          <Button
            type="link"
            onClick={() => {
              form.setFieldsValue(valuesOf(policy, today()));
              preview.reset();
            }}
          >
            {t('tp.reset')}
          </Button>
        </Space>
        {!preview.data && !preview.isPending && <p className="small gap">{t('tp.previewFirst')}</p>}
        {preview.isPending && <p className="small gap">{t('tp.previewing')}</p>}
      </Form>
      {preview.data && (
        <PreviewResult preview={preview.data} effectiveFrom={draft.effectiveFrom} stale={stale} />
      )}
    </Card>
  );
};
