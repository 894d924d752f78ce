import { useQuery } from "@tanstack/react-query";
import { toast } from "sonner";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DeleteAccountCard } from "@/features/account/components/delete-account-card";
import { DisplayNameCard } from "@/features/account/components/display-name-card";
import { EmailCard } from "@/features/account/components/email-card";
import { OrganizationsCard } from "@/features/account/components/organizations-card";
import { PasswordForm } from "@/features/account/components/password-form";
import { useUser } from "@/features/auth/hooks/use-user";
import { getMyOrganizationsQueryOptions } from "@/kit/api/get-my-organizations";

// The person's own account: name, email, password, where they belong, and deleting it all.
export function ProfileRoute() {
  const user = useUser();
  const organizations = useQuery(getMyOrganizationsQueryOptions());

  return (
    <div className="mx-auto grid max-w-2xl gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">Your profile</h1>
      <DisplayNameCard userId={user.id} />
      <EmailCard email={user.email ?? ""} pendingEmail={user.new_email} />
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h2>Password</h2>
          </CardTitle>
          <CardDescription>
            If you signed in more than a day ago, we email you a code to confirm it's you.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <PasswordForm
            submitLabel="Change password"
            onDone={() => toast.success("Your password was changed")}
          />
        </CardContent>
      </Card>
      {organizations.data && <OrganizationsCard organizations={organizations.data} />}
      <DeleteAccountCard email={user.email ?? ""} />
    </div>
  );
}
