import { validate } from "~/lib/forms/parse.server";
import {
  EDITABLE_DAYS,
  historyDays,
  logDateProblem,
  MAX_SESSIONS,
  poolLogSchema,
} from "~/modules/compliance/pool-safety-form";

const VENUE = "7b0f3c5e-1d2a-4c3b-9e8f-0a1b2c3d4e5f";

/** A session row as the form posts it: every cell a string. */
function row(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    startTime: "09:00",
    endTime: "11:00",
    lifeguardsOnDuty: "3",
    lifeguardNames: "张三、李四，王五",
    freeChlorineMgL: "0.4",
    ph: "7.4",
    ureaMgL: "",
    ...overrides,
  };
}

const blankRow = () =>
  row({ startTime: "", endTime: "", lifeguardsOnDuty: "", lifeguardNames: "", freeChlorineMgL: "", ph: "" });

function form(sessions: unknown[], extra: Record<string, unknown> = {}) {
  return { venueId: VENUE, logDate: "2026-11-20", notes: "", sessions, ...extra };
}

const errorsOf = (values: unknown) => {
  const result = validate(poolLogSchema, values);
  return result.ok ? {} : result.fieldErrors;
};

describe("the pool safety log form", () => {
  it("reads a phone's strings into numbers, names into a list, and drops the empty rows", () => {
    const result = validate(
      poolLogSchema,
      form([row(), blankRow(), row({ startTime: "14:00", endTime: "16:00", ureaMgL: "2.1" })]),
    );
    expect(result).toEqual({
      ok: true,
      data: {
        venueId: VENUE,
        logDate: "2026-11-20",
        notes: null,
        sessions: [
          {
            startTime: "09:00",
            endTime: "11:00",
            lifeguardsOnDuty: 3,
            lifeguardNames: ["张三", "李四", "王五"],
            freeChlorineMgL: 0.4,
            ph: 7.4,
            ureaMgL: null,
          },
          {
            startTime: "14:00",
            endTime: "16:00",
            lifeguardsOnDuty: 3,
            lifeguardNames: ["张三", "李四", "王五"],
            freeChlorineMgL: 0.4,
            ph: 7.4,
            ureaMgL: 2.1,
          },
        ],
      },
    });
  });

  it("puts sessions in time order and parses its own output to the same value", () => {
    const first = validate(poolLogSchema, form([row({ startTime: "18:00", endTime: "19:00" }), row()]));
    expect(first.ok && first.data.sessions.map((s) => s.startTime)).toEqual(["09:00", "18:00"]);
    const again = validate(poolLogSchema, first.ok ? first.data : null);
    expect(again).toEqual(first);
  });

  it("accepts the bounds of every range and a comma as the decimal point", () => {
    const low = row({ freeChlorineMgL: "0", ph: "0", ureaMgL: "0", lifeguardsOnDuty: "0", lifeguardNames: "" });
    const high = row({ startTime: "12:00", endTime: "13:00", freeChlorineMgL: "10", ph: "14", ureaMgL: "50" });
    expect(validate(poolLogSchema, form([low, high])).ok).toBe(true);
    const comma = validate(poolLogSchema, form([row({ freeChlorineMgL: "0,45", ph: "7,2" })]));
    expect(comma.ok && comma.data.sessions[0]).toMatchObject({ freeChlorineMgL: 0.45, ph: 7.2 });
  });

  it("refuses values just past the bounds", () => {
    expect(
      errorsOf(
        form([
          row({ freeChlorineMgL: "10.01", ph: "14.01", ureaMgL: "50.01", lifeguardsOnDuty: "51", lifeguardNames: "" }),
        ]),
      ),
    ).toMatchObject({
      "sessions.0.freeChlorineMgL": ["validation.poolSafety.chlorineRange"],
      "sessions.0.ph": ["validation.poolSafety.phRange"],
      "sessions.0.ureaMgL": ["validation.poolSafety.ureaRange"],
      "sessions.0.lifeguardsOnDuty": ["validation.poolSafety.lifeguardsRange"],
    });
    expect(errorsOf(form([row({ freeChlorineMgL: "-0.1" })]))).toEqual({
      "sessions.0.freeChlorineMgL": ["validation.number"],
    });
  });

  it("catches unit and typing mistakes: pH 75, chlorine in mg/m³, 2.5 lifeguards, three decimals, words", () => {
    expect(
      errorsOf(
        form([
          row({ ph: "75" }),
          row({ startTime: "12:00", endTime: "13:00", freeChlorineMgL: "400" }),
          row({ startTime: "14:00", endTime: "15:00", lifeguardsOnDuty: "2.5" }),
          row({ startTime: "16:00", endTime: "17:00", freeChlorineMgL: "0.455" }),
          row({ startTime: "18:00", endTime: "19:00", ph: "七点四" }),
        ]),
      ),
    ).toEqual({
      "sessions.0.ph": ["validation.poolSafety.phRange"],
      "sessions.1.freeChlorineMgL": ["validation.poolSafety.chlorineRange"],
      "sessions.2.lifeguardsOnDuty": ["validation.integer"],
      "sessions.3.freeChlorineMgL": ["validation.poolSafety.decimals"],
      "sessions.4.ph": ["validation.number"],
    });
  });

  it("needs the required cells of a started row, keeping the row's index after an empty one", () => {
    expect(errorsOf(form([blankRow(), row({ ph: "", freeChlorineMgL: "" })]))).toEqual({
      "sessions.1.freeChlorineMgL": ["validation.number"],
      "sessions.1.ph": ["validation.number"],
    });
  });

  it("refuses times out of order, malformed times and overlapping sessions", () => {
    expect(errorsOf(form([row({ startTime: "11:00", endTime: "09:00" })]))).toEqual({
      "sessions.0.endTime": ["validation.timeOrder"],
    });
    expect(errorsOf(form([row({ startTime: "9:00", endTime: "24:00" })]))).toEqual({
      "sessions.0.startTime": ["validation.time"],
      "sessions.0.endTime": ["validation.time"],
    });
    expect(errorsOf(form([row(), row({ startTime: "10:30", endTime: "12:00" })]))).toEqual({
      "sessions.1.startTime": ["validation.poolSafety.overlap"],
    });
    // A short session inside a long one does not hide a later overlap with the long one.
    expect(
      errorsOf(
        form([
          row({ startTime: "09:00", endTime: "12:00" }),
          row({ startTime: "10:00", endTime: "10:30" }),
          row({ startTime: "11:30", endTime: "13:00" }),
        ]),
      ),
    ).toEqual({
      "sessions.1.startTime": ["validation.poolSafety.overlap"],
      "sessions.2.startTime": ["validation.poolSafety.overlap"],
    });
    // Back to back is not an overlap.
    expect(validate(poolLogSchema, form([row(), row({ startTime: "11:00", endTime: "12:00" })])).ok).toBe(true);
  });

  it("wants as many names as lifeguards on duty", () => {
    expect(errorsOf(form([row({ lifeguardsOnDuty: "4" })]))).toEqual({
      "sessions.0.lifeguardNames": ["validation.poolSafety.namesCount"],
    });
    expect(errorsOf(form([row({ lifeguardNames: "张三 李四 王五 赵六" })]))).toEqual({
      "sessions.0.lifeguardNames": ["validation.poolSafety.namesCount"],
    });
    expect(errorsOf(form([row({ lifeguardNames: "张三, 李四; 一个特别特别特别特别特别特别特别长的名字啊" })]))).toEqual(
      {
        "sessions.0.lifeguardNames": ["validation.poolSafety.nameTooLong"],
      },
    );
  });

  it("needs one session and allows at most 12", () => {
    expect(errorsOf(form([blankRow(), blankRow()]))).toEqual({ sessions: ["validation.poolSafety.sessionNeeded"] });
    expect(errorsOf({ venueId: VENUE, logDate: "2026-11-20" })).toEqual({
      sessions: ["validation.poolSafety.sessionNeeded"],
    });
    const hourly = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        row({ startTime: `${String(8 + i).padStart(2, "0")}:00`, endTime: `${String(8 + i).padStart(2, "0")}:50` }),
      );
    expect(validate(poolLogSchema, form(hourly(MAX_SESSIONS))).ok).toBe(true);
    expect(errorsOf(form(hourly(MAX_SESSIONS + 1)))).toEqual({
      sessions: ["validation.poolSafety.tooManySessions"],
    });
  });

  it("refuses a missing pool, an impossible date and overlong notes", () => {
    expect(errorsOf(form([row()], { venueId: "", logDate: "2026-02-30", notes: "备".repeat(501) }))).toEqual({
      venueId: ["validation.poolSafety.choosePool"],
      logDate: ["validation.date"],
      notes: ["validation.tooLong"],
    });
  });
});

describe("which days a log may be written for", () => {
  const today = "2026-11-23";
  it("today and the 6 days before, never a future day", () => {
    expect(EDITABLE_DAYS).toBe(7);
    expect(logDateProblem("2026-11-23", today)).toBeNull();
    expect(logDateProblem("2026-11-17", today)).toBeNull();
    expect(logDateProblem("2026-11-16", today)).toBe("validation.poolSafety.tooOld");
    expect(logDateProblem("2026-11-24", today)).toBe("validation.poolSafety.futureDate");
  });

  it("lists 14 days, newest first, across a month's end", () => {
    const days = historyDays("2026-12-03");
    expect(days).toHaveLength(14);
    expect(days[0]).toBe("2026-12-03");
    expect(days[13]).toBe("2026-11-20");
  });
});
