/**
 * The standard contract of an enrollment (FEE-06), generated from the course and the purchase,
 * following the structure of the national model contract for off-campus training services
 * (GF-2021-2604). The text is the legal record: it is stored as signed, with its version and a
 * SHA-256 digest, and never regenerated for an existing enrollment. It is Chinese in both
 * interface languages, as the model contract is.
 */
export const CONTRACT_VERSION = "GF2021-2604.t1";

export type ContractTerms = {
  institutionName: string;
  registrationNo: string;
  authorityName: string;
  parentName: string;
  parentEmail: string;
  traineeName: string;
  traineeBirthYear: number;
  courseName: string;
  sport: string;
  lessons: number;
  lessonMinutes: number;
  pricePerLessonFen: number;
  periodStart: string;
  periodEnd: string;
  autoConfirmWorkingDays: number;
  refundDeemedAgreedWorkingDays: number;
  reservePercent: number;
};

const yuan = (fen: number) => (fen / 100).toFixed(2);

export function contractText(t: ContractTerms): string {
  const total = t.lessons * t.pricePerLessonFen;
  const reserve =
    t.reservePercent > 0
      ? `每节课确认后，课时费的 ${t.reservePercent}% 作为风险保证金继续留存在监管账户中，直至本课程结束后再结算给乙方。`
      : "";
  return [
    `校外体育培训服务合同（示范文本 GF-2021-2604 · 体培版本 ${CONTRACT_VERSION}）`,
    "",
    `甲方（学员监护人）：${t.parentName}（平台账户 ${t.parentEmail}）`,
    `乙方（培训机构）：${t.institutionName}（登记编号 ${t.registrationNo}，主管部门 ${t.authorityName}）`,
    `学员：${t.traineeName}（${t.traineeBirthYear} 年出生）`,
    "",
    "第一条 培训内容",
    `课程：${t.courseName}（项目：${t.sport}）；共 ${t.lessons} 节课，每节 ${t.lessonMinutes} 分钟；`,
    `上课期间：${t.periodStart} 至 ${t.periodEnd}（按课程排课计算）。`,
    "",
    "第二条 培训费用及支付",
    `每节课 ${yuan(t.pricePerLessonFen)} 元，合计 ${yuan(total)} 元，一次性通过体培平台支付，不得通过其他渠道收费。`,
    "乙方不得以培训贷等任何融资方式收取培训费用。",
    "",
    "第三条 资金监管（一课一消）",
    "全部培训费用存入平台监管账户。乙方每上完一节课，由甲方在平台确认后，监管账户才向乙方结算该节课的费用；",
    `甲方对已记录的课程在 ${t.autoConfirmWorkingDays} 个工作日内既未确认也未提出异议的，视为确认。${reserve}`,
    "甲方对课程记录有异议的，该节课费用继续留存在监管账户，由主管部门处理。",
    "",
    "第四条 退费",
    "甲方可随时申请退还尚未上课部分的费用，按未上课节数乘以每节课单价计算。",
    `乙方应在 ${t.refundDeemedAgreedWorkingDays} 个工作日内答复；逾期未答复的，视为同意。退费原路退回甲方的支付账户。`,
    "乙方停业、被暂停或撤销登记的，监管账户中尚未消费的费用全部退还甲方。",
    "",
    "第五条 安全与服务",
    "乙方应按备案的场地、教练和课程标准开展培训，遵守《课外体育培训行为规范》，保障学员人身安全。",
    "",
    "第六条 争议解决",
    "双方协商解决；协商不成的，可向主管部门投诉，或依法向人民法院起诉。",
    "",
    "甲方在体培平台以本人账户阅读并同意本合同，签署时间以平台记录为准。",
  ].join("\n");
}

/** The hex SHA-256 of the contract text (Web Crypto: the same in the browser and on the server). */
export async function contractDigest(text: string): Promise<string> {
  const bytes = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
