import { formValues } from "~/lib/forms/parse.server";

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

describe("formValues", () => {
  it("nests dotted names into objects and arrays", () => {
    expect(
      formValues(
        form([
          ["name", "少儿游泳"],
          ["slots.0.weekday", "6"],
          ["slots.0.startTime", "09:00"],
          ["slots.1.weekday", "3"],
          ["owner.name", "王"],
        ]),
      ),
    ).toEqual({
      name: "少儿游泳",
      slots: [{ weekday: "6", startTime: "09:00" }, { weekday: "3" }],
      owner: { name: "王" },
    });
  });

  it("collects a repeated name into an array and ignores files", () => {
    const data = form([
      ["sports", "SWIMMING"],
      ["sports", "DIVING"],
    ]);
    data.append("scan", new Blob(["x"]), "scan.pdf");
    expect(formValues(data)).toEqual({ sports: ["SWIMMING", "DIVING"] });
  });

  it("drops names that would reach Object.prototype", () => {
    const values = formValues(
      form([
        ["__proto__.polluted", "yes"],
        ["a.constructor.prototype.x", "1"],
        ["ok", "1"],
      ]),
    );
    expect(values).toEqual({ ok: "1" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("answers a name that is both a value and a container without throwing", () => {
    expect(() =>
      formValues(
        form([
          ["x", "1"],
          ["x.0", "2"],
          ["y.0", "3"],
          ["y", "4"],
        ]),
      ),
    ).not.toThrow();
  });

  it("drops a row index no list form reaches, so a short name cannot make a huge sparse array", () => {
    const values = formValues(
      form([
        ["items.99999999.x", "a"],
        ["slots.999", "b"],
        ["slots.1000", "c"],
        ["n.0", "d"],
      ]),
    );
    expect(values).toEqual({ slots: Object.assign([], { 999: "b" }), n: ["d"] });
    expect(JSON.stringify(values).length).toBeLessThan(10_000);
  });
});
