import type { PrismaClient } from "~/generated/prisma/client.ts";
import { startFiling } from "~/modules/registry/filing.server";
import { action as createTaskAction } from "~/routes/gov.$authority.inspections._index";
import { action as membersAction } from "~/routes/gov.$authority.members";
import { action as issueOrderAction } from "~/routes/gov.$authority.rectifications.new";
import { action as complainAction } from "~/routes/institutions.$registrationNo_.complain";
import { stableId } from "../../../prisma/seed/stable-id";
import { formRequest, loadContext, outcome, settle } from "../../support/remix-calls";
import { deadlineIn, giveReport } from "../modules/compliance/rectification-fixtures";
import { buyLessons, SELLER, setUpSeller } from "../modules/escrow/escrow-fixtures";
import { cookieFor, openInstitution, submitInitial } from "../modules/registry/review-fixtures";

/**
 * The records the fuzzed routes act on, made once per test file through the same services and
 * routes the app uses: a registered seller with a course and a payment account, a parent's paid
 * enrollment and an unpaid checkout, a complaint, an inspection task, a rectification order, a
 * submitted filing and an open draft, a pending invitation.
 */
export type FuzzWorld = {
  users: Record<Role, string>;
  sellerId: string;
  registrationNo: string;
  courseId: string;
  enrollmentId: string;
  checkoutSessionId: string;
  complaintId: string;
  taskId: string;
  orderId: string;
  submittedFilingId: string;
  draftInstitutionId: string;
  invitationToken: string;
  /** Real ids of every kind (own and foreign tenants'): near-valid values reach deeper code. */
  ids: string[];
};

export type Role =
  | "platformAdmin"
  | "cityAdmin"
  | "inspector"
  | "foreignAdmin"
  | "parent"
  | "sellerAdmin"
  | "draftAdmin"
  | "foreignInstitutionAdmin";

const user = (email: string) => stableId("user", email);
const XIHU_SWIM = stableId("institution", "xihu-swim");
const YINZHOU_FOOTBALL = stableId("institution", "yinzhou-football");

async function post(
  action: (args: never) => Promise<unknown>,
  path: string,
  params: Record<string, string>,
  as: string,
  fields: Record<string, string>,
) {
  const request = formRequest(path, fields, await cookieFor(as));
  const run = action as (args: {
    request: Request;
    params: Record<string, string>;
    context: unknown;
  }) => Promise<unknown>;
  const answer = await outcome(await settle(() => run({ request, params, context: loadContext() })));
  if (answer.status >= 400) throw new Error(`set-up post to ${path} refused: ${JSON.stringify(answer.body)}`);
  return answer;
}

const lastSegment = (location: string | null) =>
  new URL(location ?? "", "http://localhost").pathname.split("/").pop() ?? "";

export async function buildFuzzWorld(owner: PrismaClient): Promise<FuzzWorld> {
  await setUpSeller(owner);
  const users: Record<Role, string> = {
    platformAdmin: user("admin@tipei.example"),
    cityAdmin: user("hangzhou.admin@tipei.example"),
    inspector: user("xihu.inspector@tipei.example"),
    foreignAdmin: user("ningbo.admin@tipei.example"),
    parent: user("parent@tipei.example"),
    sellerAdmin: user(SELLER.adminEmail),
    draftAdmin: user("xihu.swim@tipei.example"),
    foreignInstitutionAdmin: user("yinzhou.football@tipei.example"),
  };
  const paid = await buyLessons(10);
  const unpaid = await buyLessons(2, { pay: "no", trainee: "小红" });

  const complaint = await post(
    complainAction,
    `/institutions/${SELLER.registrationNo}/complain`,
    { registrationNo: SELLER.registrationNo },
    users.parent,
    { category: "SAFETY", description: "泳池边没有救生员，孩子差点出事。" },
  );
  const task = await post(createTaskAction, "/gov/hangzhou/inspections", { authority: "hangzhou" }, users.cityAdmin, {
    intent: "createTask",
    institutionId: SELLER.id,
    dueOn: deadlineIn(7),
    assignedToId: users.inspector,
  });
  const { findingIds } = await giveReport(owner, XIHU_SWIM, [{ rule: "VEN-01", label: "文三路游泳馆" }]);
  const order = await post(
    issueOrderAction,
    `/gov/hangzhou/rectifications/new?institution=${XIHU_SWIM}`,
    { authority: "hangzhou" },
    users.cityAdmin,
    { findingIds: findingIds[0] ?? "", deadline: deadlineIn(30), instructions: "请在期限内整改场地面积问题。" },
  );
  const applicant = await openInstitution(owner, "330106", "模糊测试游泳学校");
  const submittedFilingId = await submitInitial(applicant, "330106");
  await startFiling({ userId: users.draftAdmin, authorityId: null, platform: false }, XIHU_SWIM, "INITIAL");
  await post(membersAction, "/gov/hangzhou/members?intent=invite", { authority: "hangzhou" }, users.cityAdmin, {
    email: "yinzhou.inspector@tipei.example",
    role: "INSPECTOR",
  });
  const invitation = await owner.emailOutbox.findFirstOrThrow({
    where: { toAddress: "yinzhou.inspector@tipei.example", kind: "invitation" },
  });
  const invitationToken = /\/invitations\/([A-Za-z0-9_-]{43})/.exec(invitation.textBody)?.[1] ?? "";

  const world: Omit<FuzzWorld, "ids"> = {
    users,
    sellerId: SELLER.id,
    registrationNo: SELLER.registrationNo,
    courseId: SELLER.courseId,
    enrollmentId: paid.enrollmentId,
    checkoutSessionId: unpaid.sessionId,
    complaintId: lastSegment(complaint.headers.get("Location")),
    taskId: lastSegment(task.headers.get("Location")),
    orderId: lastSegment(order.headers.get("Location")),
    submittedFilingId,
    draftInstitutionId: XIHU_SWIM,
    invitationToken,
  };
  const attendances = await owner.lessonAttendance.findMany({ select: { id: true }, take: 3 });
  const ids = [
    ...Object.values(users),
    world.sellerId,
    world.courseId,
    world.enrollmentId,
    unpaid.enrollmentId,
    world.complaintId,
    world.taskId,
    world.orderId,
    world.submittedFilingId,
    XIHU_SWIM,
    YINZHOU_FOOTBALL,
    stableId("authority", "330106"),
    stableId("authority", "330200"),
    ...findingIds,
    ...attendances.map((a) => a.id),
  ];
  return { ...world, ids };
}
