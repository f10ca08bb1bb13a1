// This capability's labels, Chinese first; the English catalogue has the same keys (a missing one is
// a compile error). Merged into the app's catalogues in i18n/zh-CN.ts and i18n/en.ts.
export const zh = {
  'nav.products': '产品库',
  'nav.articles': '资讯库',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'nav.products': 'Products',
  'nav.articles': 'Articles',
};
