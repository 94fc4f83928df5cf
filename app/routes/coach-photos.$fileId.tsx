import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/modules/identity/guards.server";
import { openPublicCoachPhoto } from "~/modules/registry/files.server";
import { publicPhotoHeaders } from "~/modules/registry/files-headers";

/**
 * A coach's photo as the public registry shows it (STF-04: name, photo and certificate number
 * are public). Only a file that a registered institution's public profile names as a coach's
 * photo is served; any other id, existing or not, is a 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const photo = await openPublicCoachPhoto(params.fileId ?? "");
  if (!photo) throw notFound();
  const headers = publicPhotoHeaders(photo);
  if (request.method === "HEAD") {
    // Remix drops a HEAD response's body without reading it; close the file ourselves.
    await photo.body.cancel();
    return new Response(null, { headers });
  }
  return new Response(photo.body, { headers });
}
