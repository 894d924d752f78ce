import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";

/** The optional team details shared by "Create organization" and Settings → Team information. */
export function OrganizationDetailsFields({
  id,
  legalName,
  onLegalNameChange,
  description,
  onDescriptionChange,
}: {
  id: string;
  legalName: string;
  onLegalNameChange: (value: string) => void;
  description: string;
  onDescriptionChange: (value: string) => void;
}) {
  return (
    <>
      <div className="grid gap-2">
        <Label htmlFor={`${id}-legal-name`}>
          Legal name <span className="font-normal text-muted-foreground">(optional)</span>
        </Label>
        <Input
          id={`${id}-legal-name`}
          value={legalName}
          onChange={(event) => onLegalNameChange(event.target.value)}
          maxLength={200}
        />
      </div>
      <div className="grid gap-2">
        <Label htmlFor={`${id}-description`}>
          Description <span className="font-normal text-muted-foreground">(optional)</span>
        </Label>
        <Textarea
          id={`${id}-description`}
          value={description}
          onChange={(event) => onDescriptionChange(event.target.value)}
          maxLength={2000}
        />
      </div>
    </>
  );
}
