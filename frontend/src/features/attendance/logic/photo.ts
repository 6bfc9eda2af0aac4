// Field-work photos: checked like the server checks them, and made small before they wait in the
// queue and travel over a phone network (at most 1600 px on the longer side, as JPEG; this also
// drops the file's metadata). A photo the browser cannot decode (HEIC, mostly) is kept as taken.

export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const PHOTO_TYPES: readonly string[] = ["image/jpeg", "image/png", "image/webp", "image/heic"];
const MAX_EDGE_PX = 1600;
const JPEG_QUALITY = 0.82;

export type PhotoProblem = "photoNotImage" | "photoTooLarge";

export function photoProblem(photo: Blob): PhotoProblem | null {
  if (!PHOTO_TYPES.includes(photo.type)) return "photoNotImage";
  if (photo.size === 0 || photo.size > MAX_PHOTO_BYTES) return "photoTooLarge";
  return null;
}

export async function shrinkPhoto(photo: Blob): Promise<Blob> {
  if (typeof createImageBitmap !== "function" || typeof document === "undefined") return photo;
  try {
    const bitmap = await createImageBitmap(photo);
    const scale = Math.min(1, MAX_EDGE_PX / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext("2d")?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const smaller = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", JPEG_QUALITY));
    return smaller && smaller.size > 0 && smaller.size < photo.size ? smaller : photo;
  } catch {
    return photo;
  }
}
