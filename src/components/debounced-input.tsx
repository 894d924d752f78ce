import { type ComponentProps, useEffect, useRef, useState } from "react";
import { Input } from "@/components/ui/input";
import { typingDelayMs } from "@/lib/use-debounced-value";

/** A text box that reports its value once typing pauses, and follows outside changes. */
export function DebouncedInput({
  value,
  onCommit,
  ...props
}: Omit<ComponentProps<typeof Input>, "value" | "onChange"> & {
  value: string;
  onCommit: (value: string) => void;
}) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  const commit = useRef(onCommit);
  useEffect(() => {
    commit.current = onCommit;
  });
  if (value !== seen) {
    setSeen(value);
    if (value !== text.trim()) setText(value);
  }
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = window.setTimeout(() => commit.current(text.trim()), typingDelayMs);
    return () => window.clearTimeout(timer);
  }, [text, value]);
  return <Input value={text} onChange={(event) => setText(event.target.value)} {...props} />;
}
