export function HomeRoute() {
  return (
    <div className="grid gap-2">
      <h1 className="text-2xl font-semibold tracking-tight">Welcome to Roster</h1>
      <p className="text-muted-foreground">
        Members, roles and the audit log of your organizations will appear here.
      </p>
    </div>
  );
}
