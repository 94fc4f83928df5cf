import type { escrowOrgZh } from "./escrow-org";

export const escrowOrgEn = {
  "org.nav.escrow": "Funds supervision",
  "org.nav.lessons": "Lessons",

  "escrowOrg.title": "Funds supervision",
  "escrowOrg.lead":
    "Tuition that parents pay is held in escrow; a lesson's fee is released to the institution only once the parent confirms it (or it is confirmed automatically when the deadline passes), and paid out on working days.",
  "escrowOrg.notice.enabled":
    "Funds supervision is on. The institution can now sell through the platform, and tuition will be held in escrow.",
  "escrowOrg.notice.onboardingReturn":
    "Back from the payment provider. Once your details are approved this page shows the account as active; that usually takes a few minutes.",
  "escrowOrg.notice.onboardingRefresh": "The onboarding link expired. Click “Continue onboarding” to open a new one.",
  "escrowOrg.notice.refundAccepted":
    "Refund accepted. The money goes back to the parent by the original payment method; the result appears under “Past refunds”.",
  "escrowOrg.notice.refundContested": "Your reasons were sent: the regulator will decide this refund.",

  "escrowOrg.figures.heading": "Funds at a glance",
  "escrowOrg.figures.supervised": "Held in escrow",
  "escrowOrg.figures.supervisedHint":
    "Tuition paid by parents and not yet released to the institution, reserve included.",
  "escrowOrg.figures.awaiting": "Awaiting parents",
  "escrowOrg.figures.awaitingHint":
    "Fees of recorded lessons waiting for the parent's confirmation or disputed (part of the escrow).",
  "escrowOrg.figures.payable": "Released, to be paid",
  "escrowOrg.figures.payableHint": "Fees of confirmed lessons, paid to the institution on the next payout day.",
  "escrowOrg.figures.paidOut": "Paid to the institution",
  "escrowOrg.figures.paidOutHint": "Everything transferred to the institution so far.",
  "escrowOrg.figures.reserve": "Risk reserve",
  "escrowOrg.figures.reserveHint": "A share kept from released lessons, paid to the institution when the course ends.",
  "escrowOrg.figures.refunding": "Being refunded",
  "escrowOrg.figures.refundingHint": "Refunds agreed and on their way back to parents.",

  "escrowOrg.account.heading": "Escrow account",
  "escrowOrg.account.state.active": "Active: the institution can sell through the platform.",
  "escrowOrg.account.state.pending": "Onboarding not finished: the institution cannot sell yet.",
  "escrowOrg.account.state.restricted":
    "Restricted: the payment provider needs more details; charges or payouts are unavailable for now.",
  "escrowOrg.account.state.none":
    "Not enabled: an institution without funds supervision may not take fees through the platform (FEE-04).",
  "escrowOrg.account.provider": "Payment provider",
  "escrowOrg.account.provider.simulated": "Simulated payments (demo)",
  "escrowOrg.account.provider.stripe": "Stripe",
  "escrowOrg.account.charges": "Charges",
  "escrowOrg.account.payouts": "Payouts",
  "escrowOrg.account.on": "Enabled",
  "escrowOrg.account.off": "Not enabled",
  "escrowOrg.account.updatedAt": "Updated",
  "escrowOrg.account.activeBody":
    "When parents enroll and pay, the tuition is held in escrow and released lesson by lesson as they confirm.",
  "escrowOrg.account.notApprovedBody": "Funds supervision can be enabled once the registration is approved.",
  "escrowOrg.account.toFiling": "See the registration",
  "escrowOrg.account.enableBody":
    "The platform opens an account for the institution at the payment provider; if the provider needs more details you are taken to its page to finish.",
  "escrowOrg.account.enable": "Enable funds supervision",
  "escrowOrg.account.continue": "Continue onboarding",
  "escrowOrg.account.staffBody": "Only the institution's administrators can enable funds supervision; ask one of them.",
  "escrowOrg.account.notApproved":
    "Funds supervision can be enabled only once the institution's registration is approved.",
  "escrowOrg.account.providerUnavailable":
    "The payment service cannot be reached. Please try again later; trying again never opens a second account.",

  "escrowOrg.refunds.heading": "Refund requests to answer",
  "escrowOrg.refunds.lead":
    "Answer before the deadline: accept and the money is refunded by the original payment method; refuse with your reasons and the regulator decides. No answer by the deadline counts as acceptance.",
  "escrowOrg.refunds.staffLead":
    "Only the institution's administrators can answer refund requests; remind them of the deadline.",
  "escrowOrg.refunds.empty":
    "No refund requests to answer. When a parent asks for a refund it appears here; answer it before the deadline.",
  "escrowOrg.refund.respondBy": "Answer by {date}; no answer counts as acceptance",
  "escrowOrg.refund.awaiting": "Waiting for the institution's answer",
  "escrowOrg.refund.trainee": "Trainee",
  "escrowOrg.refund.course": "Course",
  "escrowOrg.refund.amount": "Refund",
  "escrowOrg.refund.amountValue": "{lessons} lessons, {amount}",
  "escrowOrg.refund.requestedAt": "Requested",
  "escrowOrg.refund.reason": "Parent's reason",
  "escrowOrg.refund.acceptHint":
    "If you accept, {amount} goes back to the parent from escrow and these lessons are not given.",
  "escrowOrg.refund.accept": "Accept the refund",
  "escrowOrg.refund.contestReason": "Why you do not agree",
  "escrowOrg.refund.contestHint": "The regulator reads this; state the facts.",
  "escrowOrg.refund.contest": "Do not agree",

  "escrowOrg.pastRefunds.heading": "Past refunds",
  "escrowOrg.pastRefunds.empty": "No refunds handled yet. Answered requests and the regulator's decisions appear here.",
  "escrowOrg.pastRefunds.response": "The institution's reasons: {text}",
  "escrowOrg.pastRefunds.note": "Decision: {text}",
  "escrowOrg.refundStatus.REQUESTED": "To answer",
  "escrowOrg.refundStatus.CONTESTED": "Awaiting the regulator's decision",
  "escrowOrg.refundStatus.APPROVED": "Accepted, being refunded",
  "escrowOrg.refundStatus.SUCCEEDED": "Refunded",
  "escrowOrg.refundStatus.FAILED": "Refund failed; the money is still held",
  "escrowOrg.refundStatus.REJECTED": "Rejected by the regulator; lessons go on",
  "escrowOrg.decidedBy.INSTITUTION": "Accepted by the institution",
  "escrowOrg.decidedBy.DEEMED": "No answer in time, deemed accepted",
  "escrowOrg.decidedBy.REGULATOR": "Decided by the regulator",
  "escrowOrg.decidedBy.SYSTEM": "Handled by the platform",
  "escrowOrg.origin.PARENT": "Asked by the parent",
  "escrowOrg.origin.CLOSURE": "Refund on closure",
  "escrowOrg.origin.DISPUTE": "Decided on a disputed lesson",

  "escrowOrg.payouts.heading": "Payouts",
  "escrowOrg.payouts.empty":
    "No payouts yet. Once lessons are recorded and confirmed by parents, the released fees are paid out on working days.",
  "escrowOrg.payouts.date": "Payout day",
  "escrowOrg.payouts.amount": "Amount",
  "escrowOrg.payouts.status": "Status",
  "escrowOrg.payoutStatus.PENDING": "Being transferred",
  "escrowOrg.payoutStatus.PAID": "Paid",
  "escrowOrg.payoutStatus.FAILED": "Transfer failed; it will be retried",
  "escrowOrg.payoutStatus.REVERSED": "Returned to escrow",

  "escrowOrg.warnings.heading": "Fund warnings",
  "escrowOrg.warnings.empty":
    "No fund warnings. Recording lessons on time and answering refunds promptly keeps the funds in good order.",
  "escrowOrg.warnings.YELLOW": "Yellow warning",
  "escrowOrg.warnings.RED": "Red warning",
  "escrowOrg.warnings.BALANCE": "Escrow balance too low",
  "escrowOrg.warnings.OUTFLOW": "Money leaving too fast",
  "escrowOrg.warnings.balanceMeasured": "Held {held} against {owed} of lessons not yet given: {percent}% covered.",
  "escrowOrg.warnings.outflowMeasured": "Paid to the institution in the period: {amount}.",
  "escrowOrg.warnings.raisedAt": "Raised: {time}",
  "escrowOrg.warnings.balanceAdvice":
    "The regulator follows this warning. Record lessons as they are given and avoid selling far ahead.",
  "escrowOrg.warnings.outflowAdvice":
    "The regulator follows this warning. If there is a particular reason, explain it to your supervising authority.",

  "escrowOrg.lessons.title": "Lessons",
  "escrowOrg.lessons.lead":
    "After each lesson, record the trainees who attended. Parents are asked to confirm; the lesson's fee is released to the institution once they do (or automatically after the deadline).",
  "escrowOrg.lessons.recorded":
    "Recorded the lesson of {date} for {count} trainees; waiting for the parents to confirm.",
  "escrowOrg.lessons.noCourses.title": "No courses to record yet",
  "escrowOrg.lessons.noCourses.body":
    "Courses come from the approved registration. Once it is approved and parents enroll and pay, you record lessons here.",
  "escrowOrg.lessons.noCourses.link": "See the registration filing",
  "escrowOrg.lessons.form.heading": "Record a lesson",
  "escrowOrg.lessons.form.course": "Course",
  "escrowOrg.lessons.form.courseOption": "{name} ({count} trainees to record)",
  "escrowOrg.lessons.form.date": "Lesson date",
  "escrowOrg.lessons.form.dateHint": "Today or the {days} days before.",
  "escrowOrg.lessons.form.start": "Start time",
  "escrowOrg.lessons.form.end": "End time",
  "escrowOrg.lessons.form.scheduled": "Scheduled: {times}",
  "escrowOrg.lessons.form.unscheduled": "This day is not on the course's schedule; enter the actual times.",
  "escrowOrg.lessons.form.trainees": "Trainees who attended",
  "escrowOrg.lessons.form.noTrainees":
    "“{course}” has no enrolled trainees with lessons left. Trainees appear here once parents enroll and pay through the platform.",
  "escrowOrg.lessons.form.left": "{left} of {total} lessons left",
  "escrowOrg.lessons.form.refundUnderWay": "Refund under way; cannot be recorded for now",
  "escrowOrg.lessons.form.submit": "Record this lesson",
  "escrowOrg.lessons.recent.heading": "Recently recorded lessons",
  "escrowOrg.lessons.recent.empty": "No lessons recorded yet. After a lesson, record who attended with the form above.",
  "escrowOrg.lessons.recent.lesson": "{course} · {date} {weekday} {start}–{end}",
  "escrowOrg.attendance.PENDING": "Awaiting the parent (until {date})",
  "escrowOrg.attendance.CONFIRMED": "Confirmed",
  "escrowOrg.attendance.AUTO_CONFIRMED": "Confirmed automatically",
  "escrowOrg.attendance.DISPUTED": "Disputed; with the regulator",
  "escrowOrg.attendance.RELEASED_BY_DECISION": "Decided: released to the institution",
  "escrowOrg.attendance.REFUNDED_BY_DECISION": "Decided: refunded to the parent",
  "escrowOrg.attendance.disputeReason": "Parent's objection: {reason}",
  "escrowOrg.lessons.trainees.heading": "Enrolled trainees",
  "escrowOrg.lessons.trainees.empty":
    "No enrolled trainees yet. When parents enroll and pay through the platform, trainees and their lessons left appear here.",
  "escrowOrg.lessons.trainees.name": "Trainee",
  "escrowOrg.lessons.trainees.bought": "Bought",
  "escrowOrg.lessons.trainees.recorded": "Recorded",
  "escrowOrg.lessons.trainees.left": "Left",
  "escrowOrg.lessons.trainees.refund": "Refund",
  "escrowOrg.lessons.trainees.refundOpen": "Under way",
  "escrowOrg.lessons.trainees.refundNone": "—",
} as const satisfies Record<keyof typeof escrowOrgZh, string>;
