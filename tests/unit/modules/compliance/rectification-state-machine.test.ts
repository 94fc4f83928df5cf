import {
  canRectification,
  isClosedRectification,
  nextRectificationStatus,
  RECTIFICATION_EVENTS,
  RECTIFICATION_STATUSES,
  type RectificationEvent,
  type RectificationStatusName,
  RectificationTransitionRefused,
} from "~/modules/compliance/rectification-state-machine";

const ALLOWED: Record<RectificationEvent, Partial<Record<RectificationStatusName, RectificationStatusName>>> = {
  answer: { ISSUED: "ANSWERED", ANSWERED: "ANSWERED", REJECTED: "ANSWERED", OVERDUE: "ANSWERED" },
  accept: { ANSWERED: "ACCEPTED" },
  reject: { ANSWERED: "REJECTED" },
  withdraw: { ISSUED: "WITHDRAWN", ANSWERED: "WITHDRAWN", REJECTED: "WITHDRAWN", OVERDUE: "WITHDRAWN" },
  escalate: { ISSUED: "OVERDUE", REJECTED: "OVERDUE" },
};

describe("the rectification state machine", () => {
  for (const event of Object.keys(RECTIFICATION_EVENTS) as RectificationEvent[]) {
    for (const from of RECTIFICATION_STATUSES) {
      const to = ALLOWED[event][from];
      if (to) {
        it(`${event} moves ${from} to ${to}`, () => {
          expect(canRectification(from, event)).toBe(true);
          expect(nextRectificationStatus(from, event)).toBe(to);
        });
      } else {
        it(`refuses to ${event} from ${from}`, () => {
          expect(canRectification(from, event)).toBe(false);
          expect(() => nextRectificationStatus(from, event)).toThrow(RectificationTransitionRefused);
        });
      }
    }
  }

  it("takes no step at all out of a closed order", () => {
    for (const from of RECTIFICATION_STATUSES.filter(isClosedRectification)) {
      for (const event of Object.keys(RECTIFICATION_EVENTS) as RectificationEvent[]) {
        expect(canRectification(from, event)).toBe(false);
      }
    }
    expect(RECTIFICATION_STATUSES.filter(isClosedRectification)).toEqual(["ACCEPTED", "WITHDRAWN"]);
  });

  it("says which side takes each step", () => {
    expect(RECTIFICATION_EVENTS.answer.by).toBe("institution");
    expect([RECTIFICATION_EVENTS.accept.by, RECTIFICATION_EVENTS.reject.by, RECTIFICATION_EVENTS.withdraw.by]).toEqual([
      "regulator",
      "regulator",
      "regulator",
    ]);
    expect(RECTIFICATION_EVENTS.escalate.by).toBe("platform");
  });

  it("names the refused step and state in the error", () => {
    const error = (() => {
      try {
        nextRectificationStatus("ACCEPTED", "answer");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(RectificationTransitionRefused);
    expect(error).toMatchObject({ event: "answer", from: "ACCEPTED" });
  });
});
