import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the few Stripe API endpoints the escrow uses, so the real `stripe` SDK can be
 * exercised without the network: point it at `url` (StripeProvider's `apiUrl`, STRIPE_API_URL).
 * It speaks the SDK's wire format (form-encoded `a[b][0][c]` bodies, `Bearer` keys, `Idempotency-Key`,
 * Stripe's error JSON) and keeps its objects in memory. What the institution or the parent does on
 * Stripe's own pages is done by helpers: `completeOnboarding`, `payCheckout`.
 *
 * Simplified on purpose: no balance (a transfer never fails for lack of available funds), no lists,
 * and a checkout session's payment intent exists from creation (Stripe makes it on completion).
 */

export type FormValue = string | FormValue[] | FormObject;
export type FormObject = { [key: string]: FormValue };
type Metadata = Record<string, string>;
type StripeObject<Kind extends string> = { id: string; object: Kind; metadata: Metadata };

export type RecordedRequest = {
  method: string;
  /** Without the query, e.g. `/v1/checkout/sessions`. */
  path: string;
  query: FormObject;
  body: FormObject;
  idempotencyKey: string | null;
  stripeVersion: string | null;
  /** The status answered (0 while being handled). */
  status: number;
};

export type EmulatedAccount = StripeObject<"account"> & {
  email: string | null;
  business_profile: { name: string | null };
  controller: FormValue | null;
  capabilities: { transfers?: "active" | "inactive" };
  charges_enabled: boolean;
  payouts_enabled: boolean;
};
export type EmulatedAccountLink = { object: "account_link"; account: string; url: string; created: number };
export type EmulatedCheckoutSession = StripeObject<"checkout.session"> & {
  url: string;
  status: "open" | "complete";
  payment_status: "unpaid" | "paid";
  amount_total: number;
  currency: string;
  payment_method_types: FormValue[];
  payment_intent: string;
  client_reference_id: string | null;
};
export type EmulatedPaymentIntent = StripeObject<"payment_intent"> & {
  amount: number;
  currency: string;
  status: "requires_payment_method" | "succeeded";
  latest_charge: string;
  transfer_group: string | null;
};
export type EmulatedCharge = Omit<StripeObject<"charge">, "metadata"> & {
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  currency: string;
  paid: boolean;
  captured: boolean;
  refunded: boolean;
  payment_intent: string;
};
export type EmulatedRefund = StripeObject<"refund"> & {
  amount: number;
  charge: string;
  payment_intent: string;
  status: "succeeded";
};
export type EmulatedTransfer = StripeObject<"transfer"> & {
  amount: number;
  amount_reversed: number;
  currency: string;
  destination: string;
  reversed: boolean;
};
export type EmulatedTransferReversal = StripeObject<"transfer_reversal"> & { amount: number; transfer: string };

export type StripeEmulatorState = {
  accounts: Map<string, EmulatedAccount>;
  accountLinks: EmulatedAccountLink[];
  checkoutSessions: Map<string, EmulatedCheckoutSession>;
  paymentIntents: Map<string, EmulatedPaymentIntent>;
  charges: Map<string, EmulatedCharge>;
  refunds: Map<string, EmulatedRefund>;
  transfers: Map<string, EmulatedTransfer>;
  transferReversals: Map<string, EmulatedTransferReversal>;
};

export type StripeEmulator = {
  url: string;
  /** The only key accepted (`Authorization: Bearer …`); anything else is answered 401. */
  secretKey: string;
  requests: RecordedRequest[];
  state: StripeEmulatorState;
  /** What the institution does on Stripe's onboarding pages: charges, payouts and transfers enabled. */
  completeOnboarding(accountId: string): EmulatedAccount;
  /** What the parent does on the checkout page: the intent's charge is paid and captured in full. */
  payCheckout(sessionId: string): EmulatedCheckoutSession;
  /** The next `count` requests are recorded but answered 500 (an outage) before anything is done. */
  failNext(count?: number): void;
  /** Forgets every object (emptying the same maps), recorded request and idempotency key. */
  reset(): void;
  close(): Promise<void>;
};

export const EMULATOR_SECRET_KEY = "sk_test_tipei_emulator";

/** A Stripe-shaped event around an object, to sign with `Stripe.webhooks.generateTestHeaderString`. */
export function stripeEvent(type: string, object: object) {
  const created = Math.floor(Date.now() / 1000);
  return { id: newId("evt"), object: "event", api_version: null, created, livemode: false, type, data: { object } };
}

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: { type?: string; code?: string; param?: string } = {},
  ) {
    super(message);
  }
}

type Answer = { status: number; body: unknown; replayed?: boolean };
type Handler = (params: string[], body: FormObject, query: FormObject) => unknown;

export async function startStripeEmulator(options: { secretKey?: string } = {}): Promise<StripeEmulator> {
  const secretKey = options.secretKey ?? EMULATOR_SECRET_KEY;
  const requests: RecordedRequest[] = [];
  const state = emptyState();
  /** Idempotency key → the request it was first used with and the answer given. */
  const replays = new Map<string, { fingerprint: string; answer: Answer }>();
  let failures = 0;

  const routes: [method: string, pattern: RegExp, handle: Handler][] = [
    ["POST", /^\/v1\/accounts$/, (_, body) => createAccount(state, body)],
    ["POST", /^\/v1\/account_links$/, (_, body) => createAccountLink(state, body)],
    ["POST", /^\/v1\/checkout\/sessions$/, (_, body) => createCheckoutSession(state, body)],
    ["GET", /^\/v1\/payment_intents\/([^/]+)$/, ([id], _, query) => retrieveIntent(state, id, query)],
    ["GET", /^\/v1\/charges\/([^/]+)$/, ([id]) => found(state.charges, id, "charge")],
    ["POST", /^\/v1\/refunds$/, (_, body) => createRefund(state, body)],
    ["POST", /^\/v1\/transfers$/, (_, body) => createTransfer(state, body)],
    ["GET", /^\/v1\/transfers\/([^/]+)$/, ([id]) => found(state.transfers, id, "transfer")],
    ["POST", /^\/v1\/transfers\/([^/]+)\/reversals$/, ([id], body) => createReversal(state, id, body)],
  ];

  function answer(request: RecordedRequest, rawBody: string, authorization: string | null): Answer {
    if (failures > 0) {
      failures -= 1;
      throw new StripeApiError(500, "An unexpected error occurred (emulated outage).", { type: "api_error" });
    }
    const key = /^Bearer (\S+)$/.exec(authorization ?? "")?.[1];
    if (key !== secretKey) {
      throw new StripeApiError(
        401,
        key ? `Invalid API Key provided: ${key.slice(0, 8)}***` : "You did not provide an API key.",
      );
    }
    const route = routes.find(([method, pattern]) => method === request.method && pattern.test(request.path));
    if (!route) throw new StripeApiError(404, `Unrecognized request URL (${request.method}: ${request.path}).`);
    const idempotencyKey = request.method === "POST" ? request.idempotencyKey : null;
    const fingerprint = `${request.method} ${request.path} ${rawBody}`;
    const earlier = idempotencyKey ? replays.get(idempotencyKey) : undefined;
    if (earlier && earlier.fingerprint !== fingerprint) {
      const message =
        "Keys for idempotent requests can only be used with the same parameters they were first used with.";
      throw new StripeApiError(400, message, { type: "idempotency_error" });
    }
    if (earlier) return { ...earlier.answer, replayed: true };
    let result: Answer;
    try {
      const params = (route[1].exec(request.path) ?? []).slice(1);
      result = { status: 200, body: route[2](params, request.body, request.query) };
    } catch (error) {
      if (!(error instanceof StripeApiError) || error.status >= 500) throw error;
      result = errorAnswer(error);
    }
    // Stripe replays the first answer as it was then, not the object as it is now.
    if (idempotencyKey) replays.set(idempotencyKey, { fingerprint, answer: structuredClone(result) });
    return result;
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://emulator");
      const request: RecordedRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: parseForm(url.search.slice(1)),
        body: parseForm(rawBody),
        idempotencyKey: header(req, "idempotency-key"),
        stripeVersion: header(req, "stripe-version"),
        status: 0,
      };
      requests.push(request);
      let answered: Answer;
      try {
        answered = answer(request, rawBody, header(req, "authorization"));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        answered = errorAnswer(error instanceof StripeApiError ? error : new StripeApiError(500, message));
      }
      request.status = answered.status;
      const headers: Record<string, string> = { "Content-Type": "application/json", "Request-Id": newId("req") };
      if (answered.replayed) headers["Idempotent-Replayed"] = "true";
      res.writeHead(answered.status, headers).end(JSON.stringify(answered.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    secretKey,
    requests,
    state,
    completeOnboarding(accountId) {
      const account = found(state.accounts, accountId, "account");
      Object.assign(account, { charges_enabled: true, payouts_enabled: true });
      if (account.capabilities.transfers) account.capabilities.transfers = "active";
      return account;
    },
    payCheckout(sessionId) {
      const session = found(state.checkoutSessions, sessionId, "checkout.session");
      const intent = found(state.paymentIntents, session.payment_intent, "payment_intent");
      const charge = found(state.charges, intent.latest_charge, "charge");
      Object.assign(charge, { paid: true, captured: true, amount_captured: charge.amount });
      Object.assign(intent, { status: "succeeded" });
      Object.assign(session, { status: "complete", payment_status: "paid" });
      return session;
    },
    failNext(count = 1) {
      failures = count;
    },
    reset() {
      requests.length = 0;
      for (const collection of Object.values(state)) {
        if (Array.isArray(collection)) collection.length = 0;
        else collection.clear();
      }
      replays.clear();
      failures = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function emptyState(): StripeEmulatorState {
  return {
    accounts: new Map(),
    accountLinks: [],
    checkoutSessions: new Map(),
    paymentIntents: new Map(),
    charges: new Map(),
    refunds: new Map(),
    transfers: new Map(),
    transferReversals: new Map(),
  };
}

function createAccount(state: StripeEmulatorState, body: FormObject): EmulatedAccount {
  const account: EmulatedAccount = {
    id: newId("acct"),
    object: "account",
    email: optionalString(body, "email"),
    business_profile: { name: optionalString(objectParam(body, "business_profile"), "name") },
    controller: body.controller ?? null,
    capabilities: "transfers" in objectParam(body, "capabilities") ? { transfers: "inactive" } : {},
    charges_enabled: false,
    payouts_enabled: false,
    metadata: metadataParam(body),
  };
  state.accounts.set(account.id, account);
  return account;
}

function createAccountLink(state: StripeEmulatorState, body: FormObject): EmulatedAccountLink {
  const account = found(state.accounts, requiredString(body, "account"), "account", "account");
  requiredString(body, "type");
  const url = `https://connect.stripe.com/setup/e/${account.id}/${randomBytes(6).toString("hex")}`;
  const link = { object: "account_link", account: account.id, url, created: Math.floor(Date.now() / 1000) } as const;
  state.accountLinks.push(link);
  return link;
}

function createCheckoutSession(state: StripeEmulatorState, body: FormObject): EmulatedCheckoutSession {
  const items = body.line_items;
  if (!Array.isArray(items) || items.length === 0) throw missing("line_items");
  const amount = items.reduce<number>((sum, item, i) => {
    const line = asObject(item, `line_items[${i}]`);
    return sum + integerParam(objectParam(line, "price_data"), "unit_amount") * integerParam(line, "quantity");
  }, 0);
  const currency = requiredString(body, "currency");
  const intentData = objectParam(body, "payment_intent_data");
  requiredString(body, "mode");
  const charge: EmulatedCharge = {
    id: newId("ch"),
    object: "charge",
    amount,
    amount_captured: 0,
    amount_refunded: 0,
    currency,
    paid: false,
    captured: false,
    refunded: false,
    payment_intent: newId("pi"),
  };
  const intent: EmulatedPaymentIntent = {
    id: charge.payment_intent,
    object: "payment_intent",
    amount,
    currency,
    status: "requires_payment_method",
    latest_charge: charge.id,
    transfer_group: optionalString(intentData, "transfer_group"),
    metadata: metadataParam(intentData),
  };
  const id = `cs_test_${randomBytes(12).toString("hex")}`;
  const methods = body.allowed_payment_method_types ?? body.payment_method_types;
  const session: EmulatedCheckoutSession = {
    id,
    object: "checkout.session",
    url: `https://checkout.stripe.com/c/pay/${id}`,
    status: "open",
    payment_status: "unpaid",
    amount_total: amount,
    currency,
    payment_intent: intent.id,
    payment_method_types: Array.isArray(methods) ? methods : ["card"],
    client_reference_id: optionalString(body, "client_reference_id"),
    metadata: metadataParam(body),
  };
  state.charges.set(charge.id, charge);
  state.paymentIntents.set(intent.id, intent);
  state.checkoutSessions.set(session.id, session);
  return session;
}

function retrieveIntent(state: StripeEmulatorState, id: string | undefined, query: FormObject) {
  const intent = found(state.paymentIntents, id, "payment_intent");
  const expand = query.expand;
  if (!(Array.isArray(expand) ? expand : [expand]).includes("latest_charge")) return intent;
  return { ...intent, latest_charge: found(state.charges, intent.latest_charge, "charge") };
}

function createRefund(state: StripeEmulatorState, body: FormObject): EmulatedRefund {
  const intent = found(
    state.paymentIntents,
    requiredString(body, "payment_intent"),
    "payment_intent",
    "payment_intent",
  );
  const charge = found(state.charges, intent.latest_charge, "charge");
  if (!charge.paid) throw invalid(`PaymentIntent ${intent.id} has no successful charge to refund.`, "charge_not_paid");
  const left = charge.amount_captured - charge.amount_refunded;
  const amount = body.amount === undefined ? left : integerParam(body, "amount");
  if (amount > left) {
    throw invalid(
      `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
      "amount_too_large",
    );
  }
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount_captured;
  const refund: EmulatedRefund = {
    id: newId("re"),
    object: "refund",
    amount,
    charge: charge.id,
    payment_intent: intent.id,
    status: "succeeded",
    metadata: metadataParam(body),
  };
  state.refunds.set(refund.id, refund);
  return refund;
}

function createTransfer(state: StripeEmulatorState, body: FormObject): EmulatedTransfer {
  const account = found(state.accounts, requiredString(body, "destination"), "destination", "destination");
  if (account.capabilities.transfers !== "active") {
    const message = `Your destination account ${account.id} needs to have the transfers capability enabled.`;
    throw invalid(message, "insufficient_capabilities_for_transfer", "destination");
  }
  const transfer: EmulatedTransfer = {
    id: newId("tr"),
    object: "transfer",
    amount: integerParam(body, "amount"),
    amount_reversed: 0,
    currency: requiredString(body, "currency"),
    destination: account.id,
    reversed: false,
    metadata: metadataParam(body),
  };
  state.transfers.set(transfer.id, transfer);
  return transfer;
}

function createReversal(
  state: StripeEmulatorState,
  id: string | undefined,
  body: FormObject,
): EmulatedTransferReversal {
  const transfer = found(state.transfers, id, "transfer");
  const left = transfer.amount - transfer.amount_reversed;
  const amount = body.amount === undefined ? left : integerParam(body, "amount");
  if (amount > left) throw invalid(`Reversal amount (${amount}) exceeds what is left on the transfer (${left}).`);
  transfer.amount_reversed += amount;
  transfer.reversed = transfer.amount_reversed === transfer.amount;
  const reversal: EmulatedTransferReversal = {
    id: newId("trr"),
    object: "transfer_reversal",
    amount,
    transfer: transfer.id,
    metadata: metadataParam(body),
  };
  state.transferReversals.set(reversal.id, reversal);
  return reversal;
}

// ---- the wire format ----------------------------------------------------------------------------

/** `a[b][0][c]=x&a[list][]=y` → `{ a: { b: [{ c: "x" }], list: ["y"] } }` (qs-style, as the SDK writes it). */
export function parseForm(encoded: string): FormObject {
  const root: FormObject = {};
  for (const pair of encoded.split("&").filter(Boolean)) {
    const at = pair.includes("=") ? pair.indexOf("=") : pair.length;
    const [rawKey, value] = [decode(pair.slice(0, at)), decode(pair.slice(at + 1))];
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    if (!match?.[1]) continue;
    const segments = [match[1], ...[...(match[2] ?? "").matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? "")];
    if (!segments.some((s) => ["__proto__", "constructor", "prototype"].includes(s))) assign(root, segments, value);
  }
  return root;
}

function assign(container: FormObject | FormValue[], segments: string[], value: string): void {
  const [segment = "", ...rest] = segments;
  const slots = container as Record<string | number, FormValue | undefined>;
  const slot = Array.isArray(container) ? (segment === "" ? container.length : Number(segment)) : segment;
  if (rest.length === 0) {
    slots[slot] = value;
    return;
  }
  const existing = slots[slot];
  const child = typeof existing === "object" ? existing : rest[0] === "" || /^\d+$/.test(rest[0] ?? "") ? [] : {};
  slots[slot] = child;
  assign(child, rest, value);
}

function decode(encoded: string): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, " "));
  } catch {
    return encoded;
  }
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function errorAnswer(error: StripeApiError): Answer {
  const type = error.extra.type ?? (error.status >= 500 ? "api_error" : "invalid_request_error");
  return { status: error.status, body: { error: { ...error.extra, type, message: error.message } } };
}

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("hex")}`;
}

function found<T>(objects: Map<string, T>, id: string | undefined, kind: string, param?: string): T {
  const object = id === undefined ? undefined : objects.get(id);
  if (object === undefined)
    throw new StripeApiError(404, `No such ${kind}: '${id}'`, { code: "resource_missing", param });
  return object;
}

function invalid(message: string, code?: string, param = "amount"): StripeApiError {
  return new StripeApiError(400, message, { code, param });
}

function missing(param: string): StripeApiError {
  return invalid(`Missing required param: ${param}.`, "parameter_missing", param);
}

function asObject(value: FormValue | undefined, param: string): FormObject {
  if (typeof value === "string" || Array.isArray(value)) throw invalid(`Invalid object: ${param}`, undefined, param);
  return value ?? {};
}

function objectParam(body: FormObject, param: string): FormObject {
  return asObject(body[param], param);
}

function optionalString(body: FormObject, param: string): string | null {
  const value = body[param];
  return typeof value === "string" ? value : null;
}

function requiredString(body: FormObject, param: string): string {
  const value = optionalString(body, param);
  if (!value) throw missing(param);
  return value;
}

function integerParam(body: FormObject, param: string): number {
  const value = requiredString(body, param);
  if (!/^\d+$/.test(value)) throw invalid(`Invalid integer: ${value}`, "parameter_invalid_integer", param);
  return Number(value);
}

function metadataParam(body: FormObject): Metadata {
  const entries = Object.entries(objectParam(body, "metadata"));
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}
