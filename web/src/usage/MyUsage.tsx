// 本月登录 n/12 in the header, for every person: green once the standard is met; a click tells the
// days of use and how many logins are still short.
import './usage.css';
import { Popover, Tag, Typography } from 'antd';
import { LoginOutlined } from '@ant-design/icons';
import { useT } from '../i18n/i18n';
import { useMyUsage } from './hooks';

/** solid colours dark enough for white text (WCAG AA) */
const SHORT = '#ad4e00';
const MET = '#237804';

export const MyUsage = () => {
  const t = useT();
  const usage = useMyUsage();
  if (!usage.data) return null;
  const { logins, activeDays, standard, belowStandard } = usage.data;
  const content = (
    <div data-testid="my-usage-detail">
      <Typography.Text strong>{t('usage.title')}</Typography.Text>
      <dl className="usage-figures">
        <dt>{t('usage.logins')}</dt>
        <dd>{logins}</dd>
        <dt>{t('usage.days')}</dt>
        <dd>{activeDays}</dd>
      </dl>
      <Typography.Text type="secondary">{t('usage.standard', { standard })}</Typography.Text>
      <div>{belowStandard ? t('usage.short', { n: standard - logins }) : t('usage.met')}</div>
    </div>
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight">
      <button type="button" className="usage-chip" data-testid="my-usage">
        <Tag color={belowStandard ? SHORT : MET} icon={<LoginOutlined />}>
          <span className="usage-chip-label">{t('usage.logins')} </span>
          {logins}/{standard}
        </Tag>
      </button>
    </Popover>
  );
};
