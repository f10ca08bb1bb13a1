// 资讯库: every signed-in person reads what is published now for their role, newest first, and
// searches it by words, a tag and the day it was published (Beijing time); an admin sees every
// article, publishes one and edits one.
import '../app/pages.css';
import './library.css';
import { useState } from 'react';
import { Button, Card, Empty, Input, Skeleton, Tag, Typography } from 'antd';
import { LibraryPage } from './LibraryPage';
import { EditOutlined } from '@ant-design/icons';
import { useT } from '../i18n/i18n';
import { roleKey } from '../i18n/labels';
import { formatDateTime } from '../time';
import { useArticleList, useMayWriteLibrary } from './hooks';
import { DateFilter } from './DateField';
import { ArticleForm } from './ArticleForm';
import type { Article } from './types';

const ArticleCard = ({ article, onEdit }: { article: Article; onEdit?: () => void }) => {
  const t = useT();
  const from = formatDateTime(article.publishFrom);
  return (
    <Card
      size="small"
      data-testid={`article-${article.articleId}`}
      title={<h2 className="lib-article-title">{article.title}</h2>}
      extra={
        onEdit && (
          <Button
            size="small"
            icon={<EditOutlined />}
            aria-label={t('art.editOne', { title: article.title })}
            onClick={onEdit}
          >
            {t('art.edit')}
          </Button>
        )
      }
    >
      <div className="lib-article-meta">
        <span>
          {article.publishUntil
            ? t('art.windowUntil', { from, until: formatDateTime(article.publishUntil) })
            : t('art.window', { from })}
        </span>
        {onEdit && (
          <span>
            {article.audienceRoles.length
              ? article.audienceRoles.map((r) => t(roleKey(r))).join('、')
              : t('art.audienceAll')}
          </span>
        )}
        {article.tags.map((tag) => (
          <Tag key={tag}>{tag}</Tag>
        ))}
      </div>
      <Typography.Paragraph
        className="lib-article-body"
        ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (open) => t(open ? 'art.less' : 'art.more') }}
      >
        {article.body}
      </Typography.Paragraph>
    </Card>
  );
};

const ArticlesScreen = () => {
  const t = useT();
  const mayWrite = useMayWriteLibrary();
  const [q, setQ] = useState<string>();
  const [tag, setTag] = useState<string>();
  const [publishedFrom, setPublishedFrom] = useState<string>();
  const [publishedTo, setPublishedTo] = useState<string>();
  const [editing, setEditing] = useState<Article | 'new'>();
  const list = useArticleList({ q, tag, publishedFrom, publishedTo });

  return (
    <LibraryPage
      title={t('art.title')}
      newLabel={t('art.new')}
      onNew={mayWrite ? () => setEditing('new') : undefined}
      note={
        mayWrite && (
          <Typography.Text type="secondary" className="filter-note">
            {t('art.adminNote')}
          </Typography.Text>
        )
      }
      search={{ label: t('art.search'), placeholder: t('art.searchPlaceholder'), onSearch: setQ }}
      filters={
        <>
          <Input.Search
            allowClear
            aria-label={t('art.tag')}
            placeholder={t('art.tagPlaceholder')}
            onSearch={(value) => setTag(value.trim() || undefined)}
            className="filter-search"
          />
          <DateFilter label={t('art.publishedFrom')} value={publishedFrom} onChange={setPublishedFrom} />
          <DateFilter label={t('art.publishedTo')} value={publishedTo} onChange={setPublishedTo} />
        </>
      }
      list={list}
      form={
        editing && (
          <ArticleForm
            article={editing === 'new' ? undefined : editing}
            onClose={() => setEditing(undefined)}
          />
        )
      }
    >
      {list.isLoading ? (
        <Skeleton active />
      ) : list.items.length === 0 ? (
        <Empty description={t('art.empty')} />
      ) : (
        <section className="lib-articles" aria-label={t('art.title')}>
          {list.items.map((a) => (
            <ArticleCard key={a.articleId} article={a} onEdit={mayWrite ? () => setEditing(a) : undefined} />
          ))}
        </section>
      )}
    </LibraryPage>
  );
};
export default ArticlesScreen;
