import { authZh } from "./messages/auth";
import { filingNamesZh } from "./messages/filing";
import { registrationStatusZh } from "./messages/gov";
import { publicZh } from "./messages/public";
import { ruleNamesZh } from "./messages/settings";

/**
 * The messages a public page shows (home, search, profile, sign-in and sign-up, error pages):
 * the browser downloads only these there (load-catalog.ts). A public route or a component it
 * imports may use only these keys (tests/unit/lib/i18n-parts.test.ts checks).
 */
export const zhCNPublic = {
  ...authZh,
  ...publicZh,
  ...filingNamesZh,
  ...registrationStatusZh,
  ...ruleNamesZh,
  "app.name": "体培",
  "app.fullName": "体培 · 校外体育培训监管服务平台",
  "app.tagline": "让每一家体育培训机构都经得起查验，让每一笔学费都有监管。",
  "nav.skipToContent": "跳到主要内容",
  "nav.home": "首页",
  "nav.verify": "查验机构",
  "home.verify.heading": "报名前，先查验",
  "home.verify.body": "输入机构名称或备案编号，或扫描机构的一码通，查看备案状态、课程价格和教练资质。",
  "locale.switchLabel": "语言",
  "locale.switchTo": "English",
  "home.title": "校外体育培训机构的备案、资金监管与风险监测",
  "home.lead":
    "体培是体育主管部门监管校外体育培训机构的平台：机构在此备案并按课销课，家长在此查验机构、缴费并确认每一节课，监管部门在此审核备案、监测合规与资金、按风险开展检查。",
  "home.audience.heading": "三类用户，一个平台",
  "home.audience.institutions.title": "培训机构",
  "home.audience.institutions.body":
    "提交主体、场地、教练、课程与安全材料的备案，及时变更与年报；只通过平台售课，并记录每一节课。",
  "home.audience.parents.title": "家长",
  "home.audience.parents.body":
    "搜索或扫描机构的一码通查验资质；学费进入监管账户，确认一节课才划拨一节课；可申请退费、提出投诉。",
  "home.audience.regulators.title": "监管部门",
  "home.audience.regulators.body":
    "省、市、区三级体育部门审核备案，对照设置标准监测合规和监管资金，按风险与“双随机”开展检查。",
  "home.principles.heading": "我们坚持的规则",
  "home.principles.escrow": "预收费全额进入监管账户，一课一消，未消课部分可退。",
  "home.principles.standards": "场地、师资、课时、收费等要求按国家与地方标准逐条核查，每项结论都可追溯依据。",
  "home.principles.tenancy": "各级监管部门只能看到本辖区的数据。",
  "home.status.heading": "平台状态",
  "home.status.body": "系统运行状态可在 {path} 查看。",
  "footer.note": "体培为监管服务平台；所示机构信息以监管部门审核结果为准。",
  "error.notFound.title": "页面不存在",
  "error.notFound.body": "您访问的页面不存在或已被移除。",
  "error.server.title": "服务暂时不可用",
  "error.server.body": "系统出现问题，请稍后重试。如问题持续，请联系平台运维。",
  "error.backHome": "返回首页",
  "error.requestId": "请求编号：{id}",
} as const;

export type PublicMessageKey = keyof typeof zhCNPublic;
