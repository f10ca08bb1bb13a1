// A screen not built yet (客户, 业绩): says so, in the menu's own words.
import { Result } from 'antd';
import { useT } from '../i18n/i18n';
import { screens } from './nav';
import { usePath } from './router';

const Placeholder = () => {
  const t = useT();
  const path = usePath();
  const screen = screens.find((s) => s.path === path);
  return (
    <Result
      status="info"
      title={<h1 className="result-title">{t('placeholder.title')}</h1>}
      subTitle={t('placeholder.text', { screen: screen ? t(screen.label) : path })}
    />
  );
};
export default Placeholder;
