import { useId, useState } from "react";
import { toast } from "sonner";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { useDeleteRow } from "../api/delete-row";
import type {
  Conversation,
  ConversationChannel,
  ConversationStatus,
} from "../api/get-conversations";
import { useSaveConversation } from "../api/save-conversation";
import type { CustomerChoice } from "../api/search-customers";
import { CustomerPicker } from "./customer-picker";
import { RowFormDialog } from "./row-form-dialog";

export const channelLabels: Record<ConversationChannel, string> = {
  voice: "Voice",
  chat: "Chat",
  sms: "SMS",
  email: "Email",
};

export const statusLabels: Record<ConversationStatus, string> = {
  open: "Open",
  pending: "Pending",
  closed: "Closed",
};

type ConversationDialogProps = {
  orgId: string;
  /** The conversation to edit; null opens one with a customer the user searches for. */
  conversation: Conversation | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

export function ConversationDialog({
  orgId,
  conversation,
  open,
  onOpenChange,
}: ConversationDialogProps) {
  const id = useId();
  const save = useSaveConversation(orgId);
  const remove = useDeleteRow(orgId);
  const [customer, setCustomer] = useState<CustomerChoice | null>(
    conversation && {
      id: conversation.customer_id,
      name: conversation.customer?.name ?? "A customer your role can't see",
    },
  );
  const [subject, setSubject] = useState(conversation?.subject ?? "");
  const [channel, setChannel] = useState<ConversationChannel>(conversation?.channel ?? "chat");
  const [status, setStatus] = useState<ConversationStatus>(conversation?.status ?? "open");
  const title = conversation?.subject || "this conversation";
  const done = (message: string) => {
    toast.success(message);
    onOpenChange(false);
  };
  const fields = { subject: subject.trim() || null, channel, status };

  return (
    <RowFormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={conversation ? `Edit ${title}` : "New conversation"}
      description="Subject, channel and status, as everyone who may read conversations sees them."
      error={save.error ?? remove.error}
      busy={save.isPending || remove.isPending}
      canSubmit={conversation !== null || customer !== null}
      onSubmit={() =>
        save.mutate(
          conversation
            ? { orgId, id: conversation.id, fields }
            : { orgId, id: null, customerId: customer!.id, fields },
          { onSuccess: () => done(conversation ? "Conversation saved" : "Conversation opened") },
        )
      }
      deletion={
        conversation && {
          warning: `Delete ${title} with its messages and drafts? This can't be undone.`,
          onConfirm: () =>
            remove.mutate(
              { table: "conversations", id: conversation.id },
              { onSuccess: () => done("Conversation deleted") },
            ),
        }
      }
    >
      <div className="grid gap-2">
        <Label htmlFor={`${id}-customer`}>Customer</Label>
        <CustomerPicker
          id={`${id}-customer`}
          orgId={orgId}
          value={customer}
          onChange={setCustomer}
          disabled={conversation !== null}
          aria-describedby={conversation ? `${id}-customer-note` : undefined}
        />
        {conversation && (
          <p id={`${id}-customer-note`} className="text-sm text-muted-foreground">
            A conversation stays with its customer.
          </p>
        )}
      </div>
      <div className="grid gap-2">
        <Label htmlFor={`${id}-subject`}>Subject</Label>
        <Input
          id={`${id}-subject`}
          value={subject}
          onChange={(event) => setSubject(event.target.value)}
          maxLength={300}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="grid gap-2">
          <Label htmlFor={`${id}-channel`}>Channel</Label>
          <NativeSelect
            id={`${id}-channel`}
            value={channel}
            onChange={(event) => setChannel(event.target.value as ConversationChannel)}
          >
            {Object.entries(channelLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-2">
          <Label htmlFor={`${id}-status`}>Status</Label>
          <NativeSelect
            id={`${id}-status`}
            value={status}
            onChange={(event) => setStatus(event.target.value as ConversationStatus)}
          >
            {Object.entries(statusLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </NativeSelect>
        </div>
      </div>
    </RowFormDialog>
  );
}
