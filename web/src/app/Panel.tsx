// A titled card on a dashboard: an h2 title, an optional link to the full screen, and an empty
// state when it has nothing to show.
import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';
import { useT } from '../i18n/i18n';

export const Panel = ({
  title,
  extra,
  empty,
  children,
  testId,
}: {
  title: string;
  extra?: ReactNode;
  empty?: boolean;
  children: ReactNode;
  testId?: string;
}) => {
  const t = useT();
  return (
    <Card
      size="small"
      title={<h2 className="panel-title">{title}</h2>}
      extra={extra}
      className="panel"
      data-testid={testId}
    >
      {empty ? <Typography.Text type="secondary">{t('common.none')}</Typography.Text> : children}
    </Card>
  );
};

/** A plain list of rows inside a panel: each row a main line and a secondary line. */
export const Rows = ({ children, label }: { children: ReactNode; label: string }) => (
  <ul className="rows" aria-label={label}>
    {children}
  </ul>
);

export const Row = ({ main, side, sub }: { main: ReactNode; side?: ReactNode; sub?: ReactNode }) => (
  <li className="row">
    <div className="row-line">
      <span className="row-main">{main}</span>
      {side !== undefined && <span className="row-side">{side}</span>}
    </div>
    {sub !== undefined && <div className="row-sub">{sub}</div>}
  </li>
);
