import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireViewer } from "~/modules/identity/guards.server";
import { openFileForViewer } from "~/modules/registry/files.server";
import { privateFileHeaders } from "~/modules/registry/files-headers";

/**
 * An uploaded document or photo, streamed to someone allowed to read it: the institution's
 * members, the regulators whose jurisdiction holds it, platform admins. Anonymous visitors are
 * sent to sign in (whatever the id, so that says nothing about it); everyone else who may not
 * read the file — or asks for an id that does not exist — gets the same 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const file = await openFileForViewer(viewer, params.fileId ?? "");
  if (!file) throw notFound();
  const headers = privateFileHeaders(file);
  if (request.method === "HEAD") {
    // Remix drops a HEAD response's body without reading it; close the file ourselves.
    await file.body.cancel();
    return new Response(null, { headers });
  }
  return new Response(file.body, { headers });
}
