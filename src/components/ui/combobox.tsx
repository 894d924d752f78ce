import { CheckIcon, LoaderCircleIcon } from "lucide-react";
import { type ComponentProps, type KeyboardEvent, useId, useState } from "react";
import { Input } from "@/components/ui/input";
import { Popover, PopoverAnchor, PopoverContent } from "@/components/ui/popover";
import { cn } from "@/lib/utils";

export type ComboboxOption = { value: string; label: string };

type ComboboxProps = Omit<ComponentProps<typeof Input>, "value" | "onChange" | "role"> & {
  /** The chosen option, shown in the box whenever the list is closed. */
  value: ComboboxOption | null;
  onValueChange: (option: ComboboxOption) => void;
  /** The text typed so far, for the caller to search with (it decides when and how). */
  onSearchChange: (text: string) => void;
  options: ComboboxOption[];
  /** The list's accessible name: "Customers". */
  listLabel: string;
  /** The options shown are not yet those for the text typed. */
  loading?: boolean;
  /** Said in the list when a finished search found nothing. */
  emptyMessage?: string;
};

/**
 * An editable combobox with a list popup (WAI-ARIA APG "combobox with listbox popup"): typing
 * opens the list, arrow keys move through it, Enter chooses, Escape closes it (and only it: the
 * popup is its own dismissable layer, so a surrounding dialog stays open). Focus stays in the box.
 */
function Combobox({
  value,
  onValueChange,
  onSearchChange,
  options,
  listLabel,
  loading = false,
  emptyMessage = "No matches.",
  className,
  onKeyDown,
  onBlur,
  ...props
}: ComboboxProps) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const current = options[Math.min(active, options.length - 1)];
  const optionId = (index: number) => `${listId}-${index}`;

  const show = (next: boolean) => {
    setOpen(next);
    setActive(0);
    if (!next) setText(null);
  };
  const choose = (option: ComboboxOption) => {
    onValueChange(option);
    show(false);
  };

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    onKeyDown?.(event);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return show(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((index) => (index + step + options.length) % Math.max(options.length, 1));
    } else if (event.key === "Enter" && open) {
      // Enter chooses; it must not submit the form around the box.
      event.preventDefault();
      if (current) choose(current);
    }
  }

  return (
    <Popover open={open} onOpenChange={show}>
      <PopoverAnchor asChild>
        <Input
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && current ? optionId(options.indexOf(current)) : undefined}
          value={text ?? value?.label ?? ""}
          onChange={(event) => {
            setText(event.target.value);
            onSearchChange(event.target.value.trim());
            setOpen(true);
            setActive(0);
          }}
          onClick={() => !open && show(true)}
          onKeyDown={handleKeyDown}
          onBlur={(event) => {
            onBlur?.(event);
            show(false);
          }}
          className={className}
          {...props}
        />
      </PopoverAnchor>
      <PopoverContent
        // a list, not a dialog: focus never moves into it
        role="presentation"
        className="w-(--radix-popover-trigger-width) p-1"
        // focus stays in the box; clicks on it are not "outside"
        onOpenAutoFocus={(event) => event.preventDefault()}
        onCloseAutoFocus={(event) => event.preventDefault()}
        onInteractOutside={(event) => {
          if (event.target instanceof Node && event.target === document.activeElement) {
            event.preventDefault();
          }
        }}
      >
        <ul id={listId} role="listbox" aria-label={listLabel} aria-busy={loading}>
          {options.map((option, index) => (
            <li
              key={option.value}
              id={optionId(index)}
              role="option"
              aria-selected={option.value === value?.value}
              data-active={option === current || undefined}
              className="flex cursor-default items-center gap-2 rounded-sm px-2 py-1.5 text-sm select-none data-active:bg-accent data-active:text-accent-foreground"
              // keep focus in the box, so the click chooses instead of blurring first
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => setActive(index)}
              onClick={() => choose(option)}
            >
              <CheckIcon
                aria-hidden
                className={cn("size-4", option.value !== value?.value && "invisible")}
              />
              {option.label}
            </li>
          ))}
        </ul>
        {(loading || options.length === 0) && (
          <p
            role="status"
            className="flex items-center gap-2 px-2 py-1.5 text-sm text-muted-foreground"
          >
            {loading ? (
              <>
                <LoaderCircleIcon aria-hidden className="size-4 animate-spin" />
                Searching…
              </>
            ) : (
              emptyMessage
            )}
          </p>
        )}
      </PopoverContent>
    </Popover>
  );
}

export { Combobox };
