import { zodResolver } from "@hookform/resolvers/zod";
import { useActionData, useNavigation, useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";
import { type FieldValues, type UseFormReturn, useForm } from "react-hook-form";
import type { z } from "zod";
import type { MessageKey } from "~/lib/i18n/catalog";
import type { FieldErrors } from "./parse.server";

type ActionShape = { fieldErrors?: FieldErrors; formError?: MessageKey } | undefined;

/**
 * react-hook-form checked by the form's zod schema in the browser; a valid form is then posted
 * as an ordinary Remix form (so it also works without JavaScript, validated again by the action).
 */
export function useValidatedForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  defaultValues?: Partial<z.input<S>>,
) {
  const form: UseFormReturn<z.input<S>> = useForm<z.input<S>>({
    resolver: zodResolver(schema as never) as never,
    defaultValues: defaultValues as never,
    mode: "onTouched",
  });
  const submit = useSubmit();
  const navigation = useNavigation();
  const actionData = useActionData<ActionShape>();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const element = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    // Post exactly what the form would have posted: its fields (with the pressed button's name and
    // value), its action and its encoding (files need multipart).
    const encType = element.getAttribute("enctype") === "multipart/form-data" ? "multipart/form-data" : undefined;
    const data = new FormData(element, submitter);
    void form.handleSubmit(() =>
      submit(data, { method: "post", action: element.getAttribute("action") ?? undefined, encType }),
    )(event);
  }

  /** The first error for a field: the browser's check first, else the server's. */
  function errorFor(name: string): MessageKey | undefined {
    const local = (form.formState.errors as Record<string, { message?: string } | undefined>)[name]?.message;
    if (local) return (local.startsWith("validation.") ? local : "validation.invalid") as MessageKey;
    return actionData?.fieldErrors?.[name]?.[0];
  }

  return {
    form,
    onSubmit,
    errorFor,
    formError: actionData?.formError,
    pending: navigation.state === "submitting",
  };
}
