/**
 * The evidence of compliance findings (app/modules/compliance/evaluators): one sentence per
 * outcome of each rule, with the values compared and the limit. Values named `sport`,
 * `certificate` and `weekday` hold codes that evidenceText() translates first.
 */
export const complianceEvidenceZh = {
  "compliance.evidence.ruleOff": "本辖区在核查日未启用此规则。",
  "compliance.evidence.noCourses": "没有备案课程。",
  "compliance.evidence.noVenues": "没有备案场地。",
  "compliance.evidence.noCoaches": "没有备案教练。",
  "compliance.evidence.noOfflineCourses": "没有线下课程。",
  "compliance.evidence.noOnlineCourses": "没有线上课程。",
  "compliance.evidence.venueUnused": "{venue}：课表中没有在此上课的线下课程。",

  "compliance.evidence.FEE-01.pass":
    "{course}：共 {lessons} 节，每周 {perWeek} 节，首末课相隔 {days} 天（约 {months} 个月），不超过 {maximum} 个月，整门课程可一次收费。",
  "compliance.evidence.FEE-01.inParts":
    "{course}：共 {lessons} 节，每周 {perWeek} 节，首末课相隔 {days} 天（约 {months} 个月），超过单次收费上限 {maximum} 个月：须分期收费，缴费时由平台按上限控制。",
  "compliance.evidence.FEE-02.pass":
    "{course}：共 {lessons} 节，按节计 {classHours} 课时，不超过单次收费上限 {maximum} 课时。",
  "compliance.evidence.FEE-02.pass45":
    "{course}：{lessons} 节 × {lessonMinutes} 分钟 ÷ 45 分钟 = {classHours} 课时，不超过单次收费上限 {maximum} 课时。",
  "compliance.evidence.FEE-02.inParts":
    "{course}：共 {lessons} 节，按节计 {classHours} 课时，超过单次收费上限 {maximum} 课时：须分期收费，缴费时由平台按上限控制。",
  "compliance.evidence.FEE-02.inParts45":
    "{course}：{lessons} 节 × {lessonMinutes} 分钟 ÷ 45 分钟 = {classHours} 课时，超过单次收费上限 {maximum} 课时：须分期收费，缴费时由平台按上限控制。",
  "compliance.evidence.FEE-03.pass":
    "{course}：每节 ¥{pricePerLesson} × {lessons} 节 = ¥{amount}，不超过单次收费上限 ¥{maximum}。",
  "compliance.evidence.FEE-03.inParts":
    "{course}：每节 ¥{pricePerLesson} × {lessons} 节 = ¥{amount}，超过单次收费上限 ¥{maximum}：须分期收费，缴费时由平台按上限控制。",
  "compliance.evidence.FEE-04.pass": "已开通资金监管，预收费全额进入监管账户。",
  "compliance.evidence.FEE-04.fail": "尚未开通资金监管：开通之前不得售课。",
  "compliance.evidence.FEE-04.beforeFirstSale": "尚未开通资金监管：备案通过后须先开通，才能售课。",
  "compliance.evidence.FEE-05.byConstruction":
    "由平台设计保证：平台是机构唯一的收费渠道，收银台不提供培训贷、分期信贷或其他第三方金融支付方式。",
  "compliance.evidence.FEE-06.byConstruction":
    "由平台设计保证：每笔报名都按平台依示范文本生成的合同签订，并保存签署版本。",
  "compliance.evidence.FEE-07.byEscrow":
    "由资金监管执行：未消课余额的 {share}% 留存在监管账户中，课程结束后才划拨，备案时无需核查。",
  "compliance.evidence.FEE-08.onePayment": "{course}：整门课程可一次收费，不涉及续费。",
  "compliance.evidence.FEE-08.renewals":
    "{course}：须分期收费；续费不得早于本期结束前 {monthsLeft} 个月或剩余 {lessonsLeft} 节课，缴费时由平台控制。",

  "compliance.evidence.SCH.endsBy": "{course}（{weekday} {start}–{end}）：{end} 结束，不晚于 {limit}。",
  "compliance.evidence.SCH.endsAfter": "{course}（{weekday} {start}–{end}）：{end} 结束，晚于 {limit}。",
  "compliance.evidence.SCH-03.pass":
    "{course}（{ageMin}–{ageMax} 岁，{weekday} {start}–{end}）：不占用中小学上课时间（上课日 {from}–{to}）。",
  "compliance.evidence.SCH-03.fail":
    "{course}（{ageMin}–{ageMax} 岁，{weekday} {start}–{end}）：与中小学上课时间 {from}–{to} 重叠。",
  "compliance.evidence.SCH-03.noSchoolAge": "没有招收学龄（6–18 岁）学员的课程。",
  "compliance.evidence.SCH-04.pass":
    "{course}：线上每节 {lessonMinutes} 分钟，不超过 {maximum} 分钟；课间休息（至少 {minBreak} 分钟）无法从课表核实。",
  "compliance.evidence.SCH-04.fail": "{course}：线上每节 {lessonMinutes} 分钟，超过 {maximum} 分钟。",
  "compliance.evidence.SCH-04.longSlot":
    "{course}（{weekday} {start}–{end}）：连续 {slotMinutes} 分钟，超过单节上限 {maximum} 分钟，其间是否有至少 {minBreak} 分钟的课间休息无法从课表核实。",

  "compliance.evidence.VEN-01.pass":
    "{venue}：训练面积 {area} 平方米 ÷ 同时在场最多 {trainees} 人（{weekday} {at}）= 人均 {perTrainee} 平方米，不低于 {minimum} 平方米。",
  "compliance.evidence.VEN-01.fail":
    "{venue}：训练面积 {area} 平方米 ÷ 同时在场最多 {trainees} 人（{weekday} {at}）= 人均 {perTrainee} 平方米，低于 {minimum} 平方米。",
  "compliance.evidence.VEN-01.passMixed":
    "{venue}：训练面积 {area} 平方米 ÷ 同时在场最多 {trainees} 人（{weekday} {at}；棋牌 {chessTrainees} 人按每人 {chessMinimum} 平方米、其他 {otherTrainees} 人按每人 {otherMinimum} 平方米计）= 人均 {perTrainee} 平方米，不低于加权下限 {minimum} 平方米。",
  "compliance.evidence.VEN-01.failMixed":
    "{venue}：训练面积 {area} 平方米 ÷ 同时在场最多 {trainees} 人（{weekday} {at}；棋牌 {chessTrainees} 人按每人 {chessMinimum} 平方米、其他 {otherTrainees} 人按每人 {otherMinimum} 平方米计）= 人均 {perTrainee} 平方米，低于加权下限 {minimum} 平方米。",
  "compliance.evidence.VEN-02.pass":
    "{venue}：招收 {youngest} 岁起的学员，位于第 {floor} 层，在 {lowest}–{highest} 层之间且不在地下。",
  "compliance.evidence.VEN-02.floor":
    "{venue}：招收 {youngest} 岁起的学员，却位于第 {floor} 层，不在 {lowest}–{highest} 层之间。",
  "compliance.evidence.VEN-02.underground": "{venue}：招收 {youngest} 岁起的学员，却位于地下。",
  "compliance.evidence.VEN-02.noChildren": "{venue}：没有招收 12 岁及以下学员的课程在此上课。",
  "compliance.evidence.VEN-03.pass": "{venue}：不是住宅。",
  "compliance.evidence.VEN-03.fail": "{venue}：位于住宅内。",
  "compliance.evidence.VEN-04.own": "{venue}：已上传本场地的消防验收或备案文件。",
  "compliance.evidence.VEN-04.institutionDocument": "{venue}：机构唯一的场地，机构已上传消防验收文件。",
  "compliance.evidence.VEN-04.unlinked":
    "{venue}：本场地没有自己的消防文件；机构上传的消防验收文件未指明对应 {venues} 处场地中的哪一处，请人工核实。",
  "compliance.evidence.VEN-04.missing": "{venue}：没有消防验收或备案文件。",
  "compliance.evidence.VEN-05.pass": "{venue}：配有 AED。",
  "compliance.evidence.VEN-05.fail": "{venue}：未配 AED。",
  "compliance.evidence.VEN-06.pass": "{venue}：面积 {area} 平方米，不小于 {minimum} 平方米。",
  "compliance.evidence.VEN-06.fail": "{venue}：面积 {area} 平方米，小于 {minimum} 平方米。",

  "compliance.evidence.STF-01.pass": "{course}：班额 {classSize} 人，不超过 {maximum} 人。",
  "compliance.evidence.STF-01.fail": "{course}：班额 {classSize} 人，超过 {maximum} 人。",
  "compliance.evidence.STF-02.small":
    "{course}：班额 {classSize} 人，未超过 {threshold} 人，每班 {coaches} 名教练即可。",
  "compliance.evidence.STF-02.pass":
    "{course}：班额 {classSize} 人，超过 {threshold} 人，每班配 {coaches} 名教练（至少需 {needed} 名）。",
  "compliance.evidence.STF-02.fail":
    "{course}：班额 {classSize} 人，超过 {threshold} 人，每班只配 {coaches} 名教练，至少需 {needed} 名。",
  "compliance.evidence.STF-03.pass": "{coach}：持有有效的{certificate}（编号 {number}，有效期至 {expiresOn}）。",
  "compliance.evidence.STF-03.passPermanent": "{coach}：持有{certificate}（编号 {number}，长期有效）。",
  "compliance.evidence.STF-03.expired":
    "{coach}：所持 {held} 本教练资格证书均已过期（最晚一本于 {lastExpiry} 到期，核查日 {asOf}）。",
  "compliance.evidence.STF-03.none": "{coach}：没有认可的教练资格证书（救生员证不是教练资格证书）。",
  "compliance.evidence.STF-04.pass": "{coach}：姓名、照片和证书编号齐全，可以公示。",
  "compliance.evidence.STF-04.noPhoto": "{coach}：缺少照片，无法按规定公示。",
  "compliance.evidence.STF-04.noCertificate": "{coach}：没有可公示的证书编号。",
  "compliance.evidence.STF-04.noPhotoNoCertificate": "{coach}：缺少照片和证书编号，无法按规定公示。",
  "compliance.evidence.STF-05.pass": "专职教练 {fullTime} 人 ÷ 教练 {coaches} 人 = {share}%，不低于 {minimum}%。",
  "compliance.evidence.STF-05.fail": "专职教练 {fullTime} 人 ÷ 教练 {coaches} 人 = {share}%，低于 {minimum}%。",
  "compliance.evidence.STF-06.officersPass": "安全员 {officers} 名，不少于 {minimum} 名。",
  "compliance.evidence.STF-06.officersFail": "安全员 {officers} 名，少于 {minimum} 名。",
  "compliance.evidence.STF-06.firstAidPass": "持有效急救证书的人员 {firstAid} 名，不少于 {minimum} 名。",
  "compliance.evidence.STF-06.firstAidFail":
    "持有效急救证书的人员 {firstAid} 名（登记 {listed} 名，其中 {expired} 名证书已过期），少于 {minimum} 名。",
  "compliance.evidence.STF-07.notCollected":
    "平台尚未收集教练内部培训记录（要求每季度至少一次、每年至少 {hours} 小时），暂无法核查。",
  "compliance.evidence.STF-08.pass": "{coach}：不是在职中小学教师。",
  "compliance.evidence.STF-08.fail": "{coach}：是在职中小学教师。",

  "compliance.evidence.HRS-01.noHighRisk": "没有开设高危险性体育项目。",
  "compliance.evidence.HRS-01.pass": "{sport}：经营许可证 {number} 有效期至 {expiresOn}。",
  "compliance.evidence.HRS-01.expired": "{sport}：经营许可证 {number} 已于 {expiresOn} 到期（核查日 {asOf}）。",
  "compliance.evidence.HRS-01.missing": "{sport}：没有高危险性体育项目经营许可证。",
  "compliance.evidence.HRS.noSwimming": "没有在场地上课的游泳或跳水课程。",
  "compliance.evidence.HRS.noPool": "游泳或跳水课程的上课场地均未登记为游泳池。",
  "compliance.evidence.HRS.noLogsYet": "{venue}：还没有泳池安全日志，暂无法核查。",
  "compliance.evidence.HRS.noLoggedDays":
    "{venue}：核查期内没有记录救生员在岗人数的日志（水面 {water} 平方米需 {required} 名）。",
  "compliance.evidence.HRS-02.pass":
    "{venue}：水面 {water} 平方米需救生员 {required} 名；已记录的 {daysLogged} 天中在岗最少 {fewest} 名。",
  "compliance.evidence.HRS-02.fail":
    "{venue}：水面 {water} 平方米需救生员 {required} 名；{date} 在岗仅 {fewest} 名，已记录的 {daysLogged} 天中有 {daysShort} 天不足。",
  "compliance.evidence.HRS-03.pass":
    "{venue}：水面 {water} 平方米 ÷ 同时在水中最多 {swimmers} 人（{weekday} {at}）= 人均 {perSwimmer} 平方米，不低于 {minimum} 平方米。",
  "compliance.evidence.HRS-03.fail":
    "{venue}：水面 {water} 平方米 ÷ 同时在水中最多 {swimmers} 人（{weekday} {at}）= 人均 {perSwimmer} 平方米，低于 {minimum} 平方米。",
  "compliance.evidence.HRS-03.notAPool": "{venue}：有游泳或跳水课程在此上课，但场地未登记为游泳池，无法核查水面面积。",
  "compliance.evidence.HRS-04.pass": "{venue}：有课的 {lessonDays} 天都有水质记录，{readings} 次检测均在限值内。",
  "compliance.evidence.HRS-04.noDays": "{venue}：核查期内没有开放日。",
  "compliance.evidence.HRS-04.missing":
    "{venue}：有课的 {lessonDays} 天中有 {missing} 天没有水质检测记录（最早 {date}）。",
  "compliance.evidence.HRS-04.chlorine":
    "{venue}：{date} 游离性余氯 {value} 毫克/升，超出 {min}–{max} 毫克/升（共 {count} 次超标）。",
  "compliance.evidence.HRS-04.ph": "{venue}：{date} pH 值 {value}，超出 {min}–{max}（共 {count} 次超标）。",
  "compliance.evidence.HRS-04.urea": "{venue}：{date} 尿素 {value} 毫克/升，超过 {max} 毫克/升（共 {count} 次超标）。",
  "compliance.evidence.HRS-05.pass":
    "持有效游泳社会体育指导员资格的教练 {qualified} 名，不少于游泳课同时所需的 {needed} 名教练。",
  "compliance.evidence.HRS-05.fail":
    "持有效游泳社会体育指导员资格的教练只有 {qualified} 名，游泳课同时需要 {needed} 名教练。",
  "compliance.evidence.HRS-05.noSwimming": "没有游泳课程。",
  "compliance.evidence.HRS-06.pass": "{venue}：最深 {depth} 米，不超过 {maximum} 米（学员 {youngest} 岁起）。",
  "compliance.evidence.HRS-06.fail": "{venue}：最深 {depth} 米，超过 {maximum} 米（学员 {youngest} 岁起）。",
  "compliance.evidence.HRS-06.passPreschool":
    "{venue}：最深 {depth} 米，不超过儿童池限值 {maximum} 米（有学龄前学员，{youngest} 岁起）。",
  "compliance.evidence.HRS-06.failPreschool":
    "{venue}：最深 {depth} 米，超过儿童池限值 {maximum} 米（有学龄前学员，{youngest} 岁起）。",
  "compliance.evidence.HRS-06.unknown": "{venue}：未登记水深，无法核查。",
  "compliance.evidence.HRS-06.noChildren": "{venue}：没有招收 12 岁及以下学员的游泳或跳水课程在此上课。",

  "compliance.evidence.REG-01.creditCode.pass": "统一社会信用代码 {code} 有效。",
  "compliance.evidence.REG-01.creditCode.length": "统一社会信用代码 {code} 不是 18 位。",
  "compliance.evidence.REG-01.creditCode.characters": "统一社会信用代码 {code} 含有不允许的字符。",
  "compliance.evidence.REG-01.creditCode.division": "统一社会信用代码 {code} 的第 3–8 位不是行政区划代码。",
  "compliance.evidence.REG-01.creditCode.checkCharacter": "统一社会信用代码 {code} 的校验码不正确。",
  "compliance.evidence.REG-01.licence.pass": "已上传营业执照。",
  "compliance.evidence.REG-01.licence.missing": "没有营业执照。",
  "compliance.evidence.REG-02.inside": "{venue}（{address}）：位于{place}。",
  "compliance.evidence.REG-02.outside": "{venue}（{address}）：地址写明{named}，不在{place}辖区内。",
  "compliance.evidence.REG-02.unclear": "{venue}（{address}）：无法从地址判断是否位于{place}，请人工核实。",
  "compliance.evidence.REG-03.pass": "保险在保，有效期至 {expiresOn}。",
  "compliance.evidence.REG-03.missing": "没有意外险或公众责任险保单。",
  "compliance.evidence.REG-03.noExpiry": "已上传保单，但未填写到期日，无法确认是否在保。",
  "compliance.evidence.REG-03.expired": "保单已于 {expiresOn} 到期（核查日 {asOf}）。",
  "compliance.evidence.REG-04.pass": "年度报告应于 {dueOn} 前提交，尚未逾期。",
  "compliance.evidence.REG-04.overdue": "年度报告应于 {dueOn} 前提交，已逾期 {daysOverdue} 天。",
  "compliance.evidence.REG-04.notRegistered": "尚未备案，没有年度报告期限。",
} as const;
