import { LoaderCircleIcon } from "lucide-react";
import type { ComponentProps } from "react";
import { Button } from "@/components/ui/button";

type SubmitButtonProps = Omit<ComponentProps<typeof Button>, "type" | "asChild"> & {
  /** The form's request is on its way: the button spins and takes no second click. */
  pending: boolean;
};

export function SubmitButton({ pending, disabled, children, ...props }: SubmitButtonProps) {
  return (
    <Button type="submit" disabled={pending || disabled} {...props}>
      {pending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
      {children}
    </Button>
  );
}
