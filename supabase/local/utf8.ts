// PostgREST 12 answers input that is not UTF-8 with a plain-text 500 "Something went wrong"
// (warp's fallback when decoding throws; PostgREST issues #1585, #1944) in three places: a query
// string whose %-escapes decode to bytes that are not UTF-8 (`?name=eq.%FF`, an overlong
// `%C0%AF`, a surrogate `%ED%A0%80`), and form-urlencoded or CSV bodies holding such bytes (the
// gateway refuses CSV bodies outright: see gateway.ts).
// Nothing in Roster runs before that, so the gateway refuses such input with the 400 PostgREST
// gives anything it cannot parse: PGRST100 for the query string, PGRST102 for the body. JSON
// bodies need no check: PostgREST answers bad bytes there with PGRST102 itself. Escapes that
// are malformed rather than undecodable (`%`, `%%`, `a%2`) pass: PostgREST reads those itself.

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** True when `input`, with its %XX escapes decoded when `escapes` is set, is valid UTF-8. */
export function isUtf8(input: string | Buffer, escapes: boolean): boolean {
  const raw = typeof input === "string" ? Buffer.from(input, "utf8") : input;
  const bytes = escapes ? decodeEscapes(raw) : raw;
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const hex = (byte: number | undefined) =>
  byte !== undefined && /^[0-9A-Fa-f]$/.test(String.fromCharCode(byte));

function decodeEscapes(raw: Buffer): Uint8Array {
  const out: number[] = [];
  for (let index = 0; index < raw.length; index++) {
    if (raw[index] === 0x25 && hex(raw[index + 1]) && hex(raw[index + 2])) {
      out.push(parseInt(raw.subarray(index + 1, index + 3).toString("latin1"), 16));
      index += 2;
    } else out.push(raw[index]!);
  }
  return Uint8Array.from(out);
}

/** How a request body of this type is checked, or undefined when PostgREST copes itself. */
export function bodyCheck(contentType: string | undefined): { escapes: boolean } | undefined {
  return mediaType(contentType) === "application/x-www-form-urlencoded"
    ? { escapes: true }
    : undefined;
}

export const isCsv = (contentType: string | undefined) => mediaType(contentType) === "text/csv";

const mediaType = (contentType: string | undefined) =>
  contentType?.split(";")[0]?.trim().toLowerCase();

export const notUtf8 = (code: "PGRST100" | "PGRST102", what: string) => ({
  code,
  details: null,
  hint: "invalid_input",
  message: `The request ${what} is not valid UTF-8.`,
});
