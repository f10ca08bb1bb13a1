// The audience's conditions in words, as the checker reads them before approving: every condition
// the campaign holds, none left out (an unknown one is shown as the API names it).
import { Descriptions, Typography } from 'antd';
import { useT, type Translate } from '../i18n/i18n';
import { tierKey } from '../i18n/labels';
import { ASSET_CLASS_LABELS, riskKey } from '../customers/labels';
import { formatFen } from '../money';
import type { MessageKey } from '../i18n/zh-CN';
import type { Audience } from './types';

const days = (r: { min?: number; max?: number }, t: Translate) =>
  [
    r.min !== undefined ? `${t('cmp.daysMin')} ${r.min}` : '',
    r.max !== undefined ? `${t('cmp.daysMax')} ${r.max}` : '',
  ]
    .filter(Boolean)
    .join('，');

const assets = (list: string[] | undefined, t: Translate) =>
  (list ?? [])
    .map((c) => t(ASSET_CLASS_LABELS[c as keyof typeof ASSET_CLASS_LABELS] ?? (c as MessageKey)))
    .join('、');

/** Each condition: its label and its value in words. */
export const describeAudience = (a: Audience, t: Translate): [string, string][] => {
  const lines: [string, string][] = [];
  const add = (label: MessageKey, value: string | undefined) => {
    if (value) lines.push([t(label), value]);
  };
  add('cmp.orgIds', a.orgIds?.join('、'));
  add('cmp.managerIds', a.managerIds?.join('、'));
  add('cmp.customerIds', a.customerIds?.join('、'));
  add('cmp.tiers', a.tiers?.map((v) => t(tierKey(v))).join('、'));
  add('cmp.riskLevels', a.riskLevels?.map((v) => t(riskKey(v))).join('、'));
  add('cmp.tagsAny', a.tagsAny?.join('、'));
  add('cmp.tagsAll', a.tagsAll?.join('、'));
  add('cmp.tagsNone', a.tagsNone?.join('、'));
  if (a.aum) {
    const { basis = 'avgAum', minFen, maxFen } = a.aum;
    add(
      'cmp.aum',
      `${t(`cmp.aumBasis.${basis}`)} ${minFen !== undefined ? formatFen(minFen) : '0'} – ${maxFen !== undefined ? formatFen(maxFen) : '∞'}`,
    );
  }
  add('cmp.assetsAll', assets(a.assetClasses?.all, t));
  add('cmp.assetsAny', assets(a.assetClasses?.any, t));
  add('cmp.assetsNone', assets(a.assetClasses?.none, t));
  add('cmp.productsHeld', a.productsHeld?.join('、'));
  add('cmp.productsNotHeld', a.productsNotHeld?.join('、'));
  if (a.daysSinceLastActivity) add('cmp.lastActivity', days(a.daysSinceLastActivity, t));
  if (a.daysSinceLastContact) add('cmp.lastContact', days(a.daysSinceLastContact, t));
  if (a.hasOpenAlert !== undefined)
    add('cmp.openAlert', t(a.hasOpenAlert ? 'cmp.openAlert.yes' : 'cmp.openAlert.no'));
  return lines;
};

export const AudienceSummary = ({ audience }: { audience: Audience }) => {
  const t = useT();
  const lines = describeAudience(audience, t);
  if (lines.length === 0) return <Typography.Text>{t('cmp.audienceAll')}</Typography.Text>;
  return (
    <Descriptions size="small" column={1} data-testid="audience-summary">
      {lines.map(([label, value]) => (
        <Descriptions.Item key={label} label={label}>
          {value}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
};
