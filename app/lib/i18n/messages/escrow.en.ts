import type { escrowZh } from "./escrow";

export const escrowEn = {
  "escrow.notFound": "This record was not found.",
  "escrow.cap.FEE-01":
    "One payment may cover at most {months} months of lessons; on the schedule this purchase runs from {from} to {to}. Buy fewer lessons.",
  "escrow.cap.FEE-02": "One payment may cover at most {max} class hours; this purchase is {hours}. Buy fewer lessons.",
  "escrow.cap.FEE-03": "One payment may not exceed ¥{max}; this purchase is ¥{amount}. Buy fewer lessons.",
  "escrow.cap.FEE-08":
    "{lessonsLeft} lessons of this course are left; you can renew when at most {lessonsMax} are left or less than {months} months remain.",
  "escrow.offer.notInGoodStanding": "This institution is suspended, revoked or closed: its courses cannot be bought.",
  "escrow.offer.noFundsSupervision":
    "This institution has not enabled funds supervision, so it may not take fees through the platform (FEE-04).",
  "escrow.checkout.providerUnavailable":
    "The payment service cannot be reached; nothing was charged. Please try again later.",
  "escrow.lesson.alreadyAnswered": "This lesson has already been handled.",
  "escrow.lesson.paymentDisputed":
    "The bank is handling a chargeback for this tuition: lessons cannot be released for now.",
  "escrow.refund.notActive": "Only an active enrollment can be refunded.",
  "escrow.refund.alreadyOpen": "A refund request is already being handled.",
  "escrow.refund.nothingLeft": "There are no lessons left to refund.",
  "escrow.refund.alreadyAnswered": "This refund request has already been handled.",
  "validation.checkout.nameTooLong": "The trainee's name may have at most 50 characters.",
  "validation.checkout.birthYear": "Enter the trainee's year of birth (4 digits).",
  "validation.checkout.lessons": "Enter how many lessons to buy (a whole number).",
  "validation.checkout.acceptContract": "Read the contract and tick the box to accept it before paying.",
  "validation.checkout.contractChanged": "The contract has changed: read it again before you confirm.",
  "validation.escrow.chooseTrainees": "Choose at least one trainee who attended.",
  "validation.escrow.endAfterStart": "The lesson must end after it starts.",
  "validation.escrow.lessonDateRange": "Only lessons of today and the 14 days before can be recorded.",
  "validation.escrow.unknownCourse": "Choose one of this institution's courses.",
  "validation.escrow.notEnrolled": "A chosen trainee is not enrolled in this course, or the enrollment has ended.",
  "validation.escrow.refundUnderWay":
    "A chosen trainee has a refund under way: no new lessons can be recorded for now.",
  "validation.escrow.noLessonsLeft": "A chosen trainee has no lessons left.",
  "validation.escrow.alreadyRecorded": "This trainee is already recorded at this lesson.",
  "validation.escrow.disputeReason": "Say what is wrong with this lesson.",
  "validation.escrow.refundReason": "Give the reason for the refund.",
  "validation.escrow.contestReason": "Say why the refund should not be made.",
  "validation.escrow.decisionNote": "Write the decision's reasons.",
} as const satisfies Record<keyof typeof escrowZh, string>;
