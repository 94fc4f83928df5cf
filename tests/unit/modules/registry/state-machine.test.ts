import { FILING_STATUSES, INSTITUTION_STATUSES } from "~/modules/registry/institution-status";
import {
  FILING_EVENTS,
  type FilingEvent,
  INSTITUTION_EVENTS,
  type InstitutionEvent,
  nextFilingStatus,
  nextInstitutionStatus,
  TransitionRefused,
} from "~/modules/registry/state-machine";

describe("the filing state machine", () => {
  for (const [event, rule] of Object.entries(FILING_EVENTS) as [FilingEvent, (typeof FILING_EVENTS)[FilingEvent]][]) {
    it(`${event}: allowed only from ${rule.from.join(", ")}`, () => {
      for (const from of FILING_STATUSES) {
        if ((rule.from as readonly string[]).includes(from)) expect(nextFilingStatus(from, event)).toBe(rule.to);
        else expect(() => nextFilingStatus(from, event)).toThrow(TransitionRefused);
      }
    });
  }

  it("never leaves a decided filing", () => {
    for (const event of Object.keys(FILING_EVENTS) as FilingEvent[]) {
      for (const final of ["APPROVED", "REJECTED", "WITHDRAWN"] as const) {
        expect(() => nextFilingStatus(final, event)).toThrow(TransitionRefused);
      }
    }
  });
});

describe("the institution state machine", () => {
  for (const [event, rule] of Object.entries(INSTITUTION_EVENTS) as [
    InstitutionEvent,
    (typeof INSTITUTION_EVENTS)[InstitutionEvent],
  ][]) {
    it(`${event}: allowed only from ${rule.from.join(", ")}`, () => {
      for (const from of INSTITUTION_STATUSES) {
        if ((rule.from as readonly string[]).includes(from)) expect(nextInstitutionStatus(from, event)).toBe(rule.to);
        else expect(() => nextInstitutionStatus(from, event)).toThrow(TransitionRefused);
      }
    });
  }

  it("has no way out of a revoked or closed registration", () => {
    for (const event of Object.keys(INSTITUTION_EVENTS) as InstitutionEvent[]) {
      expect(() => nextInstitutionStatus("REVOKED", event)).toThrow(TransitionRefused);
      expect(() => nextInstitutionStatus("CLOSED", event)).toThrow(TransitionRefused);
    }
  });

  it("reaches every status from a draft", () => {
    const reached = new Set<string>(["DRAFT"]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const rule of Object.values(INSTITUTION_EVENTS)) {
        if (rule.from.some((f) => reached.has(f)) && !reached.has(rule.to)) {
          reached.add(rule.to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...INSTITUTION_STATUSES].sort());
  });
});
