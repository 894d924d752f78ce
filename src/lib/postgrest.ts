/** A LIKE pattern for `text` anywhere, its own wildcards taken literally (PostgREST has no `*` escape). */
export function containsPattern(text: string): string {
  return `*${text.replaceAll("*", "").replace(/[\\%_]/g, (c) => `\\${c}`)}*`;
}
