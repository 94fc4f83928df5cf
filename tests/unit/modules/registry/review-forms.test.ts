import { validate } from "~/lib/forms/parse.server";
import { requestChangesSchema, reviewQueueQuerySchema } from "~/modules/registry/review-forms";
import { mayAssign, mayDecide, mayStartReview } from "~/modules/registry/review-rights";

describe("the change request form", () => {
  it("keeps the filled rows, the free text winning over the chosen field", () => {
    const result = validate(requestChangesSchema, {
      reason: " 请补充 ",
      field1: "venues[A].aed",
      comment1: "位置？",
      field3: "documents",
      other3: "消防验收第 2 页",
      comment3: "缺页",
    });
    expect(result).toEqual({
      ok: true,
      data: {
        reason: "请补充",
        comments: [
          { path: "venues[A].aed", comment: "位置？" },
          { path: "消防验收第 2 页", comment: "缺页" },
        ],
      },
    });
  });

  it("wants a reason and at least one complete comment", () => {
    expect(validate(requestChangesSchema, { reason: "" })).toMatchObject({
      ok: false,
      fieldErrors: { reason: ["validation.required"], comment1: ["validation.review.commentNeeded"] },
    });
    expect(validate(requestChangesSchema, { reason: "x", comment2: "只有意见" })).toMatchObject({
      ok: false,
      fieldErrors: { field2: ["validation.review.choosePath"] },
    });
  });
});

describe("the queue's query string", () => {
  it("defaults to the waiting filings, longest waiting first, page 1", () => {
    expect(validate(reviewQueueQuerySchema, { status: "", kind: "" })).toEqual({
      ok: true,
      data: { status: "open", reviewer: "anyone", sort: "oldest", page: 1 },
    });
  });
});

describe("who may act on a filing", () => {
  const me = "me";
  it("lets admins act on anything and inspectors only on what is theirs", () => {
    expect(mayDecide("REGULATOR_ADMIN", me, "someone")).toBe(true);
    expect(mayDecide("INSPECTOR", me, "someone")).toBe(false);
    expect(mayDecide("INSPECTOR", me, me)).toBe(true);
    expect(mayStartReview("INSPECTOR", me, null)).toBe(true);
    expect(mayStartReview("INSPECTOR", me, "someone")).toBe(false);
    expect(mayAssign("INSPECTOR", me, null, me)).toBe(true);
    expect(mayAssign("INSPECTOR", me, null, "someone")).toBe(false);
    expect(mayAssign("INSPECTOR", me, "someone", me)).toBe(false);
    expect(mayAssign("REGULATOR_ADMIN", me, "someone", "other")).toBe(true);
  });
});
