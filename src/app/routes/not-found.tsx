import { Link } from "react-router";
import { Button } from "@/components/ui/button";
import { paths } from "@/config/paths";

export function NotFoundRoute() {
  return (
    <div className="grid justify-items-start gap-4">
      <div className="grid gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
        <p className="text-muted-foreground">
          There is nothing at this address. It may have moved, or the link may be mistyped.
        </p>
      </div>
      <Button asChild variant="outline">
        <Link to={paths.home.getHref()}>Go to home</Link>
      </Button>
    </div>
  );
}
