// A branch manager's workbench card: who in their unit (the subtree) logged in fewer times than the
// standard this month, fewest first — the usage report's own `below` list.
import { Panel, Row, Rows } from '../app/Panel';
import { useT } from '../i18n/i18n';
import { roleKey } from '../i18n/labels';
import { useUnitUsage } from './hooks';

export const UnitUsage = () => {
  const t = useT();
  const report = useUnitUsage();
  if (!report.data) return null;
  const { staff, below, standard, month, totals } = report.data;
  const rows = staff
    .filter((s) => below.includes(s.staffId))
    .sort((a, b) => a.logins - b.logins || a.staffId.localeCompare(b.staffId));
  return (
    <Panel title={t('usage.unitTitle')} testId="unit-usage">
      <p className="small">
        {t('usage.unitNote', { month, standard, below: below.length, staff: totals.staff })}
      </p>
      {rows.length === 0 ? (
        t('usage.unitNone')
      ) : (
        <Rows label={t('usage.unitTitle')}>
          {rows.map((s) => (
            <Row
              key={s.staffId}
              main={
                <span data-staff={s.staffId}>{t('usage.person', { name: s.name, staffId: s.staffId })}</span>
              }
              side={t('usage.personLogins', { logins: s.logins, days: s.activeDays })}
              sub={t(roleKey(s.role))}
            />
          ))}
        </Rows>
      )}
    </Panel>
  );
};
