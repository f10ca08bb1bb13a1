// The top of a library screen: its title, the admin's 新增 button, and the filters' card.
import type { ReactNode } from 'react';
import { Button, Card, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';

export const LibraryHead = ({
  title,
  newLabel,
  onNew,
  note,
  children,
}: {
  title: string;
  newLabel: string;
  /** absent: the caller may not write */
  onNew?: () => void;
  note?: ReactNode;
  children: ReactNode;
}) => (
  <>
    <div className="lib-head">
      <Typography.Title level={1} className="page-title">
        {title}
      </Typography.Title>
      {onNew && (
        <Button type="primary" icon={<PlusOutlined />} onClick={onNew}>
          {newLabel}
        </Button>
      )}
    </div>
    <Card size="small" className="gap">
      <div className="filters" role="search">
        {children}
      </div>
      {note}
    </Card>
  </>
);
