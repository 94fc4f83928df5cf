import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import type { FieldErrors } from "./parse.server";
import { formFailure, formValues } from "./parse.server";

/**
 * Reads a multipart form (a form with files) within hard limits: the whole body may not exceed
 * `maxTotalBytes` (refused from Content-Length before reading anything, and otherwise the moment
 * the running count passes it), and no single part may exceed `maxPartBytes`. Over a limit the
 * answer is a localized 413; a body that is not a multipart form is a 400 — never a 500.
 */
export type MultipartLimits = { maxPartBytes: number; maxTotalBytes: number };

export type MultipartForm = {
  /** The text fields, shaped as `parseForm` shapes them, for the same zod schemas. */
  values: Record<string, unknown>;
  /** The chosen files by field name; a file input left empty sends nothing here. */
  files: Map<string, File[]>;
};

export type MultipartResult =
  | { ok: true; form: MultipartForm }
  | { ok: false; response: ReturnType<typeof formFailure> };

class BodyTooLarge extends Error {
  override name = "BodyTooLarge";
}

export async function parseMultipartForm(request: Request, limits: MultipartLimits): Promise<MultipartResult> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data;\s*boundary=/i.test(contentType) || !request.body) return notAForm();
  const declared = Number(request.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > limits.maxTotalBytes) return tooLarge({});

  const capped = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: capStream(request.body, limits.maxTotalBytes),
    duplex: "half",
  } as RequestInit);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      capped,
      unstable_createMemoryUploadHandler({ maxPartSize: limits.maxPartBytes }),
    );
  } catch (error) {
    if (isBodyTooLarge(error)) return tooLarge({});
    if (error instanceof MaxPartSizeExceededError) return tooLarge({ [error.field]: ["validation.upload.tooLarge"] });
    return notAForm();
  }

  const files = new Map<string, File[]>();
  for (const [name, value] of form) {
    // An empty file input still sends a part: no name, no bytes. It means "no file chosen".
    if (typeof value === "string" || (value.name === "" && value.size === 0)) continue;
    files.set(name, [...(files.get(name) ?? []), value]);
  }
  return { ok: true, form: { values: formValues(form), files } };
}

function notAForm() {
  return { ok: false as const, response: formFailure({ fieldErrors: {}, formError: "validation.badForm" }, 400) };
}

function tooLarge(fieldErrors: FieldErrors) {
  return {
    ok: false as const,
    response: formFailure({ fieldErrors, formError: "validation.upload.requestTooLarge" }, 413),
  };
}

/** Passes the body through until `max` bytes, then fails and stops reading the client's upload. */
function capStream(body: ReadableStream<Uint8Array>, max: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let seen = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      seen += value.byteLength;
      if (seen > max) {
        await reader.cancel();
        controller.error(new BodyTooLarge());
        return;
      }
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** The cap's error, possibly wrapped by the multipart parser. */
function isBodyTooLarge(error: unknown): boolean {
  let current: unknown = error;
  while (current instanceof Error) {
    if (current.name === BodyTooLarge.name) return true;
    current = current.cause;
  }
  return false;
}
