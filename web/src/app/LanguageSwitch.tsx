// `English` / `中文`: each label in its own language, so a person who reads only one finds it.
import { Segmented } from 'antd';
import { useI18n, type Language } from '../i18n/i18n';

export const LanguageSwitch = () => {
  const { language, setLanguage, t } = useI18n();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('app.language')}
      value={language}
      onChange={setLanguage}
      options={[
        { value: 'zh-CN', label: <span lang="zh-CN">中文</span> },
        { value: 'en', label: <span lang="en">English</span> },
      ]}
    />
  );
};
