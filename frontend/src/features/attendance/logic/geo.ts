// Where the phone is relative to the clock-in places: great-circle distances (haversine) on WGS-84
// coordinates, which is what browsers report and what the server stores. The server judges the punch
// with the same formula; this only lets the screen say "in range" before (or without) asking it.

const EARTH_RADIUS_M = 6_371_008.8; // mean radius, as the server uses

export interface Point {
  latitude: number;
  longitude: number;
}

/** A clock-in place as the API sends it (coordinates are decimal strings). */
export interface Fence {
  id: string;
  name: string;
  latitude: string | number;
  longitude: string | number;
  radius_m: number;
}

export interface Nearest<F extends Fence> {
  place: F;
  distanceM: number;
  inRange: boolean;
}

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres between two WGS-84 points. */
export function distanceM(a: Point, b: Point): number {
  const phi1 = radians(a.latitude);
  const phi2 = radians(b.latitude);
  const dPhi = phi2 - phi1;
  const dLambda = radians(b.longitude - a.longitude);
  const h = Math.sin(dPhi / 2) ** 2 + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The place to report: the nearest one whose fence contains the point, else the nearest of all;
 * null when there are no places (or none with readable coordinates).
 */
export function nearestPlace<F extends Fence>(places: readonly F[], point: Point): Nearest<F> | null {
  let nearest: Nearest<F> | null = null;
  let nearestInRange: Nearest<F> | null = null;
  for (const place of places) {
    const latitude = Number(place.latitude);
    const longitude = Number(place.longitude);
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) continue;
    const distance = distanceM(point, { latitude, longitude });
    const candidate = { place, distanceM: distance, inRange: distance <= place.radius_m };
    if (!nearest || distance < nearest.distanceM) nearest = candidate;
    if (candidate.inRange && (!nearestInRange || distance < nearestInRange.distanceM)) nearestInRange = candidate;
  }
  return nearestInRange ?? nearest;
}

/** "350 m", "1.2 km", "12 km": a distance as people read it. */
export function formatDistance(metres: number): string {
  if (metres < 1000) return `${Math.round(metres)} m`;
  if (metres < 10_000) return `${(Math.round(metres / 100) / 10).toFixed(1)} km`;
  return `${Math.round(metres / 1000)} km`;
}
