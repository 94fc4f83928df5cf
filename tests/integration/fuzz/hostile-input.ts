import fc from "fast-check";

/**
 * Generators of hostile form posts: one generic arbitrary that any route row feeds with the
 * field names its forms use, the intents it dispatches on and the real ids of the fuzz world.
 * Values are strings (that is all a form can carry); their content is what a careless or
 * malicious client sends: wrong types, huge and empty text, unusual Unicode, out-of-range
 * numbers and money, injection strings, near-miss ids and dates.
 */

const HUGE = (n: number, unit = "x") => unit.repeat(n);

/** Text that breaks parsers, encoders, column types and templates. */
export const UNUSUAL_TEXT = [
  "",
  " ",
  "\t\n\r",
  "\u0000",
  "a\u0000b",
  "\u202Eevil\u202C",
  "\u200F\u200E\u061C",
  "\u200B\u200C\u200D\uFEFF",
  "\uD800",
  "x\uDFFFy",
  "\uD83D",
  "👩‍👩‍👧‍👦🏊‍♀️",
  "e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308",
  "Z̷̢̛̪͓̈́a̶̡͔̐l̸̨̈g̵̣̈o̸͚͌",
  "１２３",
  "٣٤٥",
  "\uFFFD\uFFFE\uFFFF",
  "\u{10FFFF}",
  "\u0085\u2028\u2029",
  "%00",
  "%E0%A4%A",
  "\r\nSet-Cookie: pwned=1",
];

export const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE app_user; --",
  "1; SELECT pg_sleep(0)--",
  '" OR ""="',
  "\\'",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "{{7*7}}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as typed
  "${7*7}",
  "#{7*7}",
  "<%= 7*7 %>",
  "../../../../etc/passwd",
  "..\\..\\..\\windows\\win.ini",
  "/%2e%2e/%2e%2e/etc/passwd",
  "//evil.example/",
  "https://evil.example/",
  "__proto__",
  "constructor",
  '{"$ne":null}',
  "[object Object]",
  "undefined",
  "null",
];

/** Amounts, counts and years a careless client sends. */
export const ODD_NUMBERS = [
  "0",
  "-0",
  "-1",
  "-100000000",
  "1.5",
  "0.001",
  "1e3",
  "1e309",
  "-1e309",
  "NaN",
  "Infinity",
  "-Infinity",
  "0x1F",
  "2147483647",
  "2147483648",
  "-2147483649",
  "9007199254740993",
  "99999999999999999999999999",
  " 12 ",
  "12abc",
  "１０",
  "true",
];

export const NEAR_IDS = [
  "not-a-uuid",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  HUGE(36, "-"),
  HUGE(36, "a"),
  "0123456789abcdef0123456789abcdef0123",
  "12345678-1234-1234-1234-1234567890ab ",
  "{12345678-1234-1234-1234-1234567890ab}",
  "12345678123412341234123456789abg",
  "1",
  "-1",
];

export const ODD_DATES = [
  "2026-02-30",
  "2026-13-01",
  "0000-00-00",
  "9999-12-31",
  "275760-09-13",
  "1970-01-01",
  "2026-1-1",
  "2026/01/01",
  "2026-01-01T00:00:00Z",
  "25:00",
  "23:60",
  "-01:00",
];

const huge = fc.constantFrom(
  HUGE(257),
  HUGE(1001),
  HUGE(2001, "中"),
  HUGE(4097),
  HUGE(20_000, "é"),
  HUGE(100_000),
  HUGE(64, "9"),
);

/** Any code point, lone surrogates included (JavaScript strings are UTF-16 units). */
const anyUnits = fc.string({ unit: "binary", maxLength: 40 });
const graphemes = fc.string({ unit: "grapheme", maxLength: 40 });

/** One hostile string value. */
export const hostileValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...UNUSUAL_TEXT) },
  { weight: 3, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 3, arbitrary: fc.constantFrom(...ODD_NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom(...NEAR_IDS) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_DATES) },
  { weight: 2, arbitrary: huge },
  { weight: 2, arbitrary: anyUnits },
  { weight: 1, arbitrary: graphemes },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
);

/** Field names nobody asked for: nested, prototype-polluting, empty, huge. */
const extraName = fc.oneof(
  fc.constantFrom(
    "",
    "__proto__",
    "__proto__.polluted",
    "constructor.prototype.x",
    "a.b.c.d.e",
    "items.0.x",
    "items.99999999.x",
    "x[]",
    "0",
    "\u0000",
    "id",
    "authorityId",
    "institutionId",
    "userId",
    "role",
    "status",
    "amountFen",
    HUGE(5000, "k"),
  ),
  fc.string({ maxLength: 12 }),
);

export type FieldKind = "id" | "date" | "time" | "number" | "email" | "text" | "choice";

/** What a field plausibly holds, guessed from its name: near-valid values reach deeper code. */
export function kindOf(name: string): FieldKind {
  const last = name.split(".").pop() ?? name;
  if (/(^id$|Id$|Ids$)/.test(last)) return "id";
  if (/(date|Date|day|Day|deadline|dueOn|period|ExpiresOn|On$)/.test(last)) return "date";
  if (/(time|Time)$/.test(last)) return "time";
  if (/(email)/i.test(last)) return "email";
  if (
    /(Fen|Yuan|amount|count|lessons|Year|year|capacity|area|number|Count|age|depth|Depth|temperature|chlorine|ph$)/i.test(
      last,
    )
  )
    return "number";
  if (/(kind|role|result|outcome|category|working|lng|status|sport|accept|queue|level)/i.test(last)) return "choice";
  return "text";
}

const todayish = fc.integer({ min: -400, max: 400 }).map((days) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
});

/** A near-valid value of a kind; `ids` are real ids of the fuzz world (foreign and own alike). */
export function plausibleValue(kind: FieldKind, ids: readonly string[], choices: readonly string[]) {
  switch (kind) {
    case "id":
      return ids.length > 0 ? fc.oneof(fc.constantFrom(...ids), fc.uuid()) : fc.uuid();
    case "date":
      return todayish;
    case "time":
      return fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
    case "number":
      return fc.oneof(fc.integer({ min: -10, max: 400 }).map(String), fc.constantFrom(...ODD_NUMBERS));
    case "email":
      return fc.oneof(fc.emailAddress(), fc.constantFrom("parent@tipei.example", "admin@tipei.example"));
    case "choice":
      return choices.length > 0 ? fc.constantFrom(...choices) : hostileValue;
    case "text":
      return fc.oneof(
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }),
        fc.constantFrom("测试内容，足够长的说明文字。"),
      );
  }
}

/** One form: an ordered list of name/value pairs (names may repeat, as checkboxes do). */
export type FormPairs = [string, string][];

export type FormShape = {
  /** Field names the route's forms read (dotted names for list rows). */
  fields: readonly string[];
  /** Intents the route dispatches on; fuzzing mixes them with wrong and missing ones. */
  intents: readonly string[];
  /** Values that choice-like fields accept. */
  choices: readonly string[];
  /** Real ids of the fuzz world. */
  ids: readonly string[];
};

const valueFor = (name: string, shape: FormShape) =>
  fc.oneof(
    { weight: 3, arbitrary: hostileValue },
    { weight: 2, arbitrary: plausibleValue(kindOf(name), shape.ids, shape.choices) },
  );

export const wrongIntent = fc.oneof(hostileValue, fc.constantFrom("delete", "approve", "admin", "INTENT", "set "));

/** The intent of one post: a real one most often (to reach the code behind it), else wrong or none. */
export function intentArbitrary(intents: readonly string[]): fc.Arbitrary<string | null> {
  if (intents.length === 0) return fc.option(wrongIntent, { freq: 2 });
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...intents) },
    { weight: 2, arbitrary: wrongIntent },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

/** The fields of one post: each known field absent, once or repeated; plus unknown extras. */
export function formPairs(shape: FormShape): fc.Arbitrary<FormPairs> {
  const known = shape.fields.map((name) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constant([] as FormPairs) },
      { weight: 5, arbitrary: valueFor(name, shape).map((v): FormPairs => [[name, v]]) },
      {
        weight: 1,
        arbitrary: fc
          .array(valueFor(name, shape), { minLength: 2, maxLength: 3 })
          .map((vs): FormPairs => vs.map((v) => [name, v])),
      },
    ),
  );
  const extras = fc.array(fc.tuple(extraName, hostileValue), { maxLength: 3 });
  return fc.tuple(fc.tuple(...known), extras).map(([parts, more]) => [...parts.flat(), ...more]);
}

/** An uploaded part: empty, tiny, type-spoofed or with a hostile name. */
export const hostileFile = fc
  .record({
    name: fc.constantFrom("photo.jpg", "scan.pdf", "../../evil.exe", "a\u0000.png", "", "证书.PDF", HUGE(300, "n")),
    type: fc.constantFrom("image/jpeg", "application/pdf", "application/x-msdownload", "", "text/html"),
    bytes: fc.oneof(
      fc.constant(new Uint8Array(0)),
      fc.uint8Array({ maxLength: 64 }),
      fc.constant(new TextEncoder().encode("MZ\u0090\u0000 this is not a picture")),
      fc.constant(new TextEncoder().encode("%PDF-1.4\n%\u00e2\u00e3 truncated")),
      fc.constant(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46])),
    ),
  })
  .map(({ name, type, bytes }) => new File([bytes], name, { type }));

/** How the body travels: as browsers send it, as multipart, or malformed. */
export type Encoding =
  | { kind: "urlencoded" }
  | { kind: "multipart"; files: [string, File][] }
  | { kind: "raw"; contentType: string | null; body: string };

export function encodingArbitrary(fileFields: readonly string[]): fc.Arbitrary<Encoding> {
  const fileName = fc.oneof(fc.constantFrom(...fileFields, "file", "photos", "evidence"), extraName);
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant<Encoding>({ kind: "urlencoded" }) },
    {
      weight: 4,
      arbitrary: fc
        .array(fc.tuple(fileName, hostileFile), { maxLength: 3 })
        .map((files): Encoding => ({ kind: "multipart", files })),
    },
    {
      weight: 3,
      arbitrary: fc.constantFrom<Encoding>(
        { kind: "raw", contentType: "multipart/form-data", body: "--x\r\n" },
        {
          kind: "raw",
          contentType: "multipart/form-data; boundary=zzz",
          body: '--zzz\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated',
        },
        { kind: "raw", contentType: "multipart/form-data; boundary=zzz", body: "not multipart at all" },
        {
          kind: "raw",
          contentType: "multipart/form-data; boundary=zzz",
          body: "--zzz\r\nContent-Disposition: form-data\r\n\r\nx\r\n--zzz--\r\n",
        },
        { kind: "raw", contentType: "application/json", body: '{"intent":"x","amountFen":-1}' },
        { kind: "raw", contentType: "text/plain", body: "intent=x" },
        { kind: "raw", contentType: null, body: "a=1&b=2" },
        { kind: "raw", contentType: "application/x-www-form-urlencoded", body: "a=%zz&%E0%A4%A=1&&=&intent" },
        { kind: "raw", contentType: "application/x-www-form-urlencoded", body: "" },
      ),
    },
  );
}

/** Lone surrogates replaced by U+FFFD, as a URL or header decodes them. */
export function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

/** Builds the Request of one case. */
export function buildPost(url: string, pairs: FormPairs, encoding: Encoding, cookie: string | null): Request {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie);
  let body: BodyInit;
  if (encoding.kind === "urlencoded") {
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    body = new URLSearchParams(pairs);
  } else if (encoding.kind === "multipart") {
    const form = new FormData();
    for (const [k, v] of pairs) form.append(k, v);
    for (const [k, f] of encoding.files) form.append(k, f);
    body = form;
  } else {
    if (encoding.contentType) headers.set("Content-Type", encoding.contentType);
    body = encoding.body;
  }
  return new Request(url, { method: "POST", body, headers });
}
