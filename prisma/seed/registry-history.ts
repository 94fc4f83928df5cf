import type { Faker } from "@faker-js/faker";
import { EMPTY_DRAFT, type RegistrationContent } from "~/modules/registry/content";
import { AS_OF_DAY, annualDueOf, atLocal, type Day, dayOf, localDayOf } from "./registry-calendar";
import { partialDraft } from "./registry-content";
import { HistoryRecorder } from "./registry-history-recorder";
import type { RegistryDemoEntry } from "./registry-plan";
import {
  CHANGE_REQUESTS,
  CLOSURE_REASONS,
  REJECTION_REASONS,
  REVOCATION_REASONS,
  SUSPENSION_REASONS,
} from "./registry-vocabulary";

/**
 * The path each demo institution took to its state, written as the services would have written
 * it: signed up, drafted, submitted, reviewed (sometimes sent back once), decided; registered ones
 * then filed every annual filing before it was due — except the planted REG-04 breaches, which
 * skipped the last — and some were suspended, revoked or closed. Times fall in office hours for
 * regulators and in the day or evening for applicants, on the Shanghai clock.
 */

export type Actors = { applicantId: string; reviewerId: string; deciderId: string };

export type History = {
  recorder: HistoryRecorder;
  createdAt: Date;
  /** Set when the institution was ever approved. */
  registration: { registeredAt: Date; approvedAt: Date; annualFilingDueOn: Day } | null;
};

type Who = "applicant" | "regulator";
type Step = { gap: number; who: Who; run: (at: Date) => void };

const FIRST_APPROVAL: Day = dayOf("2024-01-08");

class Timeline {
  private day: Day = 0;
  constructor(private readonly faker: Faker) {}

  /** A time of day on the Shanghai clock: regulators in office hours, applicants until the evening. */
  at(day: Day, who: Who): Date {
    const [from, to] = who === "regulator" ? [9 * 60, 17 * 60 + 30] : [8 * 60 + 30, 21 * 60 + 30];
    return atLocal(day, this.faker.number.int({ min: from, max: to }));
  }

  /** Runs steps so that the last one falls on `endDay`; returns the first one's time. */
  endingOn(endDay: Day, steps: Step[]): Date {
    const total = steps.reduce((sum, s) => sum + s.gap, 0);
    this.day = endDay - total;
    return this.run(steps);
  }

  get lastDay(): Day {
    return this.day;
  }

  private run(steps: Step[]): Date {
    let first: Date | null = null;
    for (const step of steps) {
      this.day += step.gap;
      const at = this.at(this.day, step.who);
      first ??= at;
      step.run(at);
    }
    if (!first) throw new Error("no steps");
    return first;
  }
}

export function buildHistory(
  faker: Faker,
  entry: RegistryDemoEntry,
  content: RegistrationContent,
  institution: { id: string; authorityId: string },
  actors: Actors,
): History {
  const rec = new HistoryRecorder(entry.key, { ...institution, applicantId: actors.applicantId });
  const time = new Timeline(faker);
  const gap = (min: number, max: number) => faker.number.int({ min, max });
  let createdAt = new Date(0);
  const signUp: Step = { gap: 0, who: "applicant", run: (at) => (createdAt = at) };
  const filing = () => rec.filings.at(-1) ?? fail(entry.key);

  /** Starting the initial filing, filling it in and submitting it; sometimes sent back once and fixed. */
  const fileInitial = (withChanges: boolean): Step[] => {
    const steps: Step[] = [
      { gap: gap(1, 6), who: "applicant", run: (at) => rec.startFiling("INITIAL", EMPTY_DRAFT, at) },
      { gap: gap(2, 20), who: "applicant", run: (at) => rec.saveDraft(filing(), content, at) },
      { gap: gap(1, 5), who: "applicant", run: (at) => rec.submit(filing(), at) },
    ];
    if (withChanges) {
      const request = faker.helpers.arrayElement(CHANGE_REQUESTS);
      steps.push(
        { gap: gap(1, 4), who: "regulator", run: (at) => rec.startReview(filing(), actors.reviewerId, at) },
        {
          gap: gap(2, 7),
          who: "regulator",
          run: (at) => rec.requestChanges(filing(), actors.deciderId, at, request.reason, request.comments),
        },
        { gap: gap(2, 10), who: "applicant", run: (at) => rec.submit(filing(), at) },
      );
    }
    return steps;
  };
  const review: Step = {
    gap: gap(1, 4),
    who: "regulator",
    run: (at) => rec.startReview(filing(), actors.reviewerId, at),
  };
  const changesRound = faker.number.int({ min: 1, max: 3 }) === 1;

  switch (entry.status) {
    case "DRAFT": {
      const variant = faker.helpers.arrayElement(["signedUp", "drafting", "withdrew"] as const);
      const drafted = partialDraft(content, gap(1, 4), entry.key);
      const steps: Step[] = [signUp];
      if (variant !== "signedUp") steps.push(...fileInitial(false).slice(0, variant === "withdrew" ? 3 : 1));
      if (variant === "withdrew") {
        steps.push(
          { gap: gap(1, 5), who: "applicant", run: (at) => rec.withdraw(filing(), at) },
          { gap: gap(3, 20), who: "applicant", run: (at) => rec.startFiling("INITIAL", EMPTY_DRAFT, at) },
        );
      }
      if (variant !== "signedUp")
        steps.push({ gap: gap(1, 10), who: "applicant", run: (at) => rec.saveDraft(filing(), drafted, at) });
      time.endingOn(AS_OF_DAY - gap(1, 40), steps);
      break;
    }
    case "SUBMITTED": {
      const steps = [signUp, ...fileInitial(changesRound)];
      time.endingOn(AS_OF_DAY - gap(1, 6), steps);
      // Some are already assigned to a reviewer (assignReviewer writes no history).
      if (faker.datatype.boolean()) filing().assignedReviewerId = actors.reviewerId;
      break;
    }
    case "UNDER_REVIEW":
      time.endingOn(AS_OF_DAY - gap(1, 10), [signUp, ...fileInitial(changesRound), review]);
      break;
    case "CHANGES_REQUESTED": {
      const request = faker.helpers.arrayElement(CHANGE_REQUESTS);
      time.endingOn(AS_OF_DAY - gap(1, 15), [
        signUp,
        ...fileInitial(false),
        review,
        {
          gap: gap(2, 7),
          who: "regulator",
          run: (at) => rec.requestChanges(filing(), actors.deciderId, at, request.reason, request.comments),
        },
      ]);
      break;
    }
    case "REJECTED": {
      const reason = faker.helpers.arrayElement(REJECTION_REASONS);
      time.endingOn(gap(dayOf("2025-03-01"), AS_OF_DAY - 5), [
        signUp,
        ...fileInitial(changesRound),
        review,
        { gap: gap(2, 10), who: "regulator", run: (at) => rec.reject(filing(), actors.deciderId, at, reason) },
      ]);
      break;
    }
    default:
      return registeredHistory(faker, entry, content, rec, time, {
        initial: [signUp, ...fileInitial(changesRound), review],
        actors,
        createdAt: () => createdAt,
      });
  }
  return { recorder: rec, createdAt, registration: null };
}

function fail(key: string): never {
  throw new Error(`registry demo ${key}: no filing to act on`);
}

type RegisteredPlan = { initial: Step[]; actors: Actors; createdAt: () => Date };

/** Approved once, then annual filings; then, for some, suspension, revocation or closure. */
function registeredHistory(
  faker: Faker,
  entry: RegistryDemoEntry,
  content: RegistrationContent,
  rec: HistoryRecorder,
  time: Timeline,
  plan: RegisteredPlan,
): History {
  const { actors } = plan;
  const gap = (min: number, max: number) => faker.number.int({ min, max });
  const filing = () => rec.filings.at(-1) ?? fail(entry.key);
  const approve: Step = { gap: gap(2, 10), who: "regulator", run: (at) => rec.approve(filing(), actors.deciderId, at) };
  const overdue = entry.breach === "REG-04";
  const latestApproval =
    entry.status === "APPROVED" ? (overdue ? dayOf("2025-10-15") : AS_OF_DAY - 3) : AS_OF_DAY - 150;
  time.endingOn(gap(FIRST_APPROVAL, latestApproval), [...plan.initial, approve]);

  // The day the registration changed state, if it did: annual filings stop before it.
  const changeDay = entry.status === "APPROVED" ? null : gap(time.lastDay + 60, AS_OF_DAY - 3);
  const lastApproval = () => rec.approvals.at(-1) ?? fail(entry.key);
  const annual = (approvalDay: Day) => {
    const steps: Step[] = [
      { gap: 0, who: "applicant", run: (at) => rec.startFiling("ANNUAL", content, at) },
      { gap: gap(1, 10), who: "applicant", run: (at) => rec.submit(filing(), at) },
      { gap: gap(1, 5), who: "regulator", run: (at) => rec.startReview(filing(), actors.reviewerId, at) },
      { gap: gap(1, 5), who: "regulator", run: (at) => rec.approve(filing(), actors.deciderId, at) },
    ];
    time.endingOn(approvalDay, steps);
  };
  for (;;) {
    const due = annualDueOf(lastApproval());
    const approvalDay = due - gap(5, 25);
    if (changeDay !== null) {
      if (due > changeDay - 10) break;
    } else if (overdue) {
      // The planted breach: the filing that would have pushed the due date past the as-of date was skipped.
      if (annualDueOf(atLocal(approvalDay, 12 * 60)) >= AS_OF_DAY - 14) break;
    } else if (due > AS_OF_DAY) break;
    annual(approvalDay);
  }
  const registeredAt = rec.approvals[0] ?? fail(entry.key);
  const approvedAt = lastApproval();
  const due = annualDueOf(approvedAt);

  if (entry.status === "APPROVED" && !overdue && due - AS_OF_DAY <= 45) {
    // The next annual filing is due within weeks: it has been started, perhaps submitted and taken up.
    let day = due - gap(25, 40);
    const steps: [Who, (at: Date) => void][] = [
      ["applicant", (at) => rec.startFiling("ANNUAL", content, at)],
      ["applicant", (at) => rec.submit(filing(), at)],
      ["regulator", (at) => rec.startReview(filing(), actors.reviewerId, at)],
    ];
    const taken = faker.number.int({ min: 1, max: steps.length });
    for (const [who, run] of steps.slice(0, taken)) {
      if (day >= AS_OF_DAY) break;
      run(time.at(day, who));
      day += gap(1, 4);
    }
  }
  if (changeDay !== null) changeRegistration(faker, entry, rec, time, changeDay, actors);
  return {
    recorder: rec,
    createdAt: plan.createdAt(),
    registration: { registeredAt, approvedAt, annualFilingDueOn: due },
  };
}

function changeRegistration(
  faker: Faker,
  entry: RegistryDemoEntry,
  rec: HistoryRecorder,
  time: Timeline,
  day: Day,
  actors: Actors,
): void {
  const regulator = (d: Day) => time.at(d, "regulator");
  if (entry.status === "SUSPENDED") {
    rec.changeRegistration("suspend", actors.deciderId, regulator(day), faker.helpers.arrayElement(SUSPENSION_REASONS));
  } else if (entry.status === "REVOKED") {
    // Half were suspended first and did not put things right in time.
    const suspendedFirst = faker.datatype.boolean() && day - localDayOf(rec.lastChange) > 40;
    if (suspendedFirst) {
      const suspendDay = day - faker.number.int({ min: 20, max: 40 });
      rec.changeRegistration(
        "suspend",
        actors.deciderId,
        regulator(suspendDay),
        faker.helpers.arrayElement(SUSPENSION_REASONS),
      );
    }
    rec.changeRegistration("revoke", actors.deciderId, regulator(day), faker.helpers.arrayElement(REVOCATION_REASONS));
  } else if (entry.status === "CLOSED") {
    const byInstitution = faker.number.int({ min: 1, max: 3 }) > 1;
    const at = time.at(day, byInstitution ? "applicant" : "regulator");
    rec.changeRegistration(
      "close",
      byInstitution ? actors.applicantId : actors.deciderId,
      at,
      faker.helpers.arrayElement(CLOSURE_REASONS),
    );
  }
}
