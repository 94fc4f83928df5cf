import type { VenueContent } from "~/modules/registry/content";
import { isChessOrCards } from "~/modules/registry/sports";
import type { ResolvedSettings } from "~/modules/tenancy/resolve-settings";
import type { EvaluatorTable } from "../evaluator";
import type { Finding } from "../finding";
import type { InstitutionSnapshot } from "../snapshot";
import { atLeast, rounded } from "./arithmetic";
import { finding, notApplicable, switchable, venueEntity } from "./findings";
import { intervalOf, peakOf, timeOf } from "./time";
import { lessonsAt, type PlacedSlot, takesChildren } from "./trainees";

/** Venues (VEN): one finding per venue filed. */

/** VEN-02: floors 1–3 (the rule's own numbers, GB 50016, not tenant parameters). */
const LOWEST_CHILDREN_FLOOR = 1;
const HIGHEST_CHILDREN_FLOOR = 3;

function perVenue(
  rule: "VEN-01" | "VEN-02" | "VEN-03" | "VEN-04" | "VEN-05" | "VEN-06",
  judge: (venue: VenueContent, s: InstitutionSnapshot, settings: ResolvedSettings) => Finding,
) {
  return (s: InstitutionSnapshot, settings: ResolvedSettings): Finding[] =>
    s.content.venues.length === 0
      ? notApplicable(rule, s, "compliance.evidence.noVenues")
      : s.content.venues.map((venue) => judge(venue, s, settings));
}

/**
 * The minimum floor area per trainee of a class: the chess-and-cards minimum for chess and card
 * courses, the general one for every other.
 */
function minimumFor(placed: PlacedSlot, settings: ResolvedSettings): number {
  return isChessOrCards(placed.course.sport)
    ? settings.get("VEN-01.minAreaPerTraineeChess")
    : settings.get("VEN-01.minAreaPerTrainee");
}

/**
 * VEN-01: training area ÷ the trainees on the floor at the same time. Classes of courses meeting
 * at overlapping times on the same weekday add up. When chess and other classes share the floor,
 * each trainee needs the minimum of their own course (a chess player 3 m², a footballer 5 m²): the
 * venue needs Σ class size × minimum at its busiest moment, which is the moment judged; the
 * minimum shown is that need per trainee (the plain minimum when nobody plays chess, or everybody
 * does). This neither lets chess players lend floor to footballers nor charges them a footballer's.
 */
const ven01 = perVenue("VEN-01", (venue, s, settings) => {
  const lessons = lessonsAt(s.content, venue.id);
  if (lessons.length === 0)
    return finding("VEN-01", "NOT_APPLICABLE", venueEntity(venue), "compliance.evidence.venueUnused", {
      venue: venue.name,
    });
  const peak = peakOf(
    lessons,
    (p) => intervalOf(p.slot),
    (p) => p.course.classSize * minimumFor(p, settings),
  );
  const trainees = peak.items.reduce((sum, p) => sum + p.course.classSize, 0);
  const chessTrainees = peak.items
    .filter((p) => isChessOrCards(p.course.sport))
    .reduce((sum, p) => sum + p.course.classSize, 0);
  const needed = peak.total;
  const minimum = needed / trainees;
  const mixed = chessTrainees > 0 && chessTrainees < trainees;
  const values = {
    venue: venue.name,
    area: venue.trainingAreaM2,
    trainees,
    perTrainee: rounded(venue.trainingAreaM2 / trainees),
    minimum: rounded(minimum),
    weekday: peak.weekday,
    at: peak.start === null ? null : timeOf(peak.start),
    classes: peak.items.length,
    chessTrainees,
    otherTrainees: trainees - chessTrainees,
    chessMinimum: settings.get("VEN-01.minAreaPerTraineeChess"),
    otherMinimum: settings.get("VEN-01.minAreaPerTrainee"),
  };
  const ok = atLeast(venue.trainingAreaM2, needed);
  const key = ok
    ? mixed
      ? "compliance.evidence.VEN-01.passMixed"
      : "compliance.evidence.VEN-01.pass"
    : mixed
      ? "compliance.evidence.VEN-01.failMixed"
      : "compliance.evidence.VEN-01.fail";
  return finding("VEN-01", ok ? "PASS" : "FAIL", venueEntity(venue), key, values);
});

/**
 * VEN-02: a venue where any course taking children (age range reaching 12 or younger) meets
 * must be on floors 1–3 and not underground. Floor 0 or below is not "floors 1–3" either.
 */
const ven02 = perVenue("VEN-02", (venue, s) => {
  const children = lessonsAt(s.content, venue.id).filter((p) => takesChildren(p.course));
  if (children.length === 0)
    return finding("VEN-02", "NOT_APPLICABLE", venueEntity(venue), "compliance.evidence.VEN-02.noChildren", {
      venue: venue.name,
    });
  const values = {
    venue: venue.name,
    floor: venue.floor,
    underground: venue.underground,
    youngest: Math.min(...children.map((p) => p.course.ageMin)),
    lowest: LOWEST_CHILDREN_FLOOR,
    highest: HIGHEST_CHILDREN_FLOOR,
  };
  if (venue.underground)
    return finding("VEN-02", "FAIL", venueEntity(venue), "compliance.evidence.VEN-02.underground", values);
  if (venue.floor < LOWEST_CHILDREN_FLOOR || venue.floor > HIGHEST_CHILDREN_FLOOR)
    return finding("VEN-02", "FAIL", venueEntity(venue), "compliance.evidence.VEN-02.floor", values);
  return finding("VEN-02", "PASS", venueEntity(venue), "compliance.evidence.VEN-02.pass", values);
});

/** VEN-03: no venue in residential premises. */
const ven03 = switchable(
  "VEN-03",
  perVenue("VEN-03", (venue) =>
    venue.residential
      ? finding("VEN-03", "FAIL", venueEntity(venue), "compliance.evidence.VEN-03.fail", { venue: venue.name })
      : finding("VEN-03", "PASS", venueEntity(venue), "compliance.evidence.VEN-03.pass", { venue: venue.name }),
  ),
);

/**
 * VEN-04: a fire-safety acceptance or filing document for each venue. The venue's own document
 * (uploaded with the venue) settles it. The documents step also takes one acceptance document
 * for the institution: with a single venue it can only concern that venue (PASS); with several
 * it is not linked to any one of them, so a venue without its own document is a WARNING — a
 * reviewer checks which premises the document covers. Neither document: FAIL.
 */
const ven04 = perVenue("VEN-04", (venue, s) => {
  const values = { venue: venue.name, venues: s.content.venues.length };
  if (venue.fireSafetyFileId)
    return finding("VEN-04", "PASS", venueEntity(venue), "compliance.evidence.VEN-04.own", values);
  if (s.content.documents.fireSafetyAcceptanceFileId) {
    return s.content.venues.length === 1
      ? finding("VEN-04", "PASS", venueEntity(venue), "compliance.evidence.VEN-04.institutionDocument", values)
      : finding("VEN-04", "WARNING", venueEntity(venue), "compliance.evidence.VEN-04.unlinked", values);
  }
  return finding("VEN-04", "FAIL", venueEntity(venue), "compliance.evidence.VEN-04.missing", values);
});

/** VEN-05: an AED on site at each venue. */
const ven05 = switchable(
  "VEN-05",
  perVenue("VEN-05", (venue) =>
    venue.aed
      ? finding("VEN-05", "PASS", venueEntity(venue), "compliance.evidence.VEN-05.pass", { venue: venue.name })
      : finding("VEN-05", "FAIL", venueEntity(venue), "compliance.evidence.VEN-05.fail", { venue: venue.name }),
  ),
);

/** VEN-06: each venue's training area at least the minimum (the area exactly at the minimum passes). */
const ven06 = switchable(
  "VEN-06",
  perVenue("VEN-06", (venue, _s, settings) => {
    const minimum = settings.get("VEN-06.minVenueArea");
    const ok = atLeast(venue.trainingAreaM2, minimum);
    return finding(
      "VEN-06",
      ok ? "PASS" : "FAIL",
      venueEntity(venue),
      ok ? "compliance.evidence.VEN-06.pass" : "compliance.evidence.VEN-06.fail",
      { venue: venue.name, area: venue.trainingAreaM2, minimum },
    );
  }),
);

export const VEN_EVALUATORS = {
  "VEN-01": ven01,
  "VEN-02": ven02,
  "VEN-03": ven03,
  "VEN-04": ven04,
  "VEN-05": ven05,
  "VEN-06": ven06,
} satisfies Partial<EvaluatorTable>;
