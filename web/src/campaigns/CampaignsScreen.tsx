// 营销活动: the campaigns in my scope by status (a filter that wraps on a phone), and the checker's queue — the campaigns awaiting
// approval that I may approve (someone else made them: maker ≠ checker). Cards, not a wide table, so
// a phone needs no sideways scrolling.
import '../app/pages.css';
import './campaigns.css';
import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Radio, Skeleton, Tag, Typography } from 'antd';
import { useAuth } from '../auth/AuthProvider';
import { Link } from '../app/Link';
import { navigate } from '../app/router';
import { LoadMore } from '../app/LoadMore';
import { useT } from '../i18n/i18n';
import { formatDateTime } from '../time';
import { useCampaigns } from './hooks';
import { OrgName } from './OrgName';
import { STATUS_COLORS, STATUS_LABELS, STATUSES } from './labels';
import type { Campaign, CampaignStatus } from './types';

type TabKey = 'queue' | 'all' | CampaignStatus;

export const StatusTag = ({ status }: { status: CampaignStatus }) => {
  const t = useT();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="campaign-status">
      {t(STATUS_LABELS[status])}
    </Tag>
  );
};

const CampaignsScreen = () => {
  const t = useT();
  const { me } = useAuth();
  const [tab, setTab] = useState<TabKey>('queue');
  const status: CampaignStatus | undefined =
    tab === 'queue' ? 'pending_approval' : tab === 'all' ? undefined : tab;
  const list = useCampaigns(status);
  const items = tab === 'queue' ? list.items.filter((c) => c.makerId !== me?.staffId) : list.items;
  return (
    <>
      <div className="cmp-head">
        <Typography.Title level={1} className="page-title">
          {t('cmp.title')}
        </Typography.Title>
        <Button type="primary" onClick={() => navigate('/campaigns/new')}>
          {t('cmp.new')}
        </Button>
      </div>
      <Radio.Group
        className="cmp-filter"
        aria-label={t('cmp.tabs')}
        optionType="button"
        value={tab}
        onChange={(e) => setTab(e.target.value as TabKey)}
        options={[
          { value: 'queue', label: t('cmp.tab.queue') },
          { value: 'all', label: t('cmp.tab.all') },
          ...STATUSES.map((s) => ({ value: s, label: t(STATUS_LABELS[s]) })),
        ]}
      />
      {list.error ? (
        <Typography.Text type="danger">{list.error.message}</Typography.Text>
      ) : list.isLoading ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description={t(tab === 'queue' ? 'cmp.queueEmpty' : 'cmp.empty')} />
      ) : (
        <>
          <ul className="cards" aria-label={t('cmp.list')}>
            {items.map((campaign) => (
              <li key={campaign.campaignId}>
                <CampaignCard campaign={campaign} />
              </li>
            ))}
          </ul>
          <LoadMore
            hasMore={!!list.hasNextPage}
            loading={list.isFetchingNextPage}
            onMore={() => void list.fetchNextPage()}
            count={items.length}
          />
        </>
      )}
    </>
  );
};

const CampaignCard = ({ campaign }: { campaign: Campaign }) => {
  const t = useT();
  return (
    <Card
      size="small"
      data-testid={`campaign-${campaign.campaignId}`}
      title={
        <h2 className="panel-title">
          <Link to={`/campaigns/${encodeURIComponent(campaign.campaignId)}`}>{campaign.name}</Link>
        </h2>
      }
      extra={<StatusTag status={campaign.status} />}
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
        <Descriptions.Item label={t('cmp.scope')}>
          <OrgName orgId={campaign.scopeOrgId} />
        </Descriptions.Item>
        <Descriptions.Item label={t('cmp.maker')}>{campaign.makerId}</Descriptions.Item>
        <Descriptions.Item label={t('cmp.schedule')}>
          {formatDateTime(campaign.schedule.startAt)} – {formatDateTime(campaign.schedule.endAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('cmp.section.template')}>
          {t('cmp.partsShort', { parts: campaign.templateParts })}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
};

export default CampaignsScreen;
