// One message catalogue per language, zh-CN first; `useT()` gives screens `t(key, vars)` and the
// antd locale that goes with it. The choice lives in sessionStorage (nothing in localStorage).
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { zhCN, type MessageKey } from './zh-CN';
import { en } from './en';

export type Language = 'zh-CN' | 'en';
export type { MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const catalogues: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'ocrm.language';

export const format = (template: string, vars: Record<string, string | number> = {}): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

export const translator =
  (language: Language): Translate =>
  (key, vars) =>
    format(catalogues[language][key], vars);

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
}

const I18nContext = createContext<I18n>({ language: 'zh-CN', setLanguage: () => {}, t: translator('zh-CN') });

const initialLanguage = (): Language => (sessionStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN');

export const I18nProvider = ({ children }: { children: ReactNode }) => {
  const [language, setState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    sessionStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setState(next);
  }, []);
  const value = useMemo(() => ({ language, setLanguage, t: translator(language) }), [language, setLanguage]);
  return <I18nContext value={value}>{children}</I18nContext>;
};

export const useI18n = (): I18n => useContext(I18nContext);
export const useT = (): Translate => useContext(I18nContext).t;
