import { useId, useState } from "react";
import { toast } from "sonner";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { useDeleteRow } from "../api/delete-row";
import type { Customer } from "../api/get-customers";
import { useSaveCustomer } from "../api/save-customer";
import { RowFormDialog } from "./row-form-dialog";

type CustomerDialogProps = {
  orgId: string;
  /** The customer to edit; null adds one. */
  customer: Customer | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

// Blank optional fields are stored as nothing rather than "".
const orNull = (value: string) => value.trim() || null;

export function CustomerDialog({ orgId, customer, open, onOpenChange }: CustomerDialogProps) {
  const id = useId();
  const save = useSaveCustomer(orgId);
  const remove = useDeleteRow(orgId);
  const [name, setName] = useState(customer?.name ?? "");
  const [email, setEmail] = useState(customer?.email ?? "");
  const [phone, setPhone] = useState(customer?.phone ?? "");
  const [notes, setNotes] = useState(customer?.notes ?? "");
  // Lengths as the table's check constraints allow.
  const fields = [
    { key: "name", label: "Name", type: "text", maxLength: 200, value: name, set: setName },
    { key: "email", label: "Email", type: "email", maxLength: 254, value: email, set: setEmail },
    { key: "phone", label: "Phone", type: "tel", maxLength: 40, value: phone, set: setPhone },
    { key: "notes", label: "Notes", type: "text", maxLength: 4000, value: notes, set: setNotes },
  ];
  const done = (message: string) => {
    toast.success(message);
    onOpenChange(false);
  };

  return (
    <RowFormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={customer ? `Edit ${customer.name}` : "New customer"}
      description="Everyone in the organization who may read customers sees these details."
      error={save.error ?? remove.error}
      busy={save.isPending || remove.isPending}
      canSubmit={name.trim() !== ""}
      onSubmit={() =>
        save.mutate(
          {
            orgId,
            id: customer?.id ?? null,
            fields: {
              name: name.trim(),
              email: orNull(email),
              phone: orNull(phone),
              notes: orNull(notes),
            },
          },
          { onSuccess: () => done(customer ? "Customer saved" : "Customer added") },
        )
      }
      deletion={
        customer && {
          warning: `Delete ${customer.name} and every conversation with them? This can't be undone.`,
          onConfirm: () =>
            remove.mutate(
              { table: "customers", id: customer.id },
              { onSuccess: () => done(`${customer.name} deleted`) },
            ),
        }
      }
    >
      {fields.map((field) => (
        <div key={field.key} className="grid gap-2">
          <Label htmlFor={`${id}-${field.key}`}>{field.label}</Label>
          {field.key === "notes" ? (
            <Textarea
              id={`${id}-${field.key}`}
              value={field.value}
              onChange={(event) => field.set(event.target.value)}
              maxLength={field.maxLength}
            />
          ) : (
            <Input
              id={`${id}-${field.key}`}
              type={field.type}
              value={field.value}
              onChange={(event) => field.set(event.target.value)}
              maxLength={field.maxLength}
              required={field.key === "name"}
              autoFocus={field.key === "name"}
            />
          )}
        </div>
      ))}
    </RowFormDialog>
  );
}
