import { CircleAlertIcon, LoaderCircleIcon, MailXIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { paths } from "@/config/paths";
import { getErrorMessage } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { roleWithArticle } from "@/lib/roles";
import { type InvitationPreview, useInvitationPreview } from "../api/get-invitation-preview";
import { maskEmail } from "../utils/mask-email";
import { InvitationDetails } from "./invitation-details";
import { InvitationResponse } from "./invitation-response";

type Known = Exclude<InvitationPreview, { status: "unknown" }>;

export type InvitationLandingProps = {
  token: string;
  /** The signed-in user's email, or null for a visitor who is signed out. */
  signedInEmail: string | null;
  /** The full address the emailed link carries in its fragment, if it does. */
  linkEmail?: string;
  /** Sign in or create an account, prefilled with `email` when it is known. */
  signIn: (email: string | undefined) => ReactNode;
  /** Signs out, so the visitor can sign in with the invited address. */
  onSwitchAccount: () => void;
  switchingAccount: boolean;
};

function Page({
  title,
  description,
  children,
}: {
  title: string;
  description?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Card className="w-full max-w-md">
      <CardHeader>
        <CardTitle asChild>
          <h1 className="text-xl break-words">{title}</h1>
        </CardTitle>
        {description && <CardDescription>{description}</CardDescription>}
      </CardHeader>
      {children && <CardContent className="grid gap-4">{children}</CardContent>}
    </Card>
  );
}

function NextStep({ children }: { children: ReactNode }) {
  return (
    <p className="rounded-lg border bg-muted/40 p-3 text-sm">
      <span className="font-medium">What to do next: </span>
      {children}
    </p>
  );
}

function HomeButton({ signedIn }: { signedIn: boolean }) {
  return (
    <Button asChild variant="outline" className="justify-self-start">
      <Link to={signedIn ? paths.home.getHref() : paths.signIn.getHref()}>
        {signedIn ? "Go to your organizations" : "Sign in to Roster"}
      </Link>
    </Button>
  );
}

type ClosedInvitationProps = { preview: Known; signedIn: boolean; invitedHere: boolean };

function ClosedInvitation({ preview, signedIn, invitedHere }: ClosedInvitationProps) {
  const who = preview.inviter ?? `an admin of ${preview.organization}`;
  switch (preview.status) {
    case "declined":
      return (
        <Page
          title={invitedHere ? "You declined this invitation" : "This invitation was declined"}
          description={`The invitation to join ${preview.organization} as ${roleWithArticle(preview.role)} was declined, so its link no longer works.`}
        >
          <NextStep>
            If it was declined by mistake, ask {who} to invite you to {preview.organization} again.
          </NextStep>
          <HomeButton signedIn={signedIn} />
        </Page>
      );
    case "expired":
      return (
        <Page
          title="This invitation has expired"
          description={`The invitation to join ${preview.organization} as ${roleWithArticle(preview.role)} ran out on ${formatDate(preview.expiresAt)}.`}
        >
          <NextStep>
            Ask {who} or another admin of {preview.organization} to resend it. The new email has a
            fresh link.
          </NextStep>
          <HomeButton signedIn={signedIn} />
        </Page>
      );
    case "revoked":
      return (
        <Page
          title="This invitation was withdrawn"
          description={`An admin of ${preview.organization} revoked this invitation, so its link no longer works.`}
        >
          <NextStep>
            If you still need access, ask an admin of {preview.organization} to invite you again.
          </NextStep>
          <HomeButton signedIn={signedIn} />
        </Page>
      );
    default:
      return (
        <Page
          title="This invitation has already been used"
          description={`The invitation to join ${preview.organization} was already accepted. Each invitation works only once.`}
        >
          <NextStep>
            If you accepted it, {signedIn ? "open" : "sign in to open"} {preview.organization} from
            your organizations.
          </NextStep>
          <HomeButton signedIn={signedIn} />
        </Page>
      );
  }
}

/** /invite/:token — what the invitation is, and the way to respond to it. */
export function InvitationLanding({
  token,
  signedInEmail,
  linkEmail,
  signIn,
  onSwitchAccount,
  switchingAccount,
}: InvitationLandingProps) {
  const preview = useInvitationPreview(token);
  const signedIn = signedInEmail !== null;

  if (preview.isPending) {
    return (
      <Card className="w-full max-w-md">
        <CardContent role="status" className="grid gap-3">
          <span className="sr-only">Loading invitation…</span>
          <Skeleton className="h-6 w-48" />
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-28 w-full" />
        </CardContent>
      </Card>
    );
  }

  if (preview.isError) {
    return (
      <Alert variant="destructive" className="max-w-md">
        <CircleAlertIcon aria-hidden />
        <AlertTitle>Couldn't load this invitation</AlertTitle>
        <AlertDescription>
          <p>{getErrorMessage(preview.error)}</p>
          <Button
            variant="outline"
            size="sm"
            disabled={preview.isFetching}
            onClick={() => void preview.refetch()}
          >
            {preview.isFetching && <LoaderCircleIcon aria-hidden className="animate-spin" />}
            Try again
          </Button>
        </AlertDescription>
      </Alert>
    );
  }

  const invitation = preview.data;
  if (invitation.status === "unknown") {
    return (
      <Page
        title="This invitation link isn't valid"
        description="The link may be incomplete, or the invitation was sent again with a new link, which makes earlier links stop working."
      >
        <NextStep>
          Open the most recent invitation email and use its whole link, or ask the person who
          invited you to send it again.
        </NextStep>
        <HomeButton signedIn={signedIn} />
      </Page>
    );
  }
  const otherAccount = signedInEmail !== null && maskEmail(signedInEmail) !== invitation.email;
  if (invitation.status !== "pending") {
    return (
      <ClosedInvitation
        preview={invitation}
        signedIn={signedIn}
        invitedHere={signedIn && !otherAccount}
      />
    );
  }

  const inviter = invitation.inviter ?? "An admin";
  // One address everywhere on the page: in full when the visitor holds the emailed link (its
  // fragment never reaches a server) and it is the address the server masked, so an edited
  // link can't show another one; masked otherwise, as the public preview gives it.
  const fromLink =
    linkEmail !== undefined && maskEmail(linkEmail) === invitation.email ? linkEmail : undefined;
  const shown = { ...invitation, email: fromLink ?? invitation.email };

  return (
    <Page
      title={`Join ${invitation.organization}`}
      description={`${inviter} invited you to join ${invitation.organization} as ${roleWithArticle(invitation.role)}.`}
    >
      <InvitationDetails preview={shown} />
      {signedInEmail === null ? (
        <div className="grid gap-3">
          <p className="text-sm">
            Sign in, or create your account, with the address this invitation was sent to (
            <strong className="break-words">{shown.email}</strong>). You come back here afterwards.
          </p>
          {signIn(fromLink)}
        </div>
      ) : otherAccount ? (
        <Alert>
          <MailXIcon aria-hidden />
          <AlertTitle>This invitation is for someone else</AlertTitle>
          <AlertDescription>
            <p>
              You're signed in as <strong className="break-words">{signedInEmail}</strong>, but the
              invitation was sent to <strong className="break-words">{shown.email}</strong>. Switch
              to the invited account to accept or decline it.
            </p>
            <Button size="sm" disabled={switchingAccount} onClick={onSwitchAccount}>
              {switchingAccount && <LoaderCircleIcon aria-hidden className="animate-spin" />}
              Switch account
            </Button>
          </AlertDescription>
        </Alert>
      ) : (
        <InvitationResponse
          token={token}
          preview={invitation}
          signedInEmail={signedInEmail}
          onSwitchAccount={onSwitchAccount}
          switchingAccount={switchingAccount}
        />
      )}
    </Page>
  );
}
