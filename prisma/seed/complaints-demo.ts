import type { PrismaClient } from "~/generated/prisma/client.ts";
import type { ComplaintCategory, ComplaintStatusName } from "~/modules/complaints/complaint-forms";
import { stableId } from "./stable-id";

/**
 * The complaints demo, after the escrow demo: the regulators' queues and the parents' "my
 * complaints" pages have something in every state, and the risk score has complaints to count.
 * A parent's open complaint against the Xihu school they pay (linked to the enrollment), a
 * resolved one with the outcome the parent reads, and an assigned one in Ningbo's Yinzhou
 * district, so Hangzhou and Ningbo each see only their own. Stable ids: a second run adds nothing.
 */
type Step = {
  event: "filed" | "triaged" | "assigned" | "resolved";
  to: ComplaintStatusName;
  by: string;
  note?: string;
};
type DemoComplaint = {
  key: string;
  parent: string;
  institution: "xihu-seller" | "yinzhou-first";
  enrollmentKey?: string;
  category: ComplaintCategory;
  description: string;
  daysAgo: number;
  steps: Step[];
  assignedTo?: string;
  outcome?: string;
};

const DEMO_COMPLAINTS: DemoComplaint[] = [
  {
    key: "xihu-open",
    parent: "parent@tipei.example",
    institution: "xihu-seller",
    enrollmentKey: "demo-parent-a",
    category: "SAFETY",
    description: "上周六的课上泳池边没有救生员值守，教练同时带了十几个孩子，孩子呛水后过了一会儿才有人发现。",
    daysAgo: 2,
    steps: [{ event: "filed", to: "SUBMITTED", by: "parent@tipei.example" }],
  },
  {
    key: "xihu-resolved",
    parent: "parent.en@tipei.example",
    institution: "xihu-seller",
    enrollmentKey: "demo-parent-b",
    category: "FEES_REFUNDS",
    description:
      "The school asked me to pay a 200 yuan 'materials fee' in cash at the front desk, outside the platform.",
    daysAgo: 20,
    steps: [
      { event: "filed", to: "SUBMITTED", by: "parent.en@tipei.example" },
      { event: "triaged", to: "TRIAGED", by: "hangzhou.admin@tipei.example" },
      { event: "assigned", to: "ASSIGNED", by: "hangzhou.admin@tipei.example" },
      {
        event: "resolved",
        to: "RESOLVED",
        by: "xihu.inspector@tipei.example",
        note: "经核查，该机构确曾在平台外收取材料费。已责令其全额退还并停止平台外收费，机构已于三日内退款。",
      },
    ],
    assignedTo: "xihu.inspector@tipei.example",
    outcome: "经核查，该机构确曾在平台外收取材料费。已责令其全额退还并停止平台外收费，机构已于三日内退款。",
  },
  {
    key: "yinzhou-assigned",
    parent: "parent@tipei.example",
    institution: "yinzhou-first",
    category: "COACH_QUALIFICATION",
    description: "试听课的教练说自己没有教练员证书，机构公示的教练名单里也查不到他的名字。",
    daysAgo: 6,
    steps: [
      { event: "filed", to: "SUBMITTED", by: "parent@tipei.example" },
      { event: "triaged", to: "TRIAGED", by: "ningbo.admin@tipei.example" },
      { event: "assigned", to: "ASSIGNED", by: "ningbo.admin@tipei.example" },
    ],
    assignedTo: "yinzhou.inspector@tipei.example",
  },
];

const userId = (email: string) => stableId("user", email);

export async function seedComplaintsDemo(db: PrismaClient, now = new Date()): Promise<{ complaints: number }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('tipei.platform', 'on', true)`;
    const places = await tx.$queryRaw<{ key: string; id: string; authority_id: string }[]>`
      SELECT 'xihu-seller' AS key, e.institution_id::text AS id, e.authority_id::text
        FROM enrollment e WHERE e.id = ${stableId("enrollment", "demo-parent-a")}::uuid
      UNION ALL
      (SELECT 'yinzhou-first', i.id::text, i.authority_id::text
         FROM institution i JOIN authority a ON a.id = i.authority_id AND a.code = '330212'
        WHERE i.status = 'APPROVED' ORDER BY i.registration_no LIMIT 1)`;
    const place = new Map(places.map((p) => [p.key, p]));
    let added = 0;
    for (const c of DEMO_COMPLAINTS) {
      const institution = place.get(c.institution);
      if (!institution) continue; // the escrow or registry demo was not seeded
      const id = stableId("complaint", c.key);
      const filedAt = new Date(now.getTime() - c.daysAgo * 86_400_000);
      const last = c.steps[c.steps.length - 1] as Step;
      const created = await tx.complaint.createMany({
        data: [
          {
            id,
            institutionId: institution.id,
            authorityId: institution.authority_id,
            parentUserId: userId(c.parent),
            enrollmentId: c.enrollmentKey ? stableId("enrollment", c.enrollmentKey) : null,
            category: c.category,
            description: c.description,
            status: last.to,
            assignedToId: c.assignedTo ? userId(c.assignedTo) : null,
            outcome: c.outcome ?? null,
            resolvedAt: last.to === "RESOLVED" ? new Date(filedAt.getTime() + (c.steps.length - 1) * 86_400_000) : null,
            createdAt: filedAt,
          },
        ],
        skipDuplicates: true,
      });
      if (created.count === 0) continue;
      added += 1;
      await tx.complaintEvent.createMany({
        data: c.steps.map((s, n) => ({
          id: stableId("complaint-event", `${c.key}:${n}`),
          complaintId: id,
          authorityId: institution.authority_id,
          parentUserId: userId(c.parent),
          event: s.event,
          toStatus: s.to,
          actorUserId: userId(s.by),
          note: s.note ?? null,
          // A day between steps, so the parent's timeline reads in order.
          occurredAt: new Date(filedAt.getTime() + n * 86_400_000),
        })),
        skipDuplicates: true,
      });
    }
    return { complaints: added };
  });
}
