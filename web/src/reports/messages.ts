// This capability's labels, Chinese first; the English catalogue has the same keys (a missing one is
// a compile error). Merged into the app's catalogues in i18n/zh-CN.ts and i18n/en.ts.
export const zh = {
  'nav.reports': '报表',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'nav.reports': 'Reports',
};
