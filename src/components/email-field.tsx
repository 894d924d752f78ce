import { type ComponentProps, useId } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type EmailFieldProps = Omit<ComponentProps<"input">, "id" | "type" | "name"> & {
  label?: string;
};

/** A labelled, required email address input named `email`, as every auth and account form asks. */
export function EmailField({ label = "Email", autoComplete = "email", ...props }: EmailFieldProps) {
  const id = useId();
  return (
    <div data-slot="email-field" className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} name="email" type="email" autoComplete={autoComplete} required {...props} />
    </div>
  );
}
