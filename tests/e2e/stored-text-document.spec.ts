import { expect, test } from "./support/fixtures.ts";
import { asOwner } from "./support/jobs.ts";

// The whole document as the production server sends it, with an institution whose name is a
// script: the <title>, the page and the loader data Remix inlines for hydration must all carry it
// as text, and nothing in it may run. (tests/integration/routes/stored-text-escaped.test.ts covers
// every free-text field on 45 pages at the component level; this is the document around them.)
// A Haishu institution no other spec opens, restored afterwards.

const PAYLOAD = `</title></script><script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">`;
let registrationNo = "";
let saved: { name: string; public_profile: unknown } | undefined;

test.beforeAll(async () => {
  const [row] = await asOwner<{ registration_no: string; name: string; public_profile: unknown }>(
    `SELECT i.registration_no, i.name, i.public_profile FROM institution i JOIN authority a ON a.id = i.authority_id
      WHERE a.code = '330203' AND i.status = 'APPROVED' AND i.registration_no IS NOT NULL
      ORDER BY i.registration_no DESC LIMIT 1`,
  );
  if (!row) throw new Error("the demo has no registered institution in Haishu");
  registrationNo = row.registration_no;
  saved = { name: row.name, public_profile: row.public_profile };
  await asOwner(
    `UPDATE institution SET name = $2, public_profile = jsonb_set(public_profile, '{name}', to_jsonb($3::text))
      WHERE registration_no = $1`,
    [registrationNo, PAYLOAD, PAYLOAD],
  );
});

test.afterAll(async () => {
  if (saved) {
    await asOwner("UPDATE institution SET name = $2, public_profile = $3 WHERE registration_no = $1", [
      registrationNo,
      saved.name,
      JSON.stringify(saved.public_profile),
    ]);
  }
});

test("a stored script is text in the title, the page and the hydration data, and never runs", async ({
  page,
  request,
}) => {
  const html = await (await request.get(`/institutions/${registrationNo}`)).text();
  expect(html).not.toContain("<script>window.__xss");
  expect(html).not.toContain("<img src=x");
  expect(html).toContain("&lt;/title&gt;&lt;/script&gt;&lt;script&gt;window.__xss = 1");

  page.on("dialog", (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
  await page.goto(`/institutions/${registrationNo}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(PAYLOAD);
  expect(await page.title()).toContain(PAYLOAD);
  await page.goto(`/institutions?q=${encodeURIComponent("window.__xss")}`);
  await expect(page.getByText(PAYLOAD).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});
