/** Email texts, written in the recipient's language. */
export const emailZh = {
  "email.reset.subject": "体培：重设密码",
  "email.reset.body":
    "{name}，您好：\n\n我们收到了重设您体培账号密码的请求。请在 30 分钟内打开以下链接设置新密码（链接只能使用一次）：\n\n{link}\n\n如果这不是您本人的操作，请忽略本邮件，您的密码不会改变。\n\n体培 · 校外体育培训监管服务平台",
  "email.invite.subject": "体培：{authority}邀请您加入",
  "email.invite.body":
    "您好：\n\n{inviter} 邀请您以“{role}”身份加入{authority}的体培监管工作台。请在 7 天内打开以下链接接受邀请（链接只能使用一次）：\n\n{link}\n\n如果您不认识邀请人，请忽略本邮件。\n\n体培 · 校外体育培训监管服务平台",
  "mail.title": "邮件查看器（开发用）",
  "mail.lead": "此环境不发送真实邮件：平台写出的每封邮件都在这里。正式部署须配置 SMTP 并关闭此页面。",
  "mail.empty": "还没有邮件。试试“忘记密码”或邀请一位同事。",
  "mail.delivered": "已投递到查看器",
  "mail.waiting": "等待投递",
  "mail.back": "返回邮件列表",
} as const;
