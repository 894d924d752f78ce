import { CircleAlertIcon, LoaderCircleIcon } from "lucide-react";
import { type FormEvent, useId, useState } from "react";
import { toast } from "sonner";
import { OrganizationDetailsFields } from "@/components/organization-details-fields";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { getErrorMessage } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import {
  type OrganizationSettings,
  useOrganizationSettings,
} from "../api/get-organization-settings";
import { type UpdateOrganizationInput, useUpdateOrganization } from "../api/update-organization";

const minLifetime = 1;
const maxLifetime = 720;

function isValidLifetime(value: string): boolean {
  const hours = Number(value);
  return Number.isInteger(hours) && hours >= minLifetime && hours <= maxLifetime;
}

function TeamInformationForm({ settings }: { settings: OrganizationSettings }) {
  const id = useId();
  const update = useUpdateOrganization();
  const [name, setName] = useState(settings.name);
  const [legalName, setLegalName] = useState(settings.legalName);
  const [description, setDescription] = useState(settings.description);
  const [lifetime, setLifetime] = useState(String(settings.invitationLifetimeHours));

  const changes: UpdateOrganizationInput["changes"] = {
    ...(name.trim() !== settings.name && { name: name.trim() }),
    ...(legalName.trim() !== settings.legalName && { legalName: legalName.trim() }),
    ...(description.trim() !== settings.description && { description: description.trim() }),
    ...(isValidLifetime(lifetime) &&
      Number(lifetime) !== settings.invitationLifetimeHours && {
        invitationLifetimeHours: Number(lifetime),
      }),
  };
  const lifetimeInvalid = !isValidLifetime(lifetime);
  const changed = Object.keys(changes).length > 0;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate(
      { orgId: settings.id, changes },
      { onSuccess: () => toast.success("Team information saved") },
    );
  }

  return (
    <form onSubmit={handleSubmit} className="grid gap-4">
      {update.isError && (
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden />
          <AlertDescription>{getErrorMessage(update.error)}</AlertDescription>
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
        />
      </div>
      <OrganizationDetailsFields
        id={id}
        legalName={legalName}
        onLegalNameChange={setLegalName}
        description={description}
        onDescriptionChange={setDescription}
      />
      <div className="grid gap-2">
        <Label htmlFor={`${id}-lifetime`}>Invitation lifetime (hours)</Label>
        <Input
          id={`${id}-lifetime`}
          type="number"
          inputMode="numeric"
          min={minLifetime}
          max={maxLifetime}
          step={1}
          value={lifetime}
          onChange={(event) => setLifetime(event.target.value)}
          aria-invalid={lifetimeInvalid}
          aria-describedby={`${id}-lifetime-help`}
          className="w-32"
          required
        />
        <p
          id={`${id}-lifetime-help`}
          className={lifetimeInvalid ? "text-sm text-destructive" : "text-sm text-muted-foreground"}
        >
          {lifetimeInvalid
            ? `Enter a whole number of hours from ${minLifetime} to ${maxLifetime} (30 days).`
            : "How long new invitation links stay valid. Invitations already sent keep their deadline."}
        </p>
      </div>
      <Button
        type="submit"
        className="justify-self-start"
        disabled={update.isPending || !changed || lifetimeInvalid || !name.trim()}
      >
        {update.isPending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
        Save changes
      </Button>
    </form>
  );
}

function ReadOnlyTeamInformation({ settings }: { settings: OrganizationSettings }) {
  const rows: [string, string][] = [
    ["Name", settings.name],
    ["Legal name", settings.legalName || "—"],
    ["Description", settings.description || "—"],
    ["Invitation lifetime", `${settings.invitationLifetimeHours} hours`],
  ];
  return (
    <dl className="grid gap-3 text-sm sm:grid-cols-[auto_1fr] sm:gap-x-6">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted-foreground">{label}</dt>
          <dd className="min-w-0 break-words whitespace-pre-line">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

type TeamInformationCardProps = {
  org: { id: string; name: string; slug: string };
  canRead: boolean;
  canEdit: boolean;
};

/**
 * Settings → Team information: editable with `settings.write`, readable with `settings.read`.
 * Everyone else sees the name and address every member may read, and why the rest is hidden.
 */
export function TeamInformationCard({ org, canRead, canEdit }: TeamInformationCardProps) {
  const settings = useOrganizationSettings(org.id, canRead);

  if (!canRead) {
    return (
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2>Team information</h2>
          </CardTitle>
          <CardDescription>
            Your role doesn't include the settings.read permission, so the legal name, description
            and invitation lifetime are hidden. The owner can grant it on the Roles page.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-3 text-sm sm:grid-cols-[auto_1fr] sm:gap-x-6">
            <dt className="text-muted-foreground">Name</dt>
            <dd className="min-w-0 break-words">{org.name}</dd>
            <dt className="text-muted-foreground">Address</dt>
            <dd className="min-w-0 break-words">/o/{org.slug}</dd>
          </dl>
        </CardContent>
      </Card>
    );
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2>Team information</h2>
        </CardTitle>
        <CardDescription>
          {settings.data
            ? `Created ${formatDate(settings.data.createdAt)}.`
            : "How the organization is named and described."}
          {!canEdit && " Your role can read these details but not change them."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {settings.isPending ? (
          <div role="status" className="grid gap-3">
            <span className="sr-only">Loading team information…</span>
            <Skeleton className="h-9 w-full" />
            <Skeleton className="h-9 w-full" />
            <Skeleton className="h-16 w-full" />
          </div>
        ) : settings.isError ? (
          <Alert variant="destructive">
            <CircleAlertIcon aria-hidden />
            <AlertDescription>
              <p>{getErrorMessage(settings.error)}</p>
              <Button variant="outline" size="sm" onClick={() => void settings.refetch()}>
                Try again
              </Button>
            </AlertDescription>
          </Alert>
        ) : canEdit ? (
          // Keyed by the saved values, so the form starts over from what the server now holds.
          <TeamInformationForm key={JSON.stringify(settings.data)} settings={settings.data} />
        ) : (
          <ReadOnlyTeamInformation settings={settings.data} />
        )}
      </CardContent>
    </Card>
  );
}
