// An alert's severity as a coloured tag (低 / 中 / 高 / 紧急), the same on every screen.
import { Tag } from 'antd';
import { useT } from '../i18n/i18n';
import { severityKey } from '../i18n/labels';

const COLOR: Record<string, string> = { low: 'default', medium: 'gold', high: 'volcano', critical: 'red' };

export const SeverityTag = ({ severity }: { severity: string }) => {
  const t = useT();
  return <Tag color={COLOR[severity]}>{t(severityKey(severity))}</Tag>;
};
