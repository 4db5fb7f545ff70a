import type { DeliveryExport } from '../../../../shared/deliveryStats';

/**
 * Hands an export to the browser as a download (Electron shows its save dialog for it). The file is
 * made in memory from text main already redacted; the object URL is released once the click is done.
 */
export function saveExport(file: DeliveryExport): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
