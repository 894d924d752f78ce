import { useState } from "react";
import { Combobox } from "@/components/ui/combobox";
import { getErrorMessage } from "@/lib/errors";
import { useDebouncedValue } from "@/lib/use-debounced-value";
import { type CustomerChoice, useSearchCustomers } from "../api/search-customers";

type CustomerPickerProps = {
  id: string;
  orgId: string;
  value: CustomerChoice | null;
  onChange: (customer: CustomerChoice) => void;
  /** Shows `value` without offering others (a conversation keeps its customer). */
  disabled?: boolean;
  "aria-describedby"?: string;
};

/** Finds any of the organization's customers by name on the server, as the user types. */
export function CustomerPicker({
  orgId,
  value,
  onChange,
  disabled,
  ...props
}: CustomerPickerProps) {
  const [text, setText] = useState("");
  const settled = useDebouncedValue(text);
  const search = useSearchCustomers(orgId, settled, !disabled);
  const options = (search.data ?? []).map((customer) => ({
    value: customer.id,
    label: customer.name,
  }));
  return (
    <Combobox
      {...props}
      disabled={disabled}
      required
      placeholder="Search customers by name"
      listLabel="Customers"
      value={value && { value: value.id, label: value.name }}
      onValueChange={(option) => onChange({ id: option.value, name: option.label })}
      onSearchChange={setText}
      options={options}
      loading={text !== settled || search.isFetching}
      emptyMessage={
        search.isError
          ? getErrorMessage(search.error)
          : settled
            ? `No customer's name contains “${settled}”.`
            : "No customers yet."
      }
    />
  );
}
