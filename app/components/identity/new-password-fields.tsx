import type { FieldValues, Path, UseFormRegister } from "react-hook-form";
import { TextField } from "~/components/ui/text-field";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";

type Props<T extends FieldValues> = {
  register: UseFormRegister<T>;
  errorFor: (name: string) => MessageKey | undefined;
  label?: MessageKey;
};

/** A new password typed twice, with the strength rule shown before the person types. */
export function NewPasswordFields<T extends FieldValues & { password: string; confirmPassword?: string }>({
  register,
  errorFor,
  label = "field.password",
}: Props<T>) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t(label)}
        type="password"
        autoComplete="new-password"
        hint={t("auth.password.hint")}
        error={errorFor("password")}
        {...register("password" as Path<T>)}
      />
      <TextField
        label={t("field.confirmPassword")}
        type="password"
        autoComplete="new-password"
        error={errorFor("confirmPassword")}
        {...register("confirmPassword" as Path<T>)}
      />
    </>
  );
}
