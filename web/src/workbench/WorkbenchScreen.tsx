import { Typography } from 'antd';
import { useT } from '../i18n/i18n';
import { useAuth } from '../auth/AuthProvider';

const WorkbenchScreen = () => {
  const t = useT();
  const { me } = useAuth();
  return (
    <Typography.Title level={1} className="page-title">
      {t('wb.greeting', { name: me?.name ?? '' })}
    </Typography.Title>
  );
};
export default WorkbenchScreen;
