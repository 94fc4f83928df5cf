import type { ReactNode } from "react";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { formatFen } from "~/lib/format";
import { isMessageKey, type MessageKey, type Translate } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { DraftContent } from "~/modules/registry/content";
import { type DiffValue, fieldOf, type PathSegment, parseContentPath } from "~/modules/registry/content-diff";

/**
 * A read-only rendering of a registration (a submitted snapshot or the approved content):
 * entity, venues, staff, courses with their weekly schedule, and documents as links to their
 * files. Also the labels and value formats the difference and the change requests reuse.
 */

/** Names of the files a content refers to, when the file is stored (`/files/<id>` serves it either way). */
export type FileNames = Record<string, { name: string }>;

function catalogKey(key: string): MessageKey | null {
  return isMessageKey(key) ? key : null;
}

/** The label of a content field (`venues.trainingAreaM2`), or its name when the catalog has none. */
export function fieldLabel(t: Translate, field: string): string {
  const key = catalogKey(`content.field.${field}`);
  return key ? t(key) : field;
}

function sportLabel(t: Translate, sport: string): string {
  const key = catalogKey(`sport.${sport}`);
  return key ? t(key) : sport;
}

/** A list item's label in the reader's language (`W6 09:00-10:00` reads as `周六 09:00–10:00`). */
function itemLabel(t: Translate, field: string, item: string): string {
  if (field === "courses.slots") {
    const match = /^W([1-7]) (\d\d:\d\d)-(\d\d:\d\d)(.*)$/.exec(item);
    const weekday = match ? catalogKey(`settings.weekday.${match[1]}`) : null;
    if (match && weekday) return `${t(weekday)} ${match[2]}–${match[3]}${match[4] ?? ""}`;
  }
  if (field === "entity.sports" || field === "documents.highRiskPermits") return sportLabel(t, item);
  return item;
}

/** A path as people read it: `培训场地 › 文三路游泳馆 › 训练面积（平方米）`. */
export function describeSegments(t: Translate, segments: readonly PathSegment[]): string {
  return segments
    .map((segment, i) => {
      const field = fieldOf(segments.slice(0, i + 1));
      const label = fieldLabel(t, field);
      return segment.item === undefined ? label : `${label} › ${itemLabel(t, field, segment.item)}`;
    })
    .join(" › ");
}

/** A stored path (or a reviewer's free text, shown as written). */
export function describePath(t: Translate, path: string): string {
  const segments = parseContentPath(path);
  return segments.length > 0 ? describeSegments(t, segments) : path;
}

export function FileLink({ id, files }: { id: string; files: FileNames }) {
  const { t } = useTranslation();
  const name = files[id]?.name;
  return (
    <a href={`/files/${id}`} className="break-all text-brand-700 underline">
      {name ?? t("content.file.open")}
    </a>
  );
}

const isFileField = (field: string) => field.endsWith("FileId") || field.endsWith(".fileId");

/** One value of a content field, formatted for its field. */
export function ContentValue({
  field,
  value,
  files,
}: {
  field: string;
  value: DiffValue | undefined;
  files: FileNames;
}) {
  const { t, locale } = useTranslation();
  if (value === null || value === undefined || value === "") return <>{t("content.none")}</>;
  if (typeof value === "boolean") return <>{value ? t("content.yes") : t("content.no")}</>;
  if (isFileField(field)) return <FileLink id={String(value)} files={files} />;
  if (field === "courses.pricePerLessonFen" && typeof value === "number") return <>{formatFen(value, locale)}</>;
  if (field.endsWith(".sport") || field === "entity.sports") return <>{sportLabel(t, String(value))}</>;
  if (field === "coaches.certificates.type") {
    const key = catalogKey(`certificate.${String(value)}`);
    return <>{key ? t(key) : String(value)}</>;
  }
  if (field === "courses.slots.weekday") {
    const key = catalogKey(`settings.weekday.${String(value)}`);
    return <>{key ? t(key) : String(value)}</>;
  }
  return <>{String(value)}</>;
}

type Row = { field: string; value: DiffValue | undefined };

/** A definition list of fields; the field names are the content's (`venues.aed`), the labels the catalog's. */
function Fields({ rows, files }: { rows: Row[]; files: FileNames }) {
  const { t } = useTranslation();
  return (
    <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[minmax(10rem,max-content)_1fr]">
      {rows.map((row) => (
        <div key={row.field} className="contents">
          <dt className="text-slate-600">{fieldLabel(t, row.field)}</dt>
          <dd className="break-words">
            <ContentValue field={row.field} value={row.value} files={files} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h3 id={id} className="text-lg font-semibold text-slate-900">
        {title}
      </h3>
      {children}
    </section>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="text-slate-700">{children}</p>;
}

const cell = "border-b border-slate-200 px-2 py-1 align-top";
const head = "border-b border-slate-300 px-2 py-1 text-left font-medium text-slate-700";

export function ContentView({
  content,
  files,
  idPrefix,
}: {
  content: DraftContent;
  files: FileNames;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const { entity, venues, coaches, safetyStaff, courses, documents } = content;
  const venueNames = new Map(venues.map((v) => [v.id, v.name]));
  const id = (part: string) => `${idPrefix}-${part}`;
  return (
    <div className="space-y-8">
      <Section id={id("entity")} title={t("content.field.entity")}>
        {entity ? (
          <Fields
            files={files}
            rows={[
              { field: "entity.name", value: entity.name },
              { field: "entity.creditCode", value: entity.creditCode },
              { field: "entity.legalRepresentative", value: entity.legalRepresentative },
              { field: "entity.contactName", value: entity.contactName },
              { field: "entity.contactPhone", value: entity.contactPhone },
              { field: "entity.registeredAddress", value: entity.registeredAddress },
              { field: "entity.sports", value: entity.sports.map((s) => sportLabel(t, s)).join("、") },
            ]}
          />
        ) : (
          <Empty>{t("content.sectionMissing")}</Empty>
        )}
      </Section>

      <Section id={id("venues")} title={t("content.field.venues")}>
        {venues.length === 0 ? <Empty>{t("content.empty.venues")}</Empty> : null}
        {venues.map((v) => (
          <article key={v.id} className="space-y-2 rounded border border-slate-200 bg-white p-3">
            <h4 className="font-semibold">{v.name}</h4>
            <Fields
              files={files}
              rows={[
                { field: "venues.address", value: v.address },
                { field: "venues.trainingAreaM2", value: v.trainingAreaM2 },
                { field: "venues.floor", value: v.floor },
                { field: "venues.underground", value: v.underground },
                { field: "venues.residential", value: v.residential },
                { field: "venues.isPool", value: v.isPool },
                ...(v.isPool
                  ? [
                      { field: "venues.poolWaterAreaM2", value: v.poolWaterAreaM2 },
                      { field: "venues.poolDepthMinM", value: v.poolDepthMinM },
                      { field: "venues.poolDepthMaxM", value: v.poolDepthMaxM },
                    ]
                  : []),
                { field: "venues.aed", value: v.aed },
                { field: "venues.fireSafetyFileId", value: v.fireSafetyFileId },
              ]}
            />
          </article>
        ))}
      </Section>

      <Section id={id("coaches")} title={t("content.field.coaches")}>
        {coaches.length === 0 ? (
          <Empty>{t("content.empty.coaches")}</Empty>
        ) : (
          <ScrollRegion>
            <table className="min-w-full border-collapse bg-white text-sm">
              <thead>
                <tr>
                  <th scope="col" className={head}>
                    {fieldLabel(t, "coaches.name")}
                  </th>
                  <th scope="col" className={head}>
                    {fieldLabel(t, "coaches.fullTime")}
                  </th>
                  <th scope="col" className={head}>
                    {fieldLabel(t, "coaches.servingSchoolTeacher")}
                  </th>
                  <th scope="col" className={head}>
                    {fieldLabel(t, "coaches.photoFileId")}
                  </th>
                  <th scope="col" className={head}>
                    {fieldLabel(t, "coaches.certificates")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {coaches.map((c) => (
                  <tr key={c.id}>
                    <th scope="row" className={`${cell} text-left font-medium`}>
                      {c.name}
                    </th>
                    <td className={cell}>
                      <ContentValue field="coaches.fullTime" value={c.fullTime} files={files} />
                    </td>
                    <td className={cell}>
                      <ContentValue field="coaches.servingSchoolTeacher" value={c.servingSchoolTeacher} files={files} />
                    </td>
                    <td className={cell}>
                      <ContentValue field="coaches.photoFileId" value={c.photoFileId} files={files} />
                    </td>
                    <td className={cell}>
                      {c.certificates.length === 0 ? (
                        t("content.empty.certificates")
                      ) : (
                        <ul className="space-y-1">
                          {c.certificates.map((cert) => (
                            <li key={cert.id}>
                              <ContentValue field="coaches.certificates.type" value={cert.type} files={files} /> ·{" "}
                              {cert.number}
                              {cert.sport ? <> · {sportLabel(t, cert.sport)}</> : null}
                              {cert.expiresOn ? <> · {t("content.validUntil", { date: cert.expiresOn })}</> : null}
                              {cert.scanFileId ? (
                                <>
                                  {" "}
                                  · <FileLink id={cert.scanFileId} files={files} />
                                </>
                              ) : null}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </Section>

      <Section id={id("safety")} title={t("content.field.safetyStaff")}>
        {safetyStaff ? (
          <>
            <Fields
              files={files}
              rows={[
                { field: "safetyStaff.safetyOfficerName", value: safetyStaff.safetyOfficerName },
                { field: "safetyStaff.safetyOfficerPhone", value: safetyStaff.safetyOfficerPhone },
              ]}
            />
            <h4 className="font-semibold">{fieldLabel(t, "safetyStaff.firstAid")}</h4>
            <ul className="list-disc space-y-1 pl-6">
              {safetyStaff.firstAid.map((p) => (
                <li key={`${p.name}-${p.certificateNumber}`}>
                  {p.name} · {p.certificateNumber}
                  {p.expiresOn ? <> · {t("content.validUntil", { date: p.expiresOn })}</> : null}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <Empty>{t("content.sectionMissing")}</Empty>
        )}
      </Section>

      <Section id={id("courses")} title={t("content.field.courses")}>
        {courses.length === 0 ? <Empty>{t("content.empty.courses")}</Empty> : null}
        {courses.map((c) => (
          <article key={c.id} className="space-y-2 rounded border border-slate-200 bg-white p-3">
            <h4 className="font-semibold">{c.name}</h4>
            <Fields
              files={files}
              rows={[
                { field: "courses.sport", value: c.sport },
                { field: "courses.ageMin", value: c.ageMin },
                { field: "courses.ageMax", value: c.ageMax },
                { field: "courses.classSize", value: c.classSize },
                { field: "courses.coachesPerClass", value: c.coachesPerClass },
                { field: "courses.lessonMinutes", value: c.lessonMinutes },
                { field: "courses.lessonCount", value: c.lessonCount },
                { field: "courses.pricePerLessonFen", value: c.pricePerLessonFen },
                { field: "courses.online", value: c.online },
              ]}
            />
            <table className="min-w-full border-collapse text-sm">
              <caption className="text-left font-medium text-slate-800">{fieldLabel(t, "courses.slots")}</caption>
              <thead>
                <tr>
                  <th scope="col" className={head}>
                    {fieldLabel(t, "courses.slots.weekday")}
                  </th>
                  <th scope="col" className={head}>
                    {t("content.slot.time")}
                  </th>
                  <th scope="col" className={head}>
                    {fieldLabel(t, "courses.slots.venueId")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...c.slots]
                  .sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime))
                  .map((s) => (
                    <tr key={s.id}>
                      <td className={cell}>
                        <ContentValue field="courses.slots.weekday" value={s.weekday} files={files} />
                      </td>
                      <td className={cell}>
                        {s.startTime}–{s.endTime}
                      </td>
                      <td className={cell}>
                        {s.venueId ? (venueNames.get(s.venueId) ?? t("content.venueGone")) : t("content.online")}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </article>
        ))}
      </Section>

      <Section id={id("documents")} title={t("content.field.documents")}>
        {documents ? (
          <>
            <Fields
              files={files}
              rows={[
                { field: "documents.businessLicenseFileId", value: documents.businessLicenseFileId },
                { field: "documents.venueLeaseFileId", value: documents.venueLeaseFileId },
                { field: "documents.fireSafetyAcceptanceFileId", value: documents.fireSafetyAcceptanceFileId },
                { field: "documents.insurancePolicyFileId", value: documents.insurancePolicyFileId },
                { field: "documents.insuranceExpiresOn", value: documents.insuranceExpiresOn },
              ]}
            />
            <h4 className="font-semibold">{fieldLabel(t, "documents.highRiskPermits")}</h4>
            {documents.highRiskPermits.length === 0 ? (
              <Empty>{t("content.empty.permits")}</Empty>
            ) : (
              <ul className="list-disc space-y-1 pl-6">
                {documents.highRiskPermits.map((p) => (
                  <li key={p.sport}>
                    {sportLabel(t, p.sport)} · {p.number} · {t("content.validUntil", { date: p.expiresOn })} ·{" "}
                    <FileLink id={p.fileId} files={files} />
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <Empty>{t("content.sectionMissing")}</Empty>
        )}
      </Section>
    </div>
  );
}
