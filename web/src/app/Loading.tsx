// The spinner shown while a screen, the config or the caller is on its way.
import { Spin } from 'antd';
import { useI18n } from '../i18n/i18n';

export const Loading = () => {
  const { t } = useI18n();
  return (
    <div className="loading" role="status">
      <Spin description={t('app.loading')} />
    </div>
  );
};
