import { CircleAlertIcon, LoaderCircleIcon } from "lucide-react";
import { type FormEvent, useId, useState } from "react";
import { useNavigate } from "react-router";
import { toast } from "sonner";
import { OrganizationDetailsFields } from "@/components/organization-details-fields";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { paths } from "@/config/paths";
import { getErrorHint, getErrorMessage } from "@/lib/errors";
import { useCreateOrganization } from "../api/create-organization";
import { useSlugSuggestion } from "../api/suggest-organization-slug";
import { isValidSlug, slugify } from "../utils/slugify";

type CreateOrganizationDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

export function CreateOrganizationDialog({ open, onOpenChange }: CreateOrganizationDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Create organization</DialogTitle>
          <DialogDescription>
            You become its owner. You can invite people once it exists.
          </DialogDescription>
        </DialogHeader>
        {/* Mounted only while open, so every opening starts from an empty form. */}
        {open && <CreateOrganizationForm onDone={() => onOpenChange(false)} />}
      </DialogContent>
    </Dialog>
  );
}

function CreateOrganizationForm({ onDone }: { onDone: () => void }) {
  const id = useId();
  const navigate = useNavigate();
  const create = useCreateOrganization();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const [legalName, setLegalName] = useState("");
  const [description, setDescription] = useState("");

  const effectiveSlug = slugEdited ? slug : slugify(name);
  const slugInvalid = effectiveSlug !== "" && !isValidSlug(effectiveSlug);
  const slugTaken = create.isError && getErrorHint(create.error) === "slug_taken";
  const suggestion = useSlugSuggestion(effectiveSlug, slugTaken);
  const freeSlug = slugTaken && suggestion.data !== effectiveSlug ? suggestion.data : undefined;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), slug: effectiveSlug, legalName, description },
      {
        onSuccess: (org) => {
          toast.success(`${org.name} is ready`);
          onDone();
          void navigate(paths.members.getHref(org.slug));
        },
      },
    );
  }

  return (
    <form onSubmit={handleSubmit} className="grid gap-4">
      {create.isError && !slugTaken && (
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden />
          <AlertDescription>{getErrorMessage(create.error)}</AlertDescription>
        </Alert>
      )}
      <div className="grid gap-2">
        <Label htmlFor={`${id}-name`}>Name</Label>
        <Input
          id={`${id}-name`}
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={200}
          required
          autoFocus
        />
      </div>
      <div className="grid gap-2">
        <Label htmlFor={`${id}-slug`}>URL</Label>
        <div className="flex items-center gap-1 text-sm text-muted-foreground">
          <span aria-hidden>/o/</span>
          <Input
            id={`${id}-slug`}
            value={effectiveSlug}
            onChange={(event) => {
              setSlugEdited(true);
              setSlug(event.target.value.toLowerCase());
              if (slugTaken) create.reset();
            }}
            maxLength={63}
            required
            aria-invalid={slugInvalid || slugTaken}
            aria-describedby={`${id}-slug-help`}
          />
        </div>
        <p
          id={`${id}-slug-help`}
          className={
            slugInvalid || slugTaken ? "text-sm text-destructive" : "text-sm text-muted-foreground"
          }
        >
          {slugTaken
            ? `${getErrorMessage(create.error)}${freeSlug ? ` “${freeSlug}” is free.` : ""}`
            : slugInvalid
              ? "Use lowercase letters, digits and single hyphens, with no hyphen at either end."
              : "Lowercase letters, digits and hyphens. Derived from the name unless you change it."}
        </p>
        {freeSlug && (
          <Button
            type="button"
            variant="outline"
            size="sm"
            className="justify-self-start"
            onClick={() => {
              setSlugEdited(true);
              setSlug(freeSlug);
              create.reset();
            }}
          >
            Use {freeSlug}
          </Button>
        )}
      </div>
      <OrganizationDetailsFields
        id={id}
        legalName={legalName}
        onLegalNameChange={setLegalName}
        description={description}
        onDescriptionChange={setDescription}
      />
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <Button
          type="submit"
          disabled={create.isPending || slugInvalid || !name.trim() || !effectiveSlug}
        >
          {create.isPending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
          Create organization
        </Button>
      </DialogFooter>
    </form>
  );
}
