import type { complianceEvidenceZh } from "./compliance-evidence";

export const complianceEvidenceEn = {
  "compliance.evidence.ruleOff": "This rule is switched off in this jurisdiction on the day checked.",
  "compliance.evidence.noCourses": "No course is filed.",
  "compliance.evidence.noVenues": "No venue is filed.",
  "compliance.evidence.noCoaches": "No coach is filed.",
  "compliance.evidence.noOfflineCourses": "No offline course.",
  "compliance.evidence.noOnlineCourses": "No online course.",
  "compliance.evidence.venueUnused": "{venue}: no offline lesson is scheduled here.",

  "compliance.evidence.FEE-01.pass":
    "{course}: {lessons} lessons, {perWeek} a week, {days} days from first to last lesson (about {months} months), within {maximum} months: the whole course can be sold in one payment.",
  "compliance.evidence.FEE-01.inParts":
    "{course}: {lessons} lessons, {perWeek} a week, {days} days from first to last lesson (about {months} months), more than the {maximum}-month cap on one payment: it must be sold in parts; checkout enforces the cap.",
  "compliance.evidence.FEE-02.pass":
    "{course}: {lessons} lessons counted as {classHours} class hours, within the {maximum}-class-hour cap on one payment.",
  "compliance.evidence.FEE-02.pass45":
    "{course}: {lessons} lessons × {lessonMinutes} min ÷ 45 min = {classHours} class hours, within the {maximum}-class-hour cap on one payment.",
  "compliance.evidence.FEE-02.inParts":
    "{course}: {lessons} lessons counted as {classHours} class hours, more than the {maximum}-class-hour cap on one payment: it must be sold in parts; checkout enforces the cap.",
  "compliance.evidence.FEE-02.inParts45":
    "{course}: {lessons} lessons × {lessonMinutes} min ÷ 45 min = {classHours} class hours, more than the {maximum}-class-hour cap on one payment: it must be sold in parts; checkout enforces the cap.",
  "compliance.evidence.FEE-03.pass":
    "{course}: ¥{pricePerLesson} a lesson × {lessons} lessons = ¥{amount}, within the ¥{maximum} cap on one payment.",
  "compliance.evidence.FEE-03.inParts":
    "{course}: ¥{pricePerLesson} a lesson × {lessons} lessons = ¥{amount}, more than the ¥{maximum} cap on one payment: it must be sold in parts; checkout enforces the cap.",
  "compliance.evidence.FEE-04.pass": "Funds supervision is enabled: all prepaid fees go into the supervised account.",
  "compliance.evidence.FEE-04.fail": "Funds supervision is not enabled: no course may be sold until it is.",
  "compliance.evidence.FEE-04.beforeFirstSale":
    "Funds supervision is not enabled yet: once registered, it must be enabled before the first course is sold.",
  "compliance.evidence.FEE-05.byConstruction":
    "Guaranteed by the platform: it is the institution's only fee channel, and its checkout offers no training loan, credit instalments or other third-party financing.",
  "compliance.evidence.FEE-06.byConstruction":
    "Guaranteed by the platform: every enrolment is made under the contract it generates from the standard text, and the signed version is kept.",
  "compliance.evidence.FEE-07.byEscrow":
    "Enforced by the escrow: {share}% of the unconsumed balance stays in the supervised account until the course ends; nothing to check at registration.",
  "compliance.evidence.FEE-08.onePayment":
    "{course}: the whole course can be sold in one payment, so there is no renewal.",
  "compliance.evidence.FEE-08.renewals":
    "{course}: must be sold in parts; a renewal may not be taken earlier than {monthsLeft} months or {lessonsLeft} lessons before the paid part ends; checkout enforces this.",

  "compliance.evidence.SCH.endsBy": "{course} ({weekday} {start}–{end}): ends at {end}, not later than {limit}.",
  "compliance.evidence.SCH.endsAfter": "{course} ({weekday} {start}–{end}): ends at {end}, later than {limit}.",
  "compliance.evidence.SCH-03.pass":
    "{course} (ages {ageMin}–{ageMax}, {weekday} {start}–{end}): does not overlap school hours ({from}–{to} on school days).",
  "compliance.evidence.SCH-03.fail":
    "{course} (ages {ageMin}–{ageMax}, {weekday} {start}–{end}): overlaps school hours {from}–{to}.",
  "compliance.evidence.SCH-03.noSchoolAge": "No course takes school-age trainees (6–18).",
  "compliance.evidence.SCH-04.pass":
    "{course}: online lessons of {lessonMinutes} min, within {maximum} min; the break (at least {minBreak} min) cannot be checked from the timetable.",
  "compliance.evidence.SCH-04.fail": "{course}: online lessons of {lessonMinutes} min, longer than {maximum} min.",
  "compliance.evidence.SCH-04.longSlot":
    "{course} ({weekday} {start}–{end}): {slotMinutes} min in a row, longer than the {maximum}-min lesson limit; whether it includes a break of at least {minBreak} min cannot be checked from the timetable.",

  "compliance.evidence.VEN-01.pass":
    "{venue}: {area} m² of training area ÷ at most {trainees} trainees at once ({weekday} {at}) = {perTrainee} m² each, not less than {minimum} m².",
  "compliance.evidence.VEN-01.fail":
    "{venue}: {area} m² of training area ÷ at most {trainees} trainees at once ({weekday} {at}) = {perTrainee} m² each, less than {minimum} m².",
  "compliance.evidence.VEN-01.passMixed":
    "{venue}: {area} m² of training area ÷ at most {trainees} trainees at once ({weekday} {at}; {chessTrainees} chess and cards at {chessMinimum} m² each, {otherTrainees} others at {otherMinimum} m² each) = {perTrainee} m² each, not less than the weighted minimum of {minimum} m².",
  "compliance.evidence.VEN-01.failMixed":
    "{venue}: {area} m² of training area ÷ at most {trainees} trainees at once ({weekday} {at}; {chessTrainees} chess and cards at {chessMinimum} m² each, {otherTrainees} others at {otherMinimum} m² each) = {perTrainee} m² each, less than the weighted minimum of {minimum} m².",
  "compliance.evidence.VEN-02.pass":
    "{venue}: takes trainees from age {youngest}, on floor {floor}, within floors {lowest}–{highest} and above ground.",
  "compliance.evidence.VEN-02.floor":
    "{venue}: takes trainees from age {youngest} but is on floor {floor}, outside floors {lowest}–{highest}.",
  "compliance.evidence.VEN-02.underground": "{venue}: takes trainees from age {youngest} but is underground.",
  "compliance.evidence.VEN-02.noChildren": "{venue}: no course taking trainees aged 12 or younger meets here.",
  "compliance.evidence.VEN-03.pass": "{venue}: not residential premises.",
  "compliance.evidence.VEN-03.fail": "{venue}: in residential premises.",
  "compliance.evidence.VEN-04.own": "{venue}: its own fire-safety acceptance or filing document is on file.",
  "compliance.evidence.VEN-04.institutionDocument":
    "{venue}: the institution's only venue; the institution's fire-safety acceptance document is on file.",
  "compliance.evidence.VEN-04.unlinked":
    "{venue}: no fire-safety document of its own; the institution's acceptance document does not say which of its {venues} venues it covers: check by hand.",
  "compliance.evidence.VEN-04.missing": "{venue}: no fire-safety acceptance or filing document.",
  "compliance.evidence.VEN-05.pass": "{venue}: an AED is on site.",
  "compliance.evidence.VEN-05.fail": "{venue}: no AED on site.",
  "compliance.evidence.VEN-06.pass": "{venue}: {area} m², not less than {minimum} m².",
  "compliance.evidence.VEN-06.fail": "{venue}: {area} m², less than {minimum} m².",

  "compliance.evidence.STF-01.pass": "{course}: class of {classSize}, not more than {maximum}.",
  "compliance.evidence.STF-01.fail": "{course}: class of {classSize}, more than {maximum}.",
  "compliance.evidence.STF-02.small":
    "{course}: class of {classSize}, not more than {threshold}: {coaches} coach(es) per class is enough.",
  "compliance.evidence.STF-02.pass":
    "{course}: class of {classSize}, more than {threshold}, with {coaches} coaches per class (at least {needed} needed).",
  "compliance.evidence.STF-02.fail":
    "{course}: class of {classSize}, more than {threshold}, with only {coaches} coach(es) per class; at least {needed} needed.",
  "compliance.evidence.STF-03.pass": "{coach}: holds a valid {certificate} (no. {number}, valid until {expiresOn}).",
  "compliance.evidence.STF-03.passPermanent": "{coach}: holds a {certificate} (no. {number}, does not expire).",
  "compliance.evidence.STF-03.expired":
    "{coach}: all {held} coaching certificates have expired (the last on {lastExpiry}; checked on {asOf}).",
  "compliance.evidence.STF-03.none":
    "{coach}: holds no recognised coaching certificate (a lifeguard certificate is not a coaching qualification).",
  "compliance.evidence.STF-04.pass": "{coach}: name, photo and certificate number are there to be displayed.",
  "compliance.evidence.STF-04.noPhoto": "{coach}: no photo, so the coach cannot be displayed as required.",
  "compliance.evidence.STF-04.noCertificate": "{coach}: no certificate number to display.",
  "compliance.evidence.STF-04.noPhotoNoCertificate":
    "{coach}: neither photo nor certificate number, so the coach cannot be displayed as required.",
  "compliance.evidence.STF-05.pass": "{fullTime} full-time ÷ {coaches} coaches = {share}%, not less than {minimum}%.",
  "compliance.evidence.STF-05.fail": "{fullTime} full-time ÷ {coaches} coaches = {share}%, less than {minimum}%.",
  "compliance.evidence.STF-06.officersPass": "{officers} safety officer(s), not fewer than {minimum}.",
  "compliance.evidence.STF-06.officersFail": "{officers} safety officer(s), fewer than {minimum}.",
  "compliance.evidence.STF-06.firstAidPass":
    "{firstAid} staff with a valid first-aid certificate, not fewer than {minimum}.",
  "compliance.evidence.STF-06.firstAidFail":
    "{firstAid} staff with a valid first-aid certificate ({listed} listed, {expired} expired), fewer than {minimum}.",
  "compliance.evidence.STF-07.notCollected":
    "The platform does not collect in-house coach training records yet (at least quarterly and {hours} h a year required): cannot be checked.",
  "compliance.evidence.STF-08.pass": "{coach}: not a serving school teacher.",
  "compliance.evidence.STF-08.fail": "{coach}: a serving school teacher.",

  "compliance.evidence.HRS-01.noHighRisk": "No high-risk sport is taught.",
  "compliance.evidence.HRS-01.pass": "{sport}: operating permit {number} valid until {expiresOn}.",
  "compliance.evidence.HRS-01.expired":
    "{sport}: operating permit {number} expired on {expiresOn} (checked on {asOf}).",
  "compliance.evidence.HRS-01.missing": "{sport}: no high-risk sports operating permit.",
  "compliance.evidence.HRS.noSwimming": "No swimming or diving course meets at a venue.",
  "compliance.evidence.HRS.noPool": "No venue of the swimming or diving courses is recorded as a pool.",
  "compliance.evidence.HRS.noLogsYet": "{venue}: no pool safety log yet, so this cannot be checked.",
  "compliance.evidence.HRS.noLoggedDays":
    "{venue}: no log of lifeguards on duty in the period checked ({water} m² of water needs {required}).",
  "compliance.evidence.HRS-02.pass":
    "{venue}: {water} m² of water needs {required} lifeguards; the fewest on duty in {daysLogged} logged days was {fewest}.",
  "compliance.evidence.HRS-02.fail":
    "{venue}: {water} m² of water needs {required} lifeguards; only {fewest} on duty on {date}, short on {daysShort} of {daysLogged} logged days.",
  "compliance.evidence.HRS-03.pass":
    "{venue}: {water} m² of water ÷ at most {swimmers} swimmers at once ({weekday} {at}) = {perSwimmer} m² each, not less than {minimum} m².",
  "compliance.evidence.HRS-03.fail":
    "{venue}: {water} m² of water ÷ at most {swimmers} swimmers at once ({weekday} {at}) = {perSwimmer} m² each, less than {minimum} m².",
  "compliance.evidence.HRS-03.notAPool":
    "{venue}: swimming or diving lessons meet here but the venue is not recorded as a pool, so the water area cannot be checked.",
  "compliance.evidence.HRS-04.pass":
    "{venue}: water logged on all {lessonDays} lesson days; all {readings} readings within limits.",
  "compliance.evidence.HRS-04.noDays": "{venue}: no opening day in the period checked.",
  "compliance.evidence.HRS-04.missing":
    "{venue}: no water-quality log on {missing} of {lessonDays} lesson days (first on {date}).",
  "compliance.evidence.HRS-04.chlorine":
    "{venue}: free chlorine {value} mg/L on {date}, outside {min}–{max} mg/L ({count} readings out of range).",
  "compliance.evidence.HRS-04.ph":
    "{venue}: pH {value} on {date}, outside {min}–{max} ({count} readings out of range).",
  "compliance.evidence.HRS-04.urea":
    "{venue}: urea {value} mg/L on {date}, above {max} mg/L ({count} readings out of range).",
  "compliance.evidence.HRS-05.pass":
    "{qualified} coaches hold a valid swimming social-sports-instructor qualification, not fewer than the {needed} the swimming classes need at once.",
  "compliance.evidence.HRS-05.fail":
    "Only {qualified} coaches hold a valid swimming social-sports-instructor qualification; the swimming classes need {needed} at once.",
  "compliance.evidence.HRS-05.noSwimming": "No swimming course.",
  "compliance.evidence.HRS-06.pass":
    "{venue}: at most {depth} m deep, not more than {maximum} m (trainees from age {youngest}).",
  "compliance.evidence.HRS-06.fail":
    "{venue}: up to {depth} m deep, more than {maximum} m (trainees from age {youngest}).",
  "compliance.evidence.HRS-06.passPreschool":
    "{venue}: at most {depth} m deep, not more than the children's-pool limit of {maximum} m (preschool trainees, from age {youngest}).",
  "compliance.evidence.HRS-06.failPreschool":
    "{venue}: up to {depth} m deep, more than the children's-pool limit of {maximum} m (preschool trainees, from age {youngest}).",
  "compliance.evidence.HRS-06.unknown": "{venue}: no water depth recorded, so this cannot be checked.",
  "compliance.evidence.HRS-06.noChildren":
    "{venue}: no swimming or diving course taking trainees aged 12 or younger meets here.",

  "compliance.evidence.REG-01.creditCode.pass": "Unified social credit code {code} is valid.",
  "compliance.evidence.REG-01.creditCode.length": "Unified social credit code {code} is not 18 characters long.",
  "compliance.evidence.REG-01.creditCode.characters":
    "Unified social credit code {code} contains characters that are not allowed.",
  "compliance.evidence.REG-01.creditCode.division":
    "Characters 3–8 of the unified social credit code {code} are not a division code.",
  "compliance.evidence.REG-01.creditCode.checkCharacter":
    "The check character of the unified social credit code {code} is wrong.",
  "compliance.evidence.REG-01.licence.pass": "The business licence is on file.",
  "compliance.evidence.REG-01.licence.missing": "No business licence on file.",
  "compliance.evidence.REG-02.inside": "{venue} ({address}): in {place}.",
  "compliance.evidence.REG-02.outside": "{venue} ({address}): the address names {named}, outside {place}.",
  "compliance.evidence.REG-02.unclear":
    "{venue} ({address}): the address does not tell whether it is in {place}: check by hand.",
  "compliance.evidence.REG-03.pass": "Insurance in force until {expiresOn}.",
  "compliance.evidence.REG-03.missing": "No accident or public liability insurance policy on file.",
  "compliance.evidence.REG-03.noExpiry":
    "A policy is on file without an expiry date, so it cannot be shown to be in force.",
  "compliance.evidence.REG-03.expired": "The policy expired on {expiresOn} (checked on {asOf}).",
  "compliance.evidence.REG-04.pass": "The annual filing is due by {dueOn}: not overdue.",
  "compliance.evidence.REG-04.overdue": "The annual filing was due by {dueOn}: {daysOverdue} days overdue.",
  "compliance.evidence.REG-04.notRegistered": "Not registered yet: no annual filing is due.",
} as const satisfies Record<keyof typeof complianceEvidenceZh, string>;
