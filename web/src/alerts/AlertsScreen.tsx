// 预警: the alerts not yet closed, due first, each with its SLA left; 确认 (acknowledge) and 关闭
// (close with an outcome). Cards rather than a wide table, so a phone needs no sideways scrolling.
import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Skeleton, Space, Typography } from 'antd';
import { Link } from '../app/Link';
import type { Alert } from '../api/types';
import { useT } from '../i18n/i18n';
import { statusKey } from '../i18n/labels';
import { SeverityTag } from './SeverityTag';
import { formatFen } from '../money';
import { formatDateTime, slaText } from '../time';
import { CloseAlertForm } from './CloseAlertForm';
import { useAcknowledge, useOpenAlerts } from './hooks';

const AlertsScreen = () => {
  const t = useT();
  const alerts = useOpenAlerts();
  const [closing, setClosing] = useState<Alert>();
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('alerts.title')}
      </Typography.Title>
      {alerts.error ? (
        <Typography.Text type="danger">{(alerts.error as Error).message}</Typography.Text>
      ) : !alerts.data ? (
        <Skeleton active />
      ) : alerts.data.length === 0 ? (
        <Empty description={t('alerts.empty')} />
      ) : (
        <ul className="cards" aria-label={t('alerts.open')}>
          {alerts.data.map((alert) => (
            <li key={alert.alertId}>
              <AlertCard alert={alert} onClose={() => setClosing(alert)} />
            </li>
          ))}
        </ul>
      )}
      {closing && <CloseAlertForm alert={closing} onDone={() => setClosing(undefined)} />}
    </>
  );
};

const AlertCard = ({ alert, onClose }: { alert: Alert; onClose: () => void }) => {
  const t = useT();
  const { message } = App.useApp();
  const acknowledge = useAcknowledge();
  const sla = slaText(alert.dueAt, t);
  return (
    <Card
      size="small"
      data-testid={`alert-${alert.alertId}`}
      title={
        <h2 className="panel-title">
          <SeverityTag severity={alert.severity} />
          <Link to={`/customers/${encodeURIComponent(alert.customerId)}`}>{alert.customerName}</Link>
        </h2>
      }
      extra={<span className={sla.overdue ? 'overdue' : 'sla'}>{sla.text}</span>}
    >
      <p className="alert-title">{alert.title}</p>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
        <Descriptions.Item label={t('alerts.amountAtRisk')}>
          {formatFen(alert.amountAtRiskFen)} {t('common.yuan')}
        </Descriptions.Item>
        <Descriptions.Item label={t('common.dueAt')}>{formatDateTime(alert.dueAt)}</Descriptions.Item>
        <Descriptions.Item label={t('alerts.status')}>{t(statusKey(alert.status))}</Descriptions.Item>
      </Descriptions>
      <Space wrap className="card-actions">
        {alert.status === 'open' && (
          <Button
            loading={acknowledge.isPending}
            onClick={() =>
              acknowledge.mutate(alert.alertId, {
                onSuccess: () => void message.success(t('alerts.ackDone')),
                onError: (e) => void message.error(e.message),
              })
            }
          >
            {t('alerts.acknowledge')}
          </Button>
        )}
        <Button type="primary" onClick={onClose}>
          {t('alerts.close')}
        </Button>
      </Space>
    </Card>
  );
};

export default AlertsScreen;
