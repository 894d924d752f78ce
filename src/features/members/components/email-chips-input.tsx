import { XIcon } from "lucide-react";
import type { ClipboardEvent, KeyboardEvent } from "react";
import { cn } from "@/lib/utils";
import { isValidEmail, mergeEmails, splitEmails } from "../utils/parse-emails";

type EmailChipsInputProps = {
  id: string;
  emails: string[];
  onChange: (emails: string[]) => void;
  /** Text typed but not yet turned into chips; the form counts it too. */
  draft: string;
  onDraftChange: (draft: string) => void;
  describedBy?: string;
};

/**
 * Type or paste addresses; a comma, space, semicolon, newline, Enter or leaving the field turns
 * them into chips. Invalid addresses stay as red chips, so nothing typed is silently dropped.
 */
export function EmailChipsInput({
  id,
  emails,
  onChange,
  draft,
  onDraftChange,
  describedBy,
}: EmailChipsInputProps) {
  function commit(text: string) {
    const incoming = splitEmails(text);
    if (incoming.length > 0) onChange(mergeEmails(emails, incoming));
    onDraftChange("");
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === "," || event.key === " " || event.key === ";") {
      if (draft.trim()) {
        event.preventDefault();
        commit(draft);
      } else if (event.key !== "Enter") {
        event.preventDefault();
      }
    } else if (event.key === "Backspace" && draft === "" && emails.length > 0) {
      onChange(emails.slice(0, -1));
    }
  }

  function handlePaste(event: ClipboardEvent<HTMLInputElement>) {
    event.preventDefault();
    commit(draft + event.clipboardData.getData("text"));
  }

  const invalidCount = emails.filter((email) => !isValidEmail(email)).length;

  return (
    <div
      className={cn(
        "flex min-h-9 w-full flex-wrap items-center gap-1.5 rounded-md border border-input px-2 py-1.5 shadow-xs focus-within:border-ring focus-within:ring-[3px] focus-within:ring-ring/50 dark:bg-input/30",
        invalidCount > 0 && "border-destructive",
      )}
    >
      {emails.length > 0 && (
        <ul aria-label="Addresses to invite" className="contents">
          {emails.map((email) => {
            const valid = isValidEmail(email);
            return (
              <li
                key={email}
                className={cn(
                  "inline-flex max-w-full items-center gap-1 rounded-md py-0.5 pr-0.5 pl-2 text-sm",
                  valid
                    ? "bg-secondary text-secondary-foreground"
                    : "bg-destructive/12 text-destructive line-through decoration-1",
                )}
              >
                <span className="truncate">{email}</span>
                {!valid && <span className="sr-only">(not a valid email address)</span>}
                <button
                  type="button"
                  className="rounded-sm p-0.5 outline-none hover:bg-foreground/10 focus-visible:ring-[3px] focus-visible:ring-ring/50"
                  aria-label={`Remove ${email}`}
                  onClick={() => onChange(emails.filter((other) => other !== email))}
                >
                  <XIcon aria-hidden className="size-3.5" />
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <input
        id={id}
        type="text"
        inputMode="email"
        autoComplete="off"
        value={draft}
        onChange={(event) => onDraftChange(event.target.value)}
        onKeyDown={handleKeyDown}
        onPaste={handlePaste}
        onBlur={() => commit(draft)}
        aria-invalid={invalidCount > 0 || undefined}
        aria-describedby={describedBy}
        placeholder={emails.length === 0 ? "name@example.com, other@example.com" : undefined}
        className="min-w-40 flex-1 bg-transparent px-1 py-0.5 text-base outline-none placeholder:text-muted-foreground md:text-sm"
      />
    </div>
  );
}
