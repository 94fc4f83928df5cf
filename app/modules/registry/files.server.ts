import { z } from "zod";
import { type Db, inPublicRegistry, inScope, unsafeAsSystem } from "~/lib/db-scope.server";
import type { MessageKey } from "~/lib/i18n/catalog";
import { logger } from "~/lib/logger.server";
import { demoPlaceholderAt } from "~/lib/storage/demo-placeholders";
import { EXTENSION_OF } from "~/lib/storage/file-signature";
import { inspectUpload } from "~/lib/storage/inspect-upload.server";
import { isStorageKey, newStorageKey } from "~/lib/storage/storage";
import { getStorage } from "~/lib/storage/storage-backend.server";
import { appendAudit } from "~/modules/audit/append.server";
import type { Viewer } from "~/modules/identity/session.server";
import { COMPLAINT_PHOTO, complaintPhotoInstitutionOf, fileReadScopes, mayServeFile } from "./files-access.server";
import { type FilePurpose, refusalMessage, UPLOAD_RULES, uploadKindOf } from "./files-purposes";
import type { ActingScope } from "./filing.server";

/**
 * Files an institution uploads for its filings (licences, permits, certificate scans, coach
 * photos). The bytes go to the storage backend under a random key; the stored_file row says
 * whose file it is, what it is and its sha256. Files are read back only through `openFileForViewer`
 * (members, the regulators above, platform admins) or, for coach photos on a public profile,
 * `openPublicCoachPhoto`.
 */
export type FileUpload = { institutionId: string; purpose: FilePurpose; file: File };
export type StoreUploadResult = { ok: true; fileId: string } | { ok: false; error: MessageKey };

/** The institution does not exist or the caller cannot see it (the route answers 404). */
export class UploadInstitutionNotFound extends Error {}

const uuid = z.uuid();
const isUuid = (value: string) => uuid.safeParse(value).success;

/**
 * Checks an upload (content, size), stores its bytes and records it, audited, in the caller's
 * scope. Refusals of the file come back as a message key for the form; a failure after the
 * bytes were written removes them again, so no object outlives a missing row.
 */
export async function storeUpload(scope: ActingScope, upload: FileUpload): Promise<StoreUploadResult> {
  if (!isUuid(upload.institutionId)) throw new UploadInstitutionNotFound(upload.institutionId);
  const inspected = await inspectUpload(upload.file, UPLOAD_RULES[uploadKindOf(upload.purpose)]);
  if (!inspected.ok) return { ok: false, error: refusalMessage(upload.purpose, inspected.problem) };
  const { bytes, sizeBytes, sha256, contentType } = inspected.upload;

  const storage = getStorage();
  const storageKey = newStorageKey();
  // Bytes first, outside the transaction: a slow object store must not hold a database transaction open.
  await storage.put(storageKey, bytes, { contentType });
  try {
    const fileId = await inScope(scope, async (db) => {
      const institution = await db.institution.findUnique({
        where: { id: upload.institutionId },
        select: { authorityId: true },
      });
      if (!institution) throw new UploadInstitutionNotFound(upload.institutionId);
      const row = await db.storedFile.create({
        data: {
          authorityId: institution.authorityId,
          institutionId: upload.institutionId,
          purpose: upload.purpose,
          originalName: storedName(upload.file.name, upload.purpose, EXTENSION_OF[contentType]),
          contentType,
          sizeBytes,
          sha256,
          storageKey,
          uploadedById: scope.userId,
        },
        select: { id: true },
      });
      await appendAudit(db, {
        actorUserId: scope.userId,
        authorityId: institution.authorityId,
        action: "registry.file.uploaded",
        entityType: "stored_file",
        entityId: row.id,
        // No file name: it may hold a person's name, and the trail is read by many.
        after: { institutionId: upload.institutionId, purpose: upload.purpose, contentType, sizeBytes, sha256 },
      });
      return row.id;
    });
    return { ok: true, fileId };
  } catch (error) {
    await storage.delete(storageKey).catch((cleanup: unknown) => {
      logger.error({ err: cleanup, storageKey }, "could not remove the bytes of an upload that was not recorded");
    });
    throw error;
  }
}

/** The uploader's file name, cleaned: no path, no control characters, at most 255 characters. */
export function storedName(name: string, purpose: FilePurpose, extension: string): string {
  const base = (name.split(/[/\\]/).pop() ?? "")
    .normalize("NFC")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .trim();
  const chosen = base === "" ? `${purpose}.${extension}` : base;
  return [...chosen].slice(0, 255).join("");
}

export type OpenedFile = {
  id: string;
  originalName: string;
  contentType: string;
  sizeBytes: number;
  body: ReadableStream<Uint8Array>;
};

const SERVED = { id: true, originalName: true, contentType: true, sizeBytes: true, storageKey: true } as const;
type ServedRow = { id: string; originalName: string; contentType: string; sizeBytes: number; storageKey: string };

/**
 * A file for a signed-in person, or null when it does not exist or is not theirs to read (the
 * route answers 404 either way, so existence does not leak).
 */
export async function openFileForViewer(viewer: Viewer, fileId: string): Promise<OpenedFile | null> {
  if (!isUuid(fileId)) return null;
  for (const scope of fileReadScopes(viewer)) {
    const row = await inScope(scope, (db) =>
      db.storedFile.findUnique({ where: { id: fileId }, select: { ...SERVED, purpose: true, institutionId: true } }),
    );
    if (row && mayServeFile(viewer, scope, row)) return openBytes(row);
  }
  // A parent's own complaint photo: stored_file has no parent policy, the complaint check is the rule.
  const institutionId = await complaintPhotoInstitutionOf(viewer.user.id, fileId);
  if (!institutionId) return null;
  const row = await unsafeAsSystem((db) =>
    db.storedFile.findFirst({ where: { id: fileId, purpose: COMPLAINT_PHOTO, institutionId }, select: SERVED }),
  );
  return row ? openBytes(row) : null;
}

/**
 * A coach photo for anyone, only while a registered institution shows it on its public profile
 * (STF-04) and the file really is that institution's coach photo — an id copied from another
 * institution's documents into a profile does not make that document public.
 */
export async function openPublicCoachPhoto(fileId: string): Promise<OpenedFile | null> {
  if (!isUuid(fileId)) return null;
  const showing = await inPublicRegistry((db) => institutionsShowingCoachPhoto(db, fileId));
  if (showing.length === 0) return null;
  // stored_file has no public read policy; the check above is what makes this one row public.
  const row = await unsafeAsSystem((db) =>
    db.storedFile.findFirst({
      where: { id: fileId, purpose: "coachPhoto", institutionId: { in: showing } },
      select: SERVED,
    }),
  );
  return row ? openBytes(row) : null;
}

async function institutionsShowingCoachPhoto(db: Db, fileId: string): Promise<string[]> {
  const coach = JSON.stringify([{ photoFileId: fileId }]);
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM institution
     WHERE registration_no IS NOT NULL AND public_profile -> 'coaches' @> ${coach}::jsonb`;
  return rows.map((r) => r.id);
}

async function openBytes(row: ServedRow): Promise<OpenedFile | null> {
  // Demo rows (prisma/seed) stand for two bundled placeholder files; nothing is in storage for them.
  const placeholder = demoPlaceholderAt(row.storageKey, row.contentType);
  if (placeholder) {
    const bytes = new Uint8Array(placeholder.bytes);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    return {
      id: row.id,
      originalName: row.originalName,
      contentType: placeholder.contentType,
      sizeBytes: bytes.length,
      body,
    };
  }
  const object = isStorageKey(row.storageKey) ? await getStorage().get(row.storageKey) : null;
  if (!object) {
    // A row without bytes is damage (a lost volume, a bucket emptied by hand): say so loudly.
    logger.error({ fileId: row.id }, "stored file has no bytes in the storage backend");
    return null;
  }
  return {
    id: row.id,
    originalName: row.originalName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    body: object.body,
  };
}

export type StoredFileSummary = {
  id: string;
  purpose: string;
  originalName: string;
  contentType: string;
  sizeBytes: number;
  createdAt: Date;
};

/**
 * Which of `fileIds` are this institution's files, with what the filing wizard shows of them.
 * A filing should only reference ids found here: an id of another institution's file (or of
 * none) is not a document this institution filed.
 */
export function filesOfInstitution(
  scope: ActingScope,
  institutionId: string,
  fileIds: readonly string[],
): Promise<StoredFileSummary[]> {
  const ids = fileIds.filter(isUuid);
  if (!isUuid(institutionId) || ids.length === 0) return Promise.resolve([]);
  return inScope(scope, (db) =>
    db.storedFile.findMany({
      where: { institutionId, id: { in: ids } },
      select: { id: true, purpose: true, originalName: true, contentType: true, sizeBytes: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
  );
}
