import { useId } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type ConfirmNameFieldProps = {
  /** The exact text to type, e.g. the organization's name. */
  expected: string;
  value: string;
  onChange: (value: string) => void;
};

/** Whether the typed confirmation matches, as the server compares it: trimmed, case-sensitive. */
export function confirmationMatches(expected: string, typed: string): boolean {
  return typed.trim() === expected.trim();
}

/** "Type <name> to confirm": a deliberate step before an action that can't be undone. */
export function ConfirmNameField({ expected, value, onChange }: ConfirmNameFieldProps) {
  const id = useId();
  return (
    <div className="grid gap-2">
      <Label htmlFor={id} className="block leading-normal">
        Type <strong className="font-semibold break-all">{expected}</strong> to confirm
      </Label>
      <Input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete="off"
        spellCheck={false}
        required
      />
    </div>
  );
}
