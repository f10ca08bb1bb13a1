// The period picker: the last 12 months, 4 quarters and 2 years (months only when the report takes a
// month); a report as of now shows that instead.
import { useMemo } from 'react';
import { Select, Tag } from 'antd';
import { useT } from '../i18n/i18n';
import { periodChoices, type PeriodTake } from './period';

export const PeriodSelect = ({
  take,
  value,
  onChange,
}: {
  take: PeriodTake;
  value: string;
  onChange: (period: string) => void;
}) => {
  const t = useT();
  const choices = useMemo(() => periodChoices(), []);
  if (take === 'snapshot') return <Tag className="report-asof">{t('rep.asOfNow')}</Tag>;
  const group = (label: string, values: string[]) => ({
    label,
    options: values.map((v) => ({ value: v, label: v })),
  });
  const options =
    take === 'month'
      ? [group(t('rep.months'), choices.months)]
      : [
          group(t('rep.months'), choices.months),
          group(t('rep.quarters'), choices.quarters),
          group(t('rep.years'), choices.years),
        ];
  return (
    <Select<string>
      aria-label={t('rep.period')}
      className="filter-select"
      value={value}
      onChange={onChange}
      options={options}
    />
  );
};
