// Files in and out of the renderer without Node: exports are downloads of text main produced (or
// settings, which hold no secret by their schema); imports are read here and parsed by main.

/** Offers `text` as a download named `fileName`. */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next turn: the download has taken its copy by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Profile and settings files are small; anything bigger is not one of ours. */
export const MAX_IMPORT_BYTES = 1_000_000;

export async function readChosenFile(input: HTMLInputElement): Promise<string | null> {
  const file = input.files?.[0];
  input.value = '';
  if (!file) return null;
  if (file.size > MAX_IMPORT_BYTES)
    throw new Error(`${file.name} is larger than 1 MB; it is not a profile or settings file.`);
  return file.text();
}
