// 营销活动详情: exactly what a checker approves — the audience's conditions, the text (as sent, with
// typical values) and its parts, the schedule, window, caps and priority, and the expected send count
// and cost from the audience now — the acts this person may take (the maker submits, another
// approves or rejects with a reason; pause, resume, cancel), the decisions so far, and the funnel.
import '../app/pages.css';
import './campaigns.css';
import { useState } from 'react';
import {
  Alert as Banner,
  App,
  Button,
  Col,
  Descriptions,
  Result,
  Row,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { nextStatus } from '#shared/campaigns/status.js';
import { render, SAMPLE_VALUES } from '#shared/campaigns/template.js';
import { useAuth } from '../auth/AuthProvider';
import { Link } from '../app/Link';
import { Panel } from '../app/Panel';
import { isNotFound } from '../api/problem';
import { useT } from '../i18n/i18n';
import { formatDateTime } from '../time';
import { AudienceSummary } from './AudienceSummary';
import { StatusTag } from './CampaignsScreen';
import { DecisionModal } from './DecisionModal';
import { FunnelCard } from './FunnelCard';
import { useCampaign, useCampaignPreview, useLifecycle } from './hooks';
import { ACTION_LABELS } from './labels';
import { OrgName } from './OrgName';
import { PreviewCard } from './PreviewCard';
import type { Campaign, LifecycleAction } from './types';

const ACTIONS: LifecycleAction[] = ['submit', 'approve', 'reject', 'pause', 'resume', 'cancel'];
/** Acts confirmed with a note in a dialog; the others go at once. */
const WITH_NOTE: LifecycleAction[] = ['approve', 'reject', 'cancel'];
/** Before the audience is frozen, the preview is what a send would reach. */
const NOT_STARTED = ['draft', 'pending_approval', 'rejected', 'approved'];

/** The acts this person may take now: the lifecycle's rule, and maker ≠ checker. */
export const actionsFor = (campaign: Campaign, staffId: string | undefined): LifecycleAction[] =>
  ACTIONS.filter((action) => {
    if (!nextStatus(campaign, action)) return false;
    const isMaker = campaign.makerId === staffId;
    if (action === 'submit') return isMaker;
    if (action === 'approve' || action === 'reject') return !isMaker;
    return true;
  });

const CampaignScreen = ({ params }: { params: Record<string, string> }) => {
  const t = useT();
  const id = params.id ?? '';
  const campaign = useCampaign(id);
  if (campaign.error)
    return (
      <Result
        status={isNotFound(campaign.error) ? '404' : 'error'}
        title={isNotFound(campaign.error) ? t('cmp.notFound') : campaign.error.message}
        extra={<Link to="/campaigns">{t('cmp.title')}</Link>}
      />
    );
  if (!campaign.data) return <Skeleton active />;
  return <CampaignView campaign={campaign.data} />;
};

const CampaignView = ({ campaign }: { campaign: Campaign }) => {
  const t = useT();
  const { me } = useAuth();
  const { message } = App.useApp();
  const act = useLifecycle(campaign.campaignId);
  const [asking, setAsking] = useState<LifecycleAction>();
  const [problem, setProblem] = useState<string>();
  const started = (campaign.funnel?.audience ?? 0) > 0 || !NOT_STARTED.includes(campaign.status);
  const preview = useCampaignPreview(campaign.campaignId, !started);
  const actions = actionsFor(campaign, me?.staffId);
  const { schedule } = campaign;

  // An act settles only after the campaign list is refetched, by which time the status already shows
  // the act done and the next act's dialog may be open: close only this act's own dialog.
  const settled = (action: LifecycleAction) => setAsking((open) => (open === action ? undefined : open));
  const run = (action: LifecycleAction, note?: string) => {
    setProblem(undefined);
    act.mutate(
      { action, ...(note ? { note } : {}) },
      {
        onSuccess: () => {
          settled(action);
          void message.success(t('cmp.actDone', { action: t(ACTION_LABELS[action]) }));
        },
        onError: (e) => {
          settled(action);
          setProblem(e.message);
        },
      },
    );
  };

  return (
    <>
      <Link to="/campaigns">← {t('cmp.title')}</Link>
      <div className="cmp-head cmp-head-start">
        <Typography.Title level={1} className="page-title">
          {campaign.name}
        </Typography.Title>
        <StatusTag status={campaign.status} />
      </div>
      {problem && <Banner type="error" showIcon title={problem} className="gap" />}
      <Space wrap className="card-actions gap" data-testid="campaign-actions">
        {actions.map((action) => (
          <Button
            key={action}
            type={action === 'approve' || action === 'submit' ? 'primary' : 'default'}
            loading={act.isPending && act.variables?.action === action}
            onClick={() => (WITH_NOTE.includes(action) ? setAsking(action) : run(action))}
          >
            {t(ACTION_LABELS[action])}
          </Button>
        ))}
        {campaign.status === 'pending_approval' && campaign.makerId === me?.staffId && (
          <Typography.Text type="secondary">{t('cmp.awaitingOther')}</Typography.Text>
        )}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space direction="vertical" size={16} className="cmp-stack">
            <Panel title={t('cmp.approveWhat')} testId="approve-what">
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('cmp.scope')}>
                  <OrgName orgId={campaign.scopeOrgId} />
                </Descriptions.Item>
                <Descriptions.Item label={t('cmp.maker')}>{campaign.makerId}</Descriptions.Item>
                <Descriptions.Item label={t('cmp.schedule')}>
                  {formatDateTime(schedule.startAt)} – {formatDateTime(schedule.endAt)}
                </Descriptions.Item>
                <Descriptions.Item label={t('cmp.window')}>
                  {schedule.window ? `${schedule.window.start} – ${schedule.window.end}` : ''}
                </Descriptions.Item>
                <Descriptions.Item label={t('cmp.maxRecipients')}>
                  {campaign.caps?.maxRecipients ?? t('cmp.noCap')}
                </Descriptions.Item>
                <Descriptions.Item label={t('cmp.priority')}>{campaign.priority}</Descriptions.Item>
                <Descriptions.Item label={t('cmp.attributionDays')}>
                  {campaign.attributionDays}
                </Descriptions.Item>
              </Descriptions>
              <h3 className="sub-title ant-typography">{t('cmp.section.audience')}</h3>
              <AudienceSummary audience={campaign.audience} />
              <h3 className="sub-title ant-typography">{t('cmp.section.template')}</h3>
              <p className="cmp-sms-text" data-testid="template-text">
                {campaign.template.text}
              </p>
              <Typography.Text type="secondary" className="small">
                {t('cmp.sample')}：{render(campaign.template.text, SAMPLE_VALUES)} ·{' '}
                {t('cmp.partsShort', { parts: campaign.templateParts })}
              </Typography.Text>
            </Panel>
            <Decisions campaign={campaign} />
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space direction="vertical" size={16} className="cmp-stack">
            {!started && (
              <PreviewCard preview={preview.data} loading={preview.isFetching} error={preview.error} />
            )}
            <FunnelCard funnel={campaign.funnel} />
          </Space>
        </Col>
      </Row>
      {asking && (
        <DecisionModal
          action={asking}
          name={campaign.name}
          busy={act.isPending}
          onOk={(note) => run(asking, note)}
          onCancel={() => setAsking(undefined)}
        />
      )}
    </>
  );
};

const Decisions = ({ campaign }: { campaign: Campaign }) => {
  const t = useT();
  const lines = [
    campaign.submittedAt && t('cmp.submittedAt', { at: formatDateTime(campaign.submittedAt) }),
    campaign.approval &&
      t('cmp.approvedBy', { by: campaign.approval.by, at: formatDateTime(campaign.approval.at) }),
    campaign.rejection &&
      t('cmp.rejectedBy', {
        by: campaign.rejection.by,
        at: formatDateTime(campaign.rejection.at),
        note: campaign.rejection.note ?? '',
      }),
    campaign.cancelled &&
      t('cmp.cancelledBy', { by: campaign.cancelled.by, at: formatDateTime(campaign.cancelled.at) }),
  ].filter((l): l is string => !!l);
  return (
    <Panel title={t('cmp.decisions')} empty={lines.length === 0} testId="decisions">
      <ul className="cmp-decisions">
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </Panel>
  );
};

export default CampaignScreen;
