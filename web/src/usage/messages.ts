// This capability's labels, Chinese first; the English catalogue has the same keys (a missing one is
// a compile error). Merged into the app's catalogues in i18n/zh-CN.ts and i18n/en.ts.
export const zh = {
  'usage.title': '我的系统使用',
  'usage.logins': '本月登录',
  'usage.days': '使用天数',
  'usage.standard': '标准 {standard} 次/月',
  'usage.met': '已达到本月登录标准',
  'usage.short': '还差 {n} 次达到本月标准',
  'usage.unitTitle': '本机构登录未达标人员',
  'usage.unitNote': '{month} 登录少于 {standard} 次：{below} / {staff} 人',
  'usage.unitNone': '本机构人员本月均已达标',
  'usage.person': '{name}（{staffId}）',
  'usage.personLogins': '{logins} 次 · {days} 天',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'usage.title': 'My use of the workbench',
  'usage.logins': 'Logins this month',
  'usage.days': 'Days of use',
  'usage.standard': 'Standard: {standard} a month',
  'usage.met': 'This month’s standard is met',
  'usage.short': '{n} more to meet this month’s standard',
  'usage.unitTitle': 'Below the login standard in my unit',
  'usage.unitNote': '{month}, fewer than {standard} logins: {below} of {staff}',
  'usage.unitNone': 'Everyone in the unit meets this month’s standard',
  'usage.person': '{name} ({staffId})',
  'usage.personLogins': '{logins} logins · {days} days',
};
