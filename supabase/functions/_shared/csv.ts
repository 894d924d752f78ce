// CSV per RFC 4180 (CRLF line ends, fields with `"`, `,`, CR or LF quoted, quotes doubled),
// with spreadsheet formula injection neutralized: a cell beginning with `=`, `+`, `-`, `@`
// (or a tab / carriage return, which some spreadsheets skip before a formula) gets a leading
// apostrophe, as OWASP recommends, so Excel, LibreOffice and Sheets show it as text.
const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text =
    typeof value === "string"
      ? value
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);
  if (formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
