import { type FormEvent, useId } from "react";
import { toast } from "sonner";
import { SubmitButton } from "@/components/submit-button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorAlert } from "@/components/error-alert";
import { useProfile } from "../api/get-profile";
import { useUpdateDisplayName } from "../api/update-display-name";

export function DisplayNameCard({ userId }: { userId: string }) {
  const profile = useProfile(userId);
  const update = useUpdateDisplayName();
  const id = useId();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("displayName")).trim();
    update.mutate(name, { onSuccess: () => toast.success("Name saved") });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2>Name</h2>
        </CardTitle>
        <CardDescription>How you appear to the people in your organizations.</CardDescription>
      </CardHeader>
      <CardContent>
        {profile.isPending ? (
          <Skeleton className="h-9 w-full" />
        ) : (
          <form onSubmit={handleSubmit} className="grid gap-4">
            <ErrorAlert error={update.error ?? profile.error} />
            <div className="grid gap-2">
              <Label htmlFor={`${id}-name`}>Display name</Label>
              <Input
                id={`${id}-name`}
                name="displayName"
                autoComplete="name"
                maxLength={200}
                defaultValue={profile.data?.display_name}
                required
              />
            </div>
            <SubmitButton pending={update.isPending} className="sm:justify-self-start">
              Save name
            </SubmitButton>
          </form>
        )}
      </CardContent>
    </Card>
  );
}
