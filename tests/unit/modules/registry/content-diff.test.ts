import type { RegistrationContent } from "~/modules/registry/content";
import { contentPaths, diffContent, parseContentPath, pathText } from "~/modules/registry/content-diff";
import { completeContent } from "../../../fixtures/registration-content";

const copy = (c: RegistrationContent): RegistrationContent => structuredClone(c);
const lines = (changes: ReturnType<typeof diffContent>) =>
  changes.map((c) =>
    c.kind === "changed" ? `${c.path}: ${String(c.before)} → ${String(c.after)}` : `${c.kind} ${c.path}`,
  );

function firstOf<T>(list: T[]): T {
  const item = list[0];
  if (item === undefined) throw new Error("the fixture has an empty list");
  return item;
}

describe("the difference between two registrations", () => {
  it("finds nothing when nothing changed, whatever the order of the lists", () => {
    const approved = completeContent();
    const same = copy(approved);
    same.coaches.reverse();
    firstOf(same.courses).slots.reverse();
    expect(diffContent(approved, same)).toEqual([]);
  });

  it("names a changed field of a list item by the item's label", () => {
    const approved = completeContent();
    const next = copy(approved);
    firstOf(next.venues).trainingAreaM2 = 650;
    next.entity.contactPhone = "13805710009";
    expect(lines(diffContent(approved, next))).toEqual([
      "entity.contactPhone: 13805710001 → 13805710009",
      "venues[文三路游泳馆].trainingAreaM2: 600 → 650",
    ]);
    const [, venue] = diffContent(approved, next);
    expect(venue).toMatchObject({
      kind: "changed",
      field: "venues.trainingAreaM2",
      segments: [{ field: "venues", item: "文三路游泳馆" }, { field: "trainingAreaM2" }],
    });
  });

  it("matches items by id: a renamed venue is a change, not a removal and an addition", () => {
    const approved = completeContent();
    const next = copy(approved);
    firstOf(next.venues).name = "文三路游泳馆（主馆）";
    expect(lines(diffContent(approved, next))).toEqual([
      "venues[文三路游泳馆（主馆）].name: 文三路游泳馆 → 文三路游泳馆（主馆）",
    ]);
  });

  it("lists added and removed items of a list, removed ones after the list's own", () => {
    const approved = completeContent();
    const next = copy(approved);
    const dropped = next.coaches.splice(1, 1);
    expect(dropped).toHaveLength(1);
    next.venues.push({ ...firstOf(next.venues), id: crypto.randomUUID(), name: "古墩路训练馆", isPool: false });
    next.entity.sports = ["SWIMMING", "DIVING"];
    expect(lines(diffContent(approved, next))).toEqual([
      "added entity.sports[DIVING]",
      "added venues[古墩路训练馆]",
      "removed coaches[赵静]",
    ]);
    const added = diffContent(approved, next)[0];
    expect(added).toMatchObject({ kind: "added", field: "entity.sports", value: "DIVING" });
  });

  it("goes into nested certificates and schedule slots", () => {
    const approved = completeContent();
    const next = copy(approved);
    const coach = firstOf(next.coaches);
    firstOf(coach.certificates).expiresOn = "2029-06-30";
    coach.certificates.push({ id: crypto.randomUUID(), type: "LIFEGUARD", number: "LG-2026-0100" });
    const course = firstOf(next.courses);
    firstOf(course.slots).startTime = "09:30";
    course.slots.splice(1, 1);
    course.slots.push({
      id: crypto.randomUUID(),
      venueId: firstOf(next.venues).id,
      weekday: 7,
      startTime: "14:00",
      endTime: "15:00",
    });
    expect(lines(diffContent(approved, next))).toEqual([
      "coaches[陈浩].certificates[SSI-330106-0001].expiresOn: 2028-06-30 → 2029-06-30",
      "added coaches[陈浩].certificates[LG-2026-0100]",
      "courses[少儿游泳入门班].slots[W6 09:30-10:00].startTime: 09:00 → 09:30",
      "added courses[少儿游泳入门班].slots[W7 14:00-15:00]",
      "removed courses[少儿游泳入门班].slots[W3 17:30-18:30]",
    ]);
  });

  it("shows a slot moved to another venue by the venues' names", () => {
    const approved = completeContent();
    const next = copy(approved);
    const annex = { ...firstOf(next.venues), id: crypto.randomUUID(), name: "分馆" };
    next.venues.push(annex);
    firstOf(firstOf(next.courses).slots).venueId = annex.id;
    expect(lines(diffContent(approved, next))).toContain(
      "courses[少儿游泳入门班].slots[W6 09:00-10:00].venueId: 文三路游泳馆 → 分馆",
    );
  });

  it("treats an optional field that appears or disappears as a change from or to nothing", () => {
    const approved = completeContent();
    const next = copy(approved);
    next.documents.insuranceExpiresOn = undefined;
    firstOf(next.coaches).photoFileId = undefined;
    const changes = diffContent(approved, next);
    expect(changes.map((c) => [c.path, c.kind === "changed" ? c.after : "?"])).toEqual([
      ["coaches[陈浩].photoFileId", null],
      ["documents.insuranceExpiresOn", null],
    ]);
  });

  it("matches first-aid staff by name and permits by sport, which carry no id", () => {
    const approved = completeContent();
    const next = copy(approved);
    firstOf(next.safetyStaff.firstAid).certificateNumber = "FA-2027-001";
    firstOf(next.documents.highRiskPermits).expiresOn = "2031-03-31";
    expect(lines(diffContent(approved, next))).toEqual([
      "safetyStaff.firstAid[赵静].certificateNumber: FA-2026-118 → FA-2027-001",
      "documents.highRiskPermits[SWIMMING].expiresOn: 2030-03-31 → 2031-03-31",
    ]);
  });

  it("tells two items with the same label apart", () => {
    const approved = completeContent();
    const next = copy(approved);
    next.coaches.push({ ...firstOf(next.coaches), id: crypto.randomUUID(), certificates: [] });
    expect(lines(diffContent(approved, next))).toEqual(["added coaches[陈浩 #2]"]);
  });
});

describe("the paths a reviewer can comment on", () => {
  it("lists sections, items and fields in document order, without ids", () => {
    const paths = contentPaths(completeContent()).map((p) => `${p.kind} ${p.path}`);
    expect(paths.slice(0, 3)).toEqual(["section entity", "field entity.name", "field entity.creditCode"]);
    expect(paths).toContain("section venues");
    expect(paths).toContain("item venues[文三路游泳馆]");
    expect(paths).toContain("field venues[文三路游泳馆].trainingAreaM2");
    expect(paths).toContain("list coaches[陈浩].certificates");
    expect(paths).toContain("field coaches[陈浩].certificates[SSI-330106-0001].expiresOn");
    expect(paths).toContain("field courses[少儿游泳入门班].slots[W6 09:00-10:00].startTime");
    expect(paths).toContain("field entity.sports");
    expect(paths.some((p) => p.endsWith(".id") || p.includes("version"))).toBe(false);
    // The second coach's certificate has no sport: there is nothing to point at.
    expect(paths).not.toContain("field coaches[赵静].certificates[LG-2026-0042].sport");
  });

  it("reads a path back into its segments", () => {
    const path = "courses[少儿游泳入门班].slots[W6 09:00-10:00].startTime";
    expect(parseContentPath(path)).toEqual([
      { field: "courses", item: "少儿游泳入门班" },
      { field: "slots", item: "W6 09:00-10:00" },
      { field: "startTime" },
    ]);
    expect(pathText(parseContentPath(path))).toBe(path);
    expect(parseContentPath("venues[浙.A].aed")).toEqual([{ field: "venues", item: "浙.A" }, { field: "aed" }]);
    expect(parseContentPath("not a path")).toEqual([]);
  });
});
