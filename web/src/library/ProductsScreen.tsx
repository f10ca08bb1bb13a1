// 产品库: every signed-in person browses and searches the product library by text, category, risk
// level (R1–R5), term and sale window, page by page in code order as the API returns it; an admin
// adds a product and edits one (the form checks what the contract checks; the API's own errors show
// under the fields they name).
import '../app/pages.css';
import './library.css';
import { useMemo, useState } from 'react';
import { Button, Select, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined } from '@ant-design/icons';
import { ListTable } from '../app/ListTable';
import { LibraryPage } from './LibraryPage';
import { useT, type Translate } from '../i18n/i18n';
import { ASSET_CLASS_LABELS, assetKey } from '../customers/labels';
import { useMayWriteLibrary, useProductList } from './hooks';
import { PRODUCT_RISKS, productRiskKey, TERM_BANDS } from './labels';
import { DateFilter } from './DateField';
import { ProductForm } from './ProductForm';
import type { Product, ProductCategory, ProductRiskLevel } from './types';

/** a solid green dark enough for white text (WCAG AA) */
const ON_SALE = '#237804';
const CATEGORIES = Object.keys(ASSET_CLASS_LABELS) as ProductCategory[];

export const termText = (p: Pick<Product, 'termDays'>, t: Translate) =>
  p.termDays === undefined ? t('prod.termOpen') : t('prod.termDaysValue', { n: p.termDays });
const windowText = (p: Product, t: Translate) => `${p.saleStart} ~ ${p.saleEnd ?? t('prod.saleOpenEnd')}`;
const weightText = (bp: number, t: Translate) => t('prod.weightValue', { w: bp / 10_000 });

const ProductsScreen = () => {
  const t = useT();
  const mayWrite = useMayWriteLibrary();
  const [q, setQ] = useState<string>();
  const [category, setCategory] = useState<ProductCategory>();
  const [riskLevel, setRiskLevel] = useState<ProductRiskLevel>();
  const [term, setTerm] = useState<string>();
  const [onSale, setOnSale] = useState<'true' | 'false'>();
  const [saleFrom, setSaleFrom] = useState<string>();
  const [saleTo, setSaleTo] = useState<string>();
  const [editing, setEditing] = useState<Product | 'new'>();
  const band = term ? TERM_BANDS[term] : undefined;
  const list = useProductList({
    q,
    category,
    riskLevel,
    onSale,
    termDaysMin: band?.min,
    termDaysMax: band?.max,
    saleFrom,
    saleTo,
  });

  const columns: ColumnsType<Product> = useMemo(
    () => [
      {
        title: t('prod.name'),
        key: 'name',
        render: (_, p) => (
          <>
            {p.name}
            <span className="lib-sub">{p.code}</span>
          </>
        ),
      },
      {
        title: t('prod.category'),
        key: 'category',
        responsive: ['md'],
        render: (_, p) => t(assetKey(p.category)),
      },
      { title: t('prod.risk'), key: 'risk', render: (_, p) => <Tag>{p.riskLevel}</Tag> },
      { title: t('prod.term'), key: 'term', responsive: ['sm'], render: (_, p) => termText(p, t) },
      { title: t('prod.saleWindow'), key: 'window', responsive: ['lg'], render: (_, p) => windowText(p, t) },
      {
        title: t('prod.onSale'),
        key: 'onSale',
        render: (_, p) =>
          p.onSale ? <Tag color={ON_SALE}>{t('prod.onSaleTrue')}</Tag> : <Tag>{t('prod.onSaleFalse')}</Tag>,
      },
      {
        title: t('prod.weight'),
        key: 'weight',
        responsive: ['lg'],
        render: (_, p) => weightText(p.effectiveWeightBp, t),
      },
      {
        title: t('prod.tags'),
        key: 'tags',
        responsive: ['xl'],
        render: (_, p) => p.tags.map((tag) => <Tag key={tag}>{tag}</Tag>),
      },
      ...(mayWrite
        ? [
            {
              title: t('common.actions'),
              key: 'edit',
              render: (_: unknown, p: Product) => (
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={t('prod.editOne', { name: p.name })}
                  onClick={() => setEditing(p)}
                >
                  {t('prod.edit')}
                </Button>
              ),
            },
          ]
        : []),
    ],
    [t, mayWrite],
  );

  const select = <V extends string>(
    label: string,
    value: V | undefined,
    onChange: (v: V | undefined) => void,
    options: { value: V; label: string }[],
  ) => (
    <Select<V>
      allowClear
      aria-label={label}
      placeholder={label}
      value={value}
      onChange={onChange}
      className="filter-select"
      options={options}
    />
  );

  return (
    <LibraryPage
      title={t('prod.title')}
      newLabel={t('prod.new')}
      onNew={mayWrite ? () => setEditing('new') : undefined}
      search={{ label: t('prod.search'), placeholder: t('prod.searchPlaceholder'), onSearch: setQ }}
      filters={
        <>
          {select(
            t('prod.category'),
            category,
            setCategory,
            CATEGORIES.map((value) => ({ value, label: t(assetKey(value)) })),
          )}
          {select(
            t('prod.risk'),
            riskLevel,
            setRiskLevel,
            PRODUCT_RISKS.map((value) => ({ value, label: t(productRiskKey(value)) })),
          )}
          {select(
            t('prod.term'),
            term,
            setTerm,
            Object.entries(TERM_BANDS).map(([value, b]) => ({ value, label: t(b.key) })),
          )}
          {select(t('prod.onSale'), onSale, setOnSale, [
            { value: 'true', label: t('prod.onSaleTrue') },
            { value: 'false', label: t('prod.onSaleFalse') },
          ])}
          <DateFilter label={t('prod.saleFrom')} value={saleFrom} onChange={setSaleFrom} />
          <DateFilter label={t('prod.saleTo')} value={saleTo} onChange={setSaleTo} />
        </>
      }
      list={list}
      form={
        editing && (
          <ProductForm
            product={editing === 'new' ? undefined : editing}
            onClose={() => setEditing(undefined)}
          />
        )
      }
    >
      <ListTable<Product>
        list={list}
        rowKey="productId"
        columns={columns}
        aria-label={t('prod.title')}
        expandable={{
          rowExpandable: (p) => !!p.description,
          expandedRowRender: (p) => (
            <Typography.Paragraph className="lib-article-body">{p.description}</Typography.Paragraph>
          ),
        }}
        locale={{ emptyText: <span className="empty-text">{t('prod.empty')}</span> }}
      />
    </LibraryPage>
  );
};
export default ProductsScreen;
