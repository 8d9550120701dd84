import type { FileContent } from '../../preload/contract.ts';

/** Hands a file main prepared to the browser's download (no network: a Blob URL). */
export function downloadFile(file: FileContent): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
