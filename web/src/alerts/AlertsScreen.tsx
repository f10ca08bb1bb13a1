import { Typography } from 'antd';
import { useT } from '../i18n/i18n';

const AlertsScreen = () => {
  const t = useT();
  return (
    <Typography.Title level={1} className="page-title">
      {t('alerts.title')}
    </Typography.Title>
  );
};
export default AlertsScreen;
