import { evidenceOf, evidencePairs } from "~/modules/compliance/rectification-evidence";
import {
  answerOrderSchema,
  issueOrderSchema,
  orderListQuerySchema,
  rejectOrderSchema,
  withdrawOrderSchema,
} from "~/modules/compliance/rectification-forms";

const NOW = new Date("2026-11-23T04:00:00Z"); // 23 November, noon in China
const A = "11111111-1111-4111-8111-111111111111";
const B = "22222222-2222-4222-8222-222222222222";

function issueErrors(values: Record<string, unknown>) {
  const result = issueOrderSchema(NOW).safeParse(values);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("the issue form", () => {
  const valid = { findingIds: [A, B], deadline: "2026-11-24", instructions: " 整改 " };

  it("takes one ticked finding (a string), several (an array) and trims the instructions", () => {
    expect(issueOrderSchema(NOW).parse({ ...valid, findingIds: A })).toEqual({
      findingIds: [A],
      deadline: "2026-11-24",
      instructions: "整改",
    });
    expect(issueOrderSchema(NOW).parse(valid).findingIds).toEqual([A, B]);
  });

  it("asks for at least one finding, whatever the browser posts for none", () => {
    for (const findingIds of [undefined, false, []])
      expect(issueErrors({ ...valid, findingIds })).toEqual({ findingIds: "validation.rectification.chooseFinding" });
    expect(issueErrors({ ...valid, findingIds: ["not-a-uuid"] })).toEqual({ "findingIds.0": "validation.invalid" });
  });

  it("wants a deadline from tomorrow to a year from today, in China", () => {
    expect(issueErrors({ ...valid, deadline: "2026-11-23" })).toEqual({
      deadline: "validation.rectification.deadlineTooSoon",
    });
    expect(issueErrors({ ...valid, deadline: "2027-11-23" })).toEqual({});
    expect(issueErrors({ ...valid, deadline: "2027-11-24" })).toEqual({
      deadline: "validation.rectification.deadlineTooFar",
    });
    expect(issueErrors({ ...valid, deadline: "24/11/2026" })).toEqual({
      deadline: "validation.rectification.deadlineInvalid",
    });
  });

  it("needs instructions", () => {
    expect(issueErrors({ ...valid, instructions: "   " })).toEqual({ instructions: "validation.required" });
    expect(issueErrors({ ...valid, instructions: "x".repeat(4001) })).toEqual({ instructions: "validation.tooLong" });
  });
});

describe("the answer and decision forms", () => {
  it("need a text or a reason, not a note to accept", () => {
    expect(answerOrderSchema.safeParse({ text: " " }).success).toBe(false);
    expect(answerOrderSchema.parse({ text: " 已整改 " })).toEqual({ text: "已整改" });
    expect(rejectOrderSchema.safeParse({}).success).toBe(false);
    expect(withdrawOrderSchema.safeParse({ withdrawReason: "" }).success).toBe(false);
  });

  it("read the list's query, open orders by default", () => {
    expect(orderListQuerySchema.parse({})).toEqual({ status: "open", page: 1 });
    expect(orderListQuerySchema.parse({ status: "OVERDUE", page: "2" })).toEqual({ status: "OVERDUE", page: 2 });
    expect(orderListQuerySchema.safeParse({ status: "LOST" }).success).toBe(false);
  });
});

describe("stored evidence", () => {
  it("reads what evaluators wrote and shows unknown keys as their values", () => {
    const evidence = evidenceOf({ key: "compliance.evidence.x", values: { area: 120, ok: false, none: null } });
    expect(evidencePairs(evidence)).toBe("area: 120 · ok: false · none: —");
    expect(evidenceOf("garbage")).toEqual({ key: "", values: {} });
  });
});
