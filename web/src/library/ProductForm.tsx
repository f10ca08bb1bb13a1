// An admin adds a product, or edits one (its code never changes). The rules are the contract's
// (code pattern, lengths, R1–R5, term 1–36500 days, weight ×0–×10, sale end not before its start,
// at most 20 tags without repeats); whatever the API still refuses shows under its field.
import { Form, Input, InputNumber, Select } from 'antd';
import { useT } from '../i18n/i18n';
import { ASSET_CLASS_LABELS, assetKey } from '../customers/labels';
import { useSaveProduct } from './hooks';
import { PRODUCT_RISKS, productRiskKey } from './labels';
import { FormModal } from './FormModal';
import { TagsField, WindowFields } from './fields';
import { maxLength } from './form-rules';
import type { Product, ProductCategory, ProductContent, ProductRiskLevel } from './types';
import { PRODUCT_CODE, PRODUCT_CONTENT_FIELDS } from '#shared/products/fields.js';

interface Values {
  code: string;
  name: string;
  category: ProductCategory;
  riskLevel: ProductRiskLevel;
  termDays?: number | null;
  /** ×1.2 on screen, 12000 basis points to the API */
  weight?: number | null;
  saleStart: string;
  saleEnd?: string;
  tags: string[];
  description?: string;
}

const FIELDS = ['code', ...PRODUCT_CONTENT_FIELDS] as const;

const valuesOf = (p: Product): Values => ({
  code: p.code,
  name: p.name,
  category: p.category,
  riskLevel: p.riskLevel,
  termDays: p.termDays,
  weight: p.weightBp === undefined ? undefined : p.weightBp / 10_000,
  saleStart: p.saleStart,
  saleEnd: p.saleEnd,
  tags: p.tags,
  description: p.description,
});

const contentOf = (v: Values): ProductContent => ({
  name: v.name.trim(),
  category: v.category,
  riskLevel: v.riskLevel,
  ...(v.termDays != null ? { termDays: v.termDays } : {}),
  ...(v.weight != null ? { weightBp: Math.round(v.weight * 10_000) } : {}),
  saleStart: v.saleStart,
  ...(v.saleEnd ? { saleEnd: v.saleEnd } : {}),
  tags: v.tags ?? [],
  ...(v.description?.trim() ? { description: v.description.trim() } : {}),
});

export const ProductForm = ({ product, onClose }: { product?: Product; onClose: () => void }) => {
  const t = useT();
  const save = useSaveProduct();
  const required = (field: string) => ({ required: true, message: t('prod.required', { field }) });
  const max = (n: number) => maxLength(n, t);

  const submit = async (v: Values) => {
    const content = contentOf(v);
    const saved = await save.mutateAsync(
      product ? { code: product.code, content } : { content: { ...content, code: v.code } },
    );
    return t('prod.saved', { name: saved.name });
  };

  return (
    <FormModal
      title={product ? t('prod.editTitle', { name: product.name }) : t('prod.newTitle')}
      pending={save.isPending}
      onClose={onClose}
      save={submit}
      fields={FIELDS}
      rename={{ weightBp: 'weight' }}
      initialValues={product ? valuesOf(product) : { tags: [] }}
    >
      <Form.Item
        name="code"
        label={t('prod.code')}
        rules={[required(t('prod.code')), { pattern: PRODUCT_CODE, message: t('prod.codeRule') }]}
        extra={product ? undefined : t('prod.codeRule')}
      >
        <Input disabled={!!product} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('prod.name')}
        rules={[
          required(t('prod.name')),
          { whitespace: true, message: t('prod.required', { field: t('prod.name') }) },
          max(64),
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="category" label={t('prod.category')} rules={[required(t('prod.category'))]}>
        <Select
          options={(Object.keys(ASSET_CLASS_LABELS) as ProductCategory[]).map((value) => ({
            value,
            label: t(assetKey(value)),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="riskLevel"
        label={t('prod.risk')}
        rules={[required(t('prod.risk'))]}
        extra={t('prod.riskHint')}
      >
        <Select options={PRODUCT_RISKS.map((value) => ({ value, label: t(productRiskKey(value)) }))} />
      </Form.Item>
      <Form.Item
        name="termDays"
        label={t('prod.termDays')}
        rules={[{ type: 'integer', min: 1, max: 36_500, message: t('prod.termRule') }]}
      >
        <InputNumber min={1} max={36_500} precision={0} />
      </Form.Item>
      <Form.Item
        name="weight"
        label={t('prod.weight')}
        extra={t('prod.weightHint')}
        rules={[
          {
            validator: (_, w: number | null | undefined) =>
              w == null || (w >= 0 && w <= 10 && Number.isInteger(Math.round(w * 1e6) / 100))
                ? Promise.resolve()
                : Promise.reject(new Error(t('prod.weightRule'))),
          },
        ]}
      >
        <InputNumber min={0} max={10} step={0.1} />
      </Form.Item>
      <WindowFields
        start={{ name: 'saleStart', label: t('prod.saleFrom') }}
        end={{ name: 'saleEnd', label: t('prod.saleTo') }}
        type="date"
        strict={false}
        startRule={required(t('prod.saleFrom'))}
        endBeforeMessage={t('prod.saleEndBefore')}
      />
      <TagsField label={t('prod.tags')} />
      <Form.Item name="description" label={t('prod.description')} rules={[max(2000)]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </FormModal>
  );
};
