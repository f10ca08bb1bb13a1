// An admin publishes an article or edits one: title, body, tags, the roles it is for (none: all
// staff) and its publish window in Beijing time. The rules are the contract's; what the API still
// refuses shows under its field.
import { Form, Input, Select } from 'antd';
import { useT } from '../i18n/i18n';
import { roleKey } from '../i18n/labels';
import { formatDateTime } from '../time';
import { useSaveArticle } from './hooks';
import { FormModal } from './FormModal';
import { TagsField, WindowFields } from './fields';
import { maxLength } from './form-rules';
import type { Article, ArticleContent } from './types';

/** The bank's people an article can be for (the `integration` login reads no articles). */
const AUDIENCE = ['rm', 'branch_manager', 'marketing', 'admin', 'auditor'] as const;
type Audience = (typeof AUDIENCE)[number];

interface Values {
  title: string;
  body: string;
  tags: string[];
  audienceRoles: Audience[];
  /** `YYYY-MM-DDTHH:mm`, Beijing time (a datetime-local input) */
  publishFrom: string;
  publishUntil?: string;
}

const FIELDS = ['title', 'body', 'tags', 'audienceRoles', 'publishFrom', 'publishUntil'] as const;

/** Beijing wall time ↔ the API's instant. */
const toInstant = (local: string) => `${local}:00+08:00`;
const toLocal = (iso: string) => formatDateTime(iso).replace(' ', 'T');

const valuesOf = (a: Article): Values => ({
  title: a.title,
  body: a.body,
  tags: a.tags,
  audienceRoles: a.audienceRoles.filter((r): r is Audience => (AUDIENCE as readonly string[]).includes(r)),
  publishFrom: toLocal(a.publishFrom),
  publishUntil: a.publishUntil ? toLocal(a.publishUntil) : undefined,
});

const contentOf = (v: Values): ArticleContent => ({
  title: v.title.trim(),
  body: v.body.trim(),
  tags: v.tags ?? [],
  audienceRoles: v.audienceRoles ?? [],
  publishFrom: toInstant(v.publishFrom),
  ...(v.publishUntil ? { publishUntil: toInstant(v.publishUntil) } : {}),
});

/** Now in Beijing time, to the minute: a new article's default publish time. */
const nowLocal = () => toLocal(new Date().toISOString());

export const ArticleForm = ({ article, onClose }: { article?: Article; onClose: () => void }) => {
  const t = useT();
  const save = useSaveArticle();
  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('art.required', { field }),
  });
  const max = (n: number) => maxLength(n, t);

  const submit = async (v: Values) => {
    const saved = await save.mutateAsync({ articleId: article?.articleId, content: contentOf(v) });
    return t('art.saved', { title: saved.title });
  };

  return (
    <FormModal
      title={article ? t('art.editTitle', { title: article.title }) : t('art.newTitle')}
      pending={save.isPending}
      onClose={onClose}
      save={submit}
      fields={FIELDS}
      initialValues={article ? valuesOf(article) : { tags: [], audienceRoles: [], publishFrom: nowLocal() }}
    >
      <Form.Item name="title" label={t('art.headline')} rules={[required(t('art.headline')), max(200)]}>
        <Input />
      </Form.Item>
      <Form.Item name="body" label={t('art.body')} rules={[required(t('art.body')), max(100_000)]}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} />
      </Form.Item>
      <TagsField label={t('art.tags')} />
      <Form.Item name="audienceRoles" label={t('art.audience')} extra={t('art.audienceAll')}>
        <Select
          mode="multiple"
          allowClear
          options={AUDIENCE.map((value) => ({ value, label: t(roleKey(value)) }))}
        />
      </Form.Item>
      <WindowFields
        start={{ name: 'publishFrom', label: t('art.publishFrom') }}
        end={{ name: 'publishUntil', label: t('art.publishUntil') }}
        type="datetime-local"
        strict
        startRule={required(t('art.publishFrom'))}
        endBeforeMessage={t('art.untilBefore')}
      />
    </FormModal>
  );
};
