// The strings the suite looks for, copied rather than imported from the catalog: a changed
// translation should be noticed here, not followed silently.
export const ZH = {
  appFullName: "体培 · 校外体育培训监管服务平台",
  homeTitle: "校外体育培训机构的备案、资金监管与风险监测",
  switchToOther: "English",
  notFoundTitle: "页面不存在",
  backHome: "返回首页",
} as const;

export const EN = {
  homeTitle: "Registration, fund supervision and risk monitoring for sports training providers",
  switchToOther: "中文",
  notFoundTitle: "Page not found",
} as const;
