/**
 * A chosen file as the device keeps it: images downscaled to a long edge of
 * at most 2,000 px and re-encoded as JPEG through a canvas (which writes no
 * EXIF, so no location leaves the device), PDFs as they are. Browser only.
 */
import { MAX_ATTACHMENT_BYTES, sniffAttachmentType, type AttachmentMime } from '../../domain/attachments';

export const MAX_IMAGE_EDGE = 2000;
const JPEG_QUALITY = 0.85;

export class UnsupportedFileError extends Error {}
/** Over the hard ceiling of a document (a PDF is kept as it is; an image is re-encoded first). */
export class FileTooLargeError extends Error {}

export interface PreparedFile {
  bytes: Uint8Array<ArrayBuffer>;
  mime: AttachmentMime;
  originalSize: number;
}

async function reencode(file: Blob): Promise<Uint8Array<ArrayBuffer>> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_IMAGE_EDGE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new UnsupportedFileError('no canvas');
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) =>
    canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY),
  );
  if (!blob) throw new UnsupportedFileError('the image could not be encoded');
  return new Uint8Array(await blob.arrayBuffer());
}

export async function prepareFile(file: File): Promise<PreparedFile> {
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  const type = sniffAttachmentType(head);
  if (type === 'application/pdf') {
    if (file.size > MAX_ATTACHMENT_BYTES) throw new FileTooLargeError(String(file.size));
    return { bytes: new Uint8Array(await file.arrayBuffer()), mime: type, originalSize: file.size };
  }
  if (type === undefined && !file.type.startsWith('image/')) throw new UnsupportedFileError(file.type);
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await reencode(file);
  } catch {
    throw new UnsupportedFileError(file.type);
  }
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new FileTooLargeError(String(bytes.length));
  return { bytes, mime: 'image/jpeg', originalSize: file.size };
}
