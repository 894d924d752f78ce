import { useId } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

// Roster asks for more than Supabase Auth's minimum of 6.
const minPasswordLength = 8;

/** A labelled, required new password (named `password`) with its length rule spelled out. */
export function NewPasswordField({ label }: { label: string }) {
  const id = useId();
  return (
    <div data-slot="new-password-field" className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={minPasswordLength}
        required
        aria-describedby={`${id}-help`}
      />
      <p id={`${id}-help`} className="text-sm text-muted-foreground">
        At least {minPasswordLength} characters.
      </p>
    </div>
  );
}
