// 新建营销活动: scope, the audience's conditions with a live preview (size, suppressions, cost, a
// masked sample) as they change, the SMS template flagged as it is typed, the schedule, caps and
// priority; saved as a draft, or saved and submitted for approval in one go.
import '../app/pages.css';
import './campaigns.css';
import { useEffect, useMemo, useState } from 'react';
import {
  Alert as Banner,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Space,
  Typography,
} from 'antd';
import { navigate } from '../app/router';
import { Link } from '../app/Link';
import { ApiError } from '../api/problem';
import { useT } from '../i18n/i18n';
import { AudienceFields } from './AudienceFields';
import { initialValues, toCampaign, toPreviewBody, type BuilderValues } from './builder';
import { useAudiencePreview, useCreateCampaign } from './hooks';
import { OrgPicker } from './OrgPicker';
import { PreviewCard } from './PreviewCard';
import { TemplateEditor } from './TemplateEditor';
import type { AudiencePreview } from './types';

/** The preview follows the form after a pause in typing, not on every key. */
const DEBOUNCE_MS = 600;

/** The value once it has not changed for `ms` (compared by its JSON, so a new object with the same content waits on). */
const useDebounced = <T,>(value: T, ms: number): T => {
  const key = JSON.stringify(value) as string | undefined;
  const [settled, setSettled] = useState(key);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(key), ms);
    return () => window.clearTimeout(timer);
  }, [key, ms]);
  return useMemo(() => (settled === undefined ? undefined : JSON.parse(settled)) as T, [settled]);
};

const NewCampaignScreen = () => {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<BuilderValues>();
  const initial = useMemo(() => initialValues(new Date()), []);
  const values = Form.useWatch([], form) as BuilderValues | undefined;
  const body = useMemo<AudiencePreview | undefined>(
    () => (values ? toPreviewBody(values) : undefined),
    [values],
  );
  const preview = useAudiencePreview(useDebounced(body, DEBOUNCE_MS));
  const create = useCreateCampaign();
  const [banner, setBanner] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);

  const save = async (submit: boolean) => {
    setBanner([]);
    let v: BuilderValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSubmitting(true);
    try {
      const campaign = await create.mutateAsync({ body: toCampaign(v), submit });
      void message.success(t('cmp.saved'));
      navigate(`/campaigns/${encodeURIComponent(campaign.campaignId)}`);
    } catch (error) {
      setBanner(
        error instanceof ApiError && error.errors.length
          ? error.errors.map((e) => `${e.path}: ${e.message}`)
          : [(error as Error).message],
      );
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('nav.newCampaign')}
      </Typography.Title>
      <Link to="/campaigns">← {t('cmp.title')}</Link>
      {banner.length > 0 && (
        <Banner
          type="error"
          showIcon
          className="gap"
          title={
            <ul className="cmp-errors">
              {banner.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
          }
        />
      )}
      <Form<BuilderValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        requiredMark
        className="cmp-builder"
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={15}>
            <Space direction="vertical" size={16} className="cmp-stack">
              <Card size="small" title={<h2 className="panel-title">{t('cmp.section.basics')}</h2>}>
                <Form.Item
                  name="name"
                  label={t('cmp.name')}
                  rules={[{ required: true, whitespace: true, message: t('cmp.nameRequired') }]}
                >
                  <Input maxLength={100} />
                </Form.Item>
                <Form.Item
                  name="scopeOrgId"
                  label={t('cmp.scope')}
                  extra={t('cmp.scopeHelp')}
                  rules={[{ required: true, message: t('cmp.scopeRequired') }]}
                >
                  <OrgPicker aria-label={t('cmp.scope')} />
                </Form.Item>
              </Card>
              <Card size="small" title={<h2 className="panel-title">{t('cmp.section.audience')}</h2>}>
                <AudienceFields />
              </Card>
              <Card size="small" title={<h2 className="panel-title">{t('cmp.section.template')}</h2>}>
                <Form.Item
                  name="text"
                  label={t('cmp.template')}
                  rules={[{ required: true, message: t('cmp.templateRequired') }]}
                >
                  <TemplateEditor />
                </Form.Item>
              </Card>
              <Card size="small" title={<h2 className="panel-title">{t('cmp.section.plan')}</h2>}>
                <Space wrap size={16}>
                  <Form.Item name="startAt" label={t('cmp.startAt')} rules={[{ required: true }]}>
                    <Input type="datetime-local" />
                  </Form.Item>
                  <Form.Item name="endAt" label={t('cmp.endAt')} rules={[{ required: true }]}>
                    <Input type="datetime-local" />
                  </Form.Item>
                  <Form.Item name="windowStart" label={t('cmp.windowStart')} rules={[{ required: true }]}>
                    <Input type="time" />
                  </Form.Item>
                  <Form.Item name="windowEnd" label={t('cmp.windowEnd')} rules={[{ required: true }]}>
                    <Input type="time" />
                  </Form.Item>
                  <Form.Item name="maxRecipients" label={t('cmp.maxRecipients')}>
                    <InputNumber min={1} precision={0} placeholder={t('cmp.noCap')} />
                  </Form.Item>
                  <Form.Item name="attributionDays" label={t('cmp.attributionDays')}>
                    <InputNumber min={1} max={90} precision={0} />
                  </Form.Item>
                  <Form.Item name="priority" label={t('cmp.priority')}>
                    <InputNumber min={1} max={9} precision={0} />
                  </Form.Item>
                </Space>
              </Card>
            </Space>
          </Col>
          <Col xs={24} lg={9}>
            <div className="cmp-side">
              <PreviewCard
                preview={preview.data}
                loading={preview.isFetching}
                error={preview.error}
                hint={t('cmp.previewHint')}
              />
              <Space wrap className="cmp-actions">
                <Button onClick={() => void save(false)} loading={submitting}>
                  {t('cmp.saveDraft')}
                </Button>
                <Button type="primary" onClick={() => void save(true)} loading={submitting}>
                  {t('cmp.saveSubmit')}
                </Button>
              </Space>
            </div>
          </Col>
        </Row>
      </Form>
    </>
  );
};

export default NewCampaignScreen;
