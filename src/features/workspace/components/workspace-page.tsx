import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Can } from "@/kit/can";
import { useCurrentOrg } from "@/kit/current-org";
import { formatTimeAgo } from "@/lib/format";
import { type Conversation, useConversations } from "../api/get-conversations";
import { type Customer, useCustomers } from "../api/get-customers";
import { channelLabels, ConversationDialog, statusLabels } from "./conversation-dialog";
import { CustomerDialog } from "./customer-dialog";
import { type Column, EditableRows } from "./editable-rows";

const dash = "—";

const customerColumns: Column<Customer>[] = [
  { header: "Name", cell: (row) => row.name },
  { header: "Email", cell: (row) => row.email ?? dash, className: "hidden sm:table-cell" },
  { header: "Phone", cell: (row) => row.phone ?? dash, className: "hidden md:table-cell" },
];

const conversationColumns: Column<Conversation>[] = [
  { header: "Subject", cell: (row) => row.subject ?? dash },
  { header: "Customer", cell: (row) => row.customer?.name ?? dash },
  {
    header: "Channel",
    cell: (row) => channelLabels[row.channel],
    className: "hidden sm:table-cell",
  },
  { header: "Status", cell: (row) => statusLabels[row.status] },
  {
    header: "Updated",
    cell: (row) => formatTimeAgo(row.updated_at),
    className: "hidden md:table-cell text-muted-foreground",
  },
];

function CustomersTab({ orgId }: { orgId: string }) {
  return (
    <EditableRows
      label="Customers"
      newLabel="New customer"
      columns={customerColumns}
      rows={useCustomers(orgId)}
      empty="No customers yet."
      writePermission="customers.write"
      rowName={(row) => row.name}
      renderDialog={(customer, close) => (
        <CustomerDialog orgId={orgId} customer={customer} open onOpenChange={close} />
      )}
    />
  );
}

function ConversationsTab({ orgId }: { orgId: string }) {
  return (
    <EditableRows
      label="Conversations"
      newLabel="New conversation"
      columns={conversationColumns}
      rows={useConversations(orgId)}
      empty="No conversations yet."
      writePermission="conversations.write"
      rowName={(row) =>
        row.subject ?? `the conversation with ${row.customer?.name ?? "a customer"}`
      }
      renderDialog={(conversation, close) => (
        <ConversationDialog orgId={orgId} conversation={conversation} open onOpenChange={close} />
      )}
    />
  );
}

function CannotRead({ what }: { what: string }) {
  return <p className="text-muted-foreground">Your role can't read {what} in this organization.</p>;
}

/**
 * The host app's own data under the organization's matrix: customers and conversations, read
 * and changed through PostgREST under row-level security. The screen offers what the role
 * holds; the database decides, and a refusal says so and refetches the user's access.
 */
export function WorkspacePage() {
  const org = useCurrentOrg();
  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Workspace</h1>
        <p className="text-sm text-muted-foreground">
          {org.name}'s customers and conversations. What you may see and change follows your role on
          the Roles page.
        </p>
      </div>
      <Tabs defaultValue="customers">
        <TabsList className="w-auto justify-self-start">
          <TabsTrigger value="customers" className="px-4">
            Customers
          </TabsTrigger>
          <TabsTrigger value="conversations" className="px-4">
            Conversations
          </TabsTrigger>
        </TabsList>
        <TabsContent value="customers">
          <Can permission="customers.read" fallback={<CannotRead what="customers" />}>
            <CustomersTab orgId={org.id} />
          </Can>
        </TabsContent>
        <TabsContent value="conversations">
          <Can permission="conversations.read" fallback={<CannotRead what="conversations" />}>
            <ConversationsTab orgId={org.id} />
          </Can>
        </TabsContent>
      </Tabs>
    </div>
  );
}
