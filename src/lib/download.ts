/** Hands `blob` to the browser as a file download named `filename`. */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; a later tick frees the memory.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
