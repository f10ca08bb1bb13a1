// What the API refused, every failing field (problem+json `errors`), above the form that sent it.
import { Alert as Banner } from 'antd';
import { useT } from '../i18n/i18n';

export const Problems = ({ items }: { items: string[] }) => {
  const t = useT();
  if (items.length === 0) return null;
  return (
    <Banner
      type="error"
      showIcon
      className="gap"
      title={t('triggerRules.fixErrors')}
      description={
        <ul className="rule-problems">
          {items.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      }
    />
  );
};
