// The phone's position from the browser (WGS-84, as the server expects). One reading at a time;
// a reading younger than a minute is good enough for a punch, an older one is read again.
import { ref, shallowRef } from "vue";

export const LOCATE_TIMEOUT_MS = 10_000;
export const FIX_MAX_AGE_MS = 60_000;

export type LocationProblem = "unsupported" | "denied" | "unavailable" | "timeout";

export interface Fix {
  latitude: number;
  longitude: number;
  accuracyM: number;
  /** Device time of the reading, in ms. */
  atMs: number;
}

export class LocationError extends Error {
  constructor(readonly problem: LocationProblem) {
    super(`location ${problem}`);
  }
}

function problemOf(error: GeolocationPositionError): LocationProblem {
  if (error.code === error.PERMISSION_DENIED) return "denied";
  if (error.code === error.TIMEOUT) return "timeout";
  return "unavailable";
}

/** One high-accuracy reading; rejects with a LocationError. */
export function readPosition(timeoutMs: number = LOCATE_TIMEOUT_MS): Promise<Fix> {
  return new Promise((resolve, reject) => {
    if (typeof navigator === "undefined" || !("geolocation" in navigator)) {
      reject(new LocationError("unsupported"));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) =>
        resolve({
          latitude: position.coords.latitude,
          longitude: position.coords.longitude,
          accuracyM: position.coords.accuracy,
          atMs: Date.now(),
        }),
      (error) => reject(new LocationError(problemOf(error))),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 0 },
    );
  });
}

/** The last reading, what went wrong with the last attempt, and a way to read again. */
export function useLocation(read: (timeoutMs: number) => Promise<Fix> = readPosition) {
  const fix = shallowRef<Fix | null>(null);
  const problem = ref<LocationProblem | null>(null);
  const locating = ref(false);
  let pending: Promise<Fix | null> | null = null;

  /** Reads the position (joining a reading under way); null when it could not be read. */
  function locate(): Promise<Fix | null> {
    locating.value = true;
    pending ??= read(LOCATE_TIMEOUT_MS)
      .then(
        (reading) => {
          fix.value = reading;
          problem.value = null;
          return reading;
        },
        (error: unknown) => {
          problem.value = error instanceof LocationError ? error.problem : "unavailable";
          return null;
        },
      )
      .finally(() => {
        pending = null;
        locating.value = false;
      });
    return pending;
  }

  /** A reading fit for a punch: the last one if recent, else a new one (waits up to the timeout). */
  async function currentFix(now: number = Date.now()): Promise<Fix | null> {
    if (fix.value && now - fix.value.atMs <= FIX_MAX_AGE_MS) return fix.value;
    return locate();
  }

  return { fix, problem, locating, locate, currentFix };
}
