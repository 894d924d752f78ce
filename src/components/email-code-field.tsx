import { type ReactNode, useId } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type EmailCodeFieldProps = {
  name: string;
  /** What the code is for; "6 digits" when there is nothing more to say. */
  help?: ReactNode;
};

/** The 6-digit code from an auth email (spaces allowed, as people copy it). */
export function EmailCodeField({ name, help = "6 digits" }: EmailCodeFieldProps) {
  const id = useId();
  return (
    <div data-slot="email-code-field" className="grid gap-2">
      <Label htmlFor={id}>Code from the email</Label>
      <Input
        id={id}
        name={name}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="\s*(\d\s*){6}"
        maxLength={11}
        required
        autoFocus
        aria-describedby={`${id}-help`}
      />
      <p id={`${id}-help`} className="text-sm text-muted-foreground">
        {help}
      </p>
    </div>
  );
}

/** The code as typed, without the spaces. */
export function typedCode(form: FormData, name: string): string {
  return String(form.get(name)).replace(/\s/g, "");
}
