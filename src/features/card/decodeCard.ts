/**
 * Reading a QR code from a camera frame or a photo. The browser's own
 * BarcodeDetector where it has one (Chrome on Android, Safari), else jsQR (a
 * well-kept pure-JavaScript decoder, loaded only when first needed). Both run
 * on the device: nothing leaves it.
 */

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: ImageBitmapSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorConstructor {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

let nativeDetector: Promise<BarcodeDetectorLike | undefined> | undefined;

function browserDetector(): Promise<BarcodeDetectorLike | undefined> {
  nativeDetector ??= (async () => {
    const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
    if (!Detector) return undefined;
    try {
      const formats = await Detector.getSupportedFormats();
      return formats.includes('qr_code') ? new Detector({ formats: ['qr_code'] }) : undefined;
    } catch {
      return undefined;
    }
  })();
  return nativeDetector;
}

/** The pixels of an image or a video frame, at most `maxEdge` pixels on its long edge. */
function pixelsOf(source: CanvasImageSource, width: number, height: number, maxEdge = 1280): ImageData {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('No 2D canvas on this device');
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

/** The text of the first QR code in the picture, or undefined when there is none. */
export async function decodeQr(source: CanvasImageSource & ImageBitmapSource, width: number, height: number): Promise<string | undefined> {
  const detector = await browserDetector();
  if (detector) {
    const found = await detector.detect(source);
    if (found[0]) return found[0].rawValue;
  }
  const { default: jsQR } = await import('jsqr');
  const pixels = pixelsOf(source, width, height);
  return jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'attemptBoth' })?.data;
}

/** The text of the QR code in a photo the person chose, or undefined. */
export async function decodeQrFromFile(file: Blob): Promise<string | undefined> {
  const bitmap = await createImageBitmap(file);
  try {
    return await decodeQr(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}
