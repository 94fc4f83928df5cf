// Any path no other route claims: the localized 404 page inside the site layout.
export function loader() {
  throw new Response(null, { status: 404 });
}

export default function NotFound() {
  return null;
}
