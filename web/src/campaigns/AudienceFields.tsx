// 目标客户群: every condition the API's audience has — units, RMs and customers listed; tier, risk,
// tags (any, all, none); AUM range on the month-daily average or the balance; asset classes held
// (all, any, none); products held and not held; days since the last transaction and contact; an
// open alert. All given conditions must hold; an empty one is left out.
import { Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { useT } from '../i18n/i18n';
import { TIER_ORDER, tierKey } from '../i18n/labels';
import { ASSET_CLASS_LABELS, RISK_LEVELS, riskKey } from '../customers/labels';
import { useProducts } from '../performance/hooks';
import type { MessageKey } from '../i18n/zh-CN';
import { fenOf } from './builder';
import { OrgPicker } from './OrgPicker';

const ASSET_CLASSES = Object.keys(ASSET_CLASS_LABELS) as (keyof typeof ASSET_CLASS_LABELS)[];

/** A list typed in: tags, staff ids, customer ids. */
const FreeList = ({ name, label }: { name: string; label: MessageKey }) => {
  const t = useT();
  return (
    <Form.Item name={name} label={t(label)}>
      <Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder={t('cmp.typeToAdd')} open={false} />
    </Form.Item>
  );
};

const DayRange = ({ prefix, label }: { prefix: 'activity' | 'contact'; label: MessageKey }) => {
  const t = useT();
  return (
    <Form.Item label={t(label)}>
      <Space wrap>
        {(['Min', 'Max'] as const).map((end) => (
          <Form.Item key={end} name={`${prefix}${end}`} noStyle>
            <InputNumber
              min={0}
              precision={0}
              placeholder={t(`cmp.days${end}`)}
              aria-label={`${t(label)} ${t(`cmp.days${end}`)}`}
            />
          </Form.Item>
        ))}
      </Space>
    </Form.Item>
  );
};

const yuanRule = (message: string) => ({
  validator: (_rule: unknown, value: string | undefined) =>
    Number.isNaN(fenOf(value) ?? 0) || (fenOf(value) ?? 0) < 0
      ? Promise.reject(new Error(message))
      : Promise.resolve(),
});

export const AudienceFields = () => {
  const t = useT();
  const products = useProducts();
  const productOptions = (products.data?.items ?? []).map((p) => ({
    value: p.productId,
    label: `${p.name} (${p.productId})`,
  }));
  const assetOptions = ASSET_CLASSES.map((c) => ({ value: c, label: t(ASSET_CLASS_LABELS[c]) }));
  return (
    <>
      <Form.Item name="tiers" label={t('cmp.tiers')}>
        <Select mode="multiple" options={TIER_ORDER.map((v) => ({ value: v, label: t(tierKey(v)) }))} />
      </Form.Item>
      <Form.Item label={t('cmp.aum')}>
        <Space wrap>
          <Form.Item name="aumBasis" noStyle>
            <Radio.Group
              optionType="button"
              options={(['avgAum', 'balance'] as const).map((b) => ({
                value: b,
                label: t(`cmp.aumBasis.${b}`),
              }))}
            />
          </Form.Item>
          {(['aumMin', 'aumMax'] as const).map((name) => (
            <Form.Item key={name} name={name} noStyle rules={[yuanRule(t('cmp.aumInvalid'))]}>
              <Input
                inputMode="decimal"
                placeholder={t(`cmp.${name}`)}
                aria-label={t(`cmp.${name}`)}
                className="cmp-money"
              />
            </Form.Item>
          ))}
        </Space>
      </Form.Item>
      {(['assetsAny', 'assetsAll', 'assetsNone'] as const).map((name) => (
        <Form.Item key={name} name={name} label={t(`cmp.${name}`)}>
          <Select mode="multiple" options={assetOptions} />
        </Form.Item>
      ))}
      {(['productsHeld', 'productsNotHeld'] as const).map((name) => (
        <Form.Item key={name} name={name} label={t(`cmp.${name}`)}>
          <Select
            mode="multiple"
            options={productOptions}
            loading={products.isLoading}
            optionFilterProp="label"
          />
        </Form.Item>
      ))}
      <Form.Item name="riskLevels" label={t('cmp.riskLevels')}>
        <Select mode="multiple" options={RISK_LEVELS.map((v) => ({ value: v, label: t(riskKey(v)) }))} />
      </Form.Item>
      <FreeList name="tagsAny" label="cmp.tagsAny" />
      <FreeList name="tagsAll" label="cmp.tagsAll" />
      <FreeList name="tagsNone" label="cmp.tagsNone" />
      <DayRange prefix="contact" label="cmp.lastContact" />
      <DayRange prefix="activity" label="cmp.lastActivity" />
      <Form.Item name="openAlert" label={t('cmp.openAlert')}>
        <Radio.Group
          optionType="button"
          options={(['any', 'yes', 'no'] as const).map((v) => ({ value: v, label: t(`cmp.openAlert.${v}`) }))}
        />
      </Form.Item>
      <Form.Item name="orgIds" label={t('cmp.orgIds')}>
        <OrgPicker multiple aria-label={t('cmp.orgIds')} />
      </Form.Item>
      <FreeList name="managerIds" label="cmp.managerIds" />
      <FreeList name="customerIds" label="cmp.customerIds" />
    </>
  );
};
