import { CircleAlertIcon, LoaderCircleIcon, LogOutIcon } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { getErrorMessage } from "@/lib/errors";
import { useLeaveOrganization } from "../api/leave-organization";

type LeaveOrganizationCardProps = {
  org: { id: string; name: string };
  isOwner: boolean;
  /** Called once the person is no longer a member. */
  onLeft: () => void;
};

/** Settings → Leave: any member but the owner, who is told why not. */
export function LeaveOrganizationCard({ org, isOwner, onLeft }: LeaveOrganizationCardProps) {
  const [open, setOpen] = useState(false);
  const leave = useLeaveOrganization();

  function handleLeave() {
    leave.mutate(org.id, {
      onSuccess: () => {
        toast.success(`You left ${org.name}`);
        setOpen(false);
        onLeft();
      },
    });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h2>Leave organization</h2>
        </CardTitle>
        <CardDescription>
          {isOwner
            ? `You're the owner, so you can't leave ${org.name}: an organization always needs an owner. Transfer ownership to another member first, or delete the organization.`
            : `You lose access to ${org.name} right away. To come back, an admin has to invite you again.`}
        </CardDescription>
      </CardHeader>
      {!isOwner && (
        <CardContent>
          <Button
            variant="outline"
            onClick={() => {
              leave.reset();
              setOpen(true);
            }}
          >
            <LogOutIcon aria-hidden />
            Leave organization
          </Button>
          <Dialog open={open} onOpenChange={setOpen}>
            <DialogContent>
              <DialogHeader>
                <DialogTitle>Leave {org.name}?</DialogTitle>
                <DialogDescription>
                  You lose access right away. To come back, an admin has to invite you again.
                </DialogDescription>
              </DialogHeader>
              {leave.isError && (
                <Alert variant="destructive">
                  <CircleAlertIcon aria-hidden />
                  <AlertDescription>{getErrorMessage(leave.error)}</AlertDescription>
                </Alert>
              )}
              <DialogFooter>
                <Button variant="outline" onClick={() => setOpen(false)}>
                  Stay
                </Button>
                <Button variant="destructive" disabled={leave.isPending} onClick={handleLeave}>
                  {leave.isPending && <LoaderCircleIcon aria-hidden className="animate-spin" />}
                  Leave {org.name}
                </Button>
              </DialogFooter>
            </DialogContent>
          </Dialog>
        </CardContent>
      )}
    </Card>
  );
}
