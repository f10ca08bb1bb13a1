// The end of an endless list: loads the next page as it scrolls into view (and is a button for
// keyboards and for screen readers), or says the list is complete.
import { useEffect, useRef } from 'react';
import { Button, Typography } from 'antd';
import { useT } from '../i18n/i18n';

export const LoadMore = ({
  hasMore,
  loading,
  onMore,
  count,
}: {
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
  count: number;
}) => {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = ref.current;
    if (!node || !hasMore) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !loading) onMore();
      },
      { rootMargin: '400px 0px' },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasMore, loading, onMore]);
  return (
    <div ref={ref} className="load-more" aria-live="polite">
      {hasMore ? (
        <Button onClick={onMore} loading={loading}>
          {t('list.loadMore')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{t('list.end', { n: count })}</Typography.Text>
      )}
    </div>
  );
};
