/** Progress of long work: re-evaluation after new settings, closure refunds, files built on request. */
export const progressZh = {
  "progress.percent": "{percent}%",
  "progress.state.running": "正在处理",
  "progress.stale":
    "自 {time} 以来没有新的进展，处理可能已中断。刷新页面可查看最新状态；如仍无进展，请联系平台运维人员。",
  "progress.retrying": "上次处理中断，系统正在自动重试（第 {attempt} 次），已完成的部分不会重复计算。",

  "progress.reevaluation.heading": "按新参数重新评估",
  "progress.reevaluation.queued": "已排队：本辖区的全部在册机构将按今日生效的参数重新评估，即将开始。",
  "progress.reevaluation.link": "查看重新评估进度",
  "progress.reevaluation.counting": "正在按新参数重新评估：正在统计需要评估的机构……",
  "progress.reevaluation.running": "正在按新参数重新评估：已完成 {done} / {total} 家机构",
  "progress.reevaluation.done": "重新评估已完成（{time}）：{total} 家在册机构已按新参数评估。",
  "progress.reevaluation.failed":
    "重新评估未能完成（{time}）：已完成 {done} / {total} 家机构。每晚的例行评估会重新评估全部机构。",
  "progress.reevaluation.note": "本页每隔几秒自动更新，完成后合规等级随之刷新；离开本页不影响评估。",

  "progress.closure.heading": "停业退款",
  "progress.closure.queued": "已排队：机构全部未消费的预付费将退还家长，即将开始处理。",
  "progress.closure.counting": "正在退还未消费的预付费：正在统计仍在履行中的报名……",
  "progress.closure.running": "正在退还未消费的预付费：已处理 {done} / {total} 份报名",
  "progress.closure.done": "停业退款已处理完毕（{time}）：{total} 份报名已结束，未消费的课时费已批准退还家长。",
  "progress.closure.doneNone": "停业退款已处理完毕（{time}）：没有仍在履行中的报名需要退款。",
  "progress.closure.failed":
    "停业退款未能处理完（{time}）：已处理 {done} / {total} 份报名。每日结算时系统会继续处理其余报名。",
  "progress.closure.payments": "退款到账：已退回家长 {paid} / {total} 笔，共 {amount}。",
  "download.pending": "正在生成文件，请稍候…",
  "download.failed": "文件未能生成，请稍后再试。",
  "progress.closure.paymentsFailed": "{failed} 笔未能退回，资金仍在监管账户中，监管部门已收到对账提醒。",
} as const;
