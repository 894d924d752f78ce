/**
 * An organization URL slug from its name, as the server derives one: lowercase ASCII letters and
 * digits joined by single hyphens, at most 63 characters ("Priya's Lab" → "priya-s-lab").
 */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 63)
    .replace(/^-+|-+$/g, "");
}

/** Whether `slug` is one the server accepts. */
export function isValidSlug(slug: string): boolean {
  return slug.length <= 63 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug);
}
