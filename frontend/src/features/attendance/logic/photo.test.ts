import { describe, expect, it } from "vitest";

import { MAX_PHOTO_BYTES, photoProblem, shrinkPhoto } from "./photo";

describe("photoProblem", () => {
  it("accepts the image types the server accepts, up to 8 MB", () => {
    for (const type of ["image/jpeg", "image/png", "image/webp", "image/heic"]) {
      expect(photoProblem(new Blob(["x"], { type }))).toBeNull();
    }
  });

  it("refuses other files, empty ones and ones over 8 MB", () => {
    expect(photoProblem(new Blob(["x"], { type: "application/pdf" }))).toBe("photoNotImage");
    expect(photoProblem(new Blob(["x"]))).toBe("photoNotImage");
    expect(photoProblem(new Blob([], { type: "image/jpeg" }))).toBe("photoTooLarge");
    expect(photoProblem(new Blob([new Uint8Array(MAX_PHOTO_BYTES + 1)], { type: "image/jpeg" }))).toBe("photoTooLarge");
  });
});

describe("shrinkPhoto", () => {
  it("keeps a photo the browser cannot decode as it was taken", async () => {
    const photo = new Blob(["not really a jpeg"], { type: "image/jpeg" });
    expect(await shrinkPhoto(photo)).toBe(photo);
  });
});
