import { Form, Link, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { SubmitButton } from "~/components/ui/submit-button";
import { useTranslation } from "~/lib/i18n/use-translation";

/**
 * The list part of a list step (venues, coaches, courses): each item with its summary and, while
 * the filing can be edited, links to edit it (`?item=<id>`) and a form to remove it.
 */
export function ItemList<T extends { id: string }>(props: {
  items: readonly T[];
  canEdit: boolean;
  empty: ReactNode;
  title: (item: T) => ReactNode;
  summary: (item: T) => ReactNode;
}) {
  const { items, canEdit, empty, title, summary } = props;
  const { t } = useTranslation();
  const pending = useNavigation().state === "submitting";
  if (items.length === 0) return <p className="text-slate-700">{empty}</p>;
  return (
    <ul className="space-y-2">
      {items.map((item) => (
        <li
          key={item.id}
          className="flex flex-wrap items-center justify-between gap-2 rounded border border-slate-200 bg-white p-3"
        >
          <span>
            <span className="font-medium">{title(item)}</span>
            <span className="block text-sm text-slate-600">{summary(item)}</span>
          </span>
          {canEdit ? (
            <span className="flex gap-2">
              <Link to={`?item=${item.id}`} className="rounded border border-slate-400 px-3 py-1 text-sm">
                {t("wizard.edit")}
              </Link>
              <Form method="post" action="?intent=remove">
                <input type="hidden" name="id" value={item.id} />
                <SubmitButton tone="secondary" className="py-1 text-sm" pending={pending}>
                  {t("wizard.remove")}
                </SubmitButton>
              </Form>
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Below the list: the item's form when one is open, else the link that opens a new one. */
export function AddItemLink({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  if (!canEdit) return null;
  return (
    <Link to="?item=new" className="inline-block rounded bg-brand-700 px-4 py-2 text-white">
      {t("wizard.add")}
    </Link>
  );
}
