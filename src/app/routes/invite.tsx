import { Link, useLocation, useParams } from "react-router";
import { toast } from "sonner";
import { Logo } from "@/components/logo";
import { PageLoader } from "@/components/page-loader";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { paths } from "@/config/paths";
import { useSession } from "@/features/auth/api/get-session";
import { useSignOut } from "@/features/auth/api/sign-out";
import { SignInForm } from "@/features/auth/components/sign-in-form";
import { SignUpForm } from "@/features/auth/components/sign-up-form";
import { InvitationLanding } from "@/features/invitations/components/invitation-landing";
import { getErrorMessage } from "@/lib/errors";

// Signing in or up happens right here, so the invitation stays in view and the page simply
// moves on to "Accept" once the session exists.
function InviteSignIn({ token, invitedEmail }: { token: string; invitedEmail?: string }) {
  const here = paths.invite.getHref(token);
  return (
    <Tabs defaultValue="sign-up">
      <TabsList aria-label="Account">
        <TabsTrigger value="sign-up">Create account</TabsTrigger>
        <TabsTrigger value="sign-in">Sign in</TabsTrigger>
      </TabsList>
      <TabsContent value="sign-up">
        <SignUpForm redirectTo={`${window.location.origin}${here}`} defaultEmail={invitedEmail} />
      </TabsContent>
      <TabsContent value="sign-in" className="grid gap-3">
        <SignInForm defaultEmail={invitedEmail} />
        <p className="text-center text-sm text-muted-foreground">
          <Link
            to={paths.signIn.getHref(here)}
            className="font-medium text-primary underline-offset-4 hover:underline"
          >
            Other ways to sign in
          </Link>
        </p>
      </TabsContent>
    </Tabs>
  );
}

export function InviteRoute() {
  const { token = "" } = useParams();
  const session = useSession();
  const signOut = useSignOut();
  // The emailed link carries the invited address in its fragment (never sent to a server).
  const linkEmail = new URLSearchParams(useLocation().hash.slice(1)).get("email") ?? undefined;

  if (session.isPending) return <PageLoader />;

  return (
    <main className="flex min-h-svh flex-col items-center justify-center gap-6 bg-muted/40 p-4 sm:p-6">
      <Link
        to={paths.home.getHref()}
        aria-label="Roster home"
        className="rounded-md outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
      >
        <Logo className="text-lg" />
      </Link>
      <InvitationLanding
        token={token}
        signedInEmail={session.data?.user.email ?? null}
        linkEmail={linkEmail}
        signIn={(email) => <InviteSignIn token={token} invitedEmail={email} />}
        onSwitchAccount={() =>
          signOut.mutate(undefined, { onError: (error) => toast.error(getErrorMessage(error)) })
        }
        switchingAccount={signOut.isPending}
      />
    </main>
  );
}
