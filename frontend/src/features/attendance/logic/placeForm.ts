// A new clock-in place: what the form holds, what is wrong with it, and the body it sends.
import type { PlaceCreate } from "../types";

export const RADIUS_M = { min: 50, max: 3000, initial: 300 } as const;

export interface PlaceDraft {
  name: string;
  address: string;
  latitude: string;
  longitude: string;
  radius: string;
}

export type PlaceProblem = "name" | "latitude" | "longitude" | "radius";

export function emptyPlace(): PlaceDraft {
  return { name: "", address: "", latitude: "", longitude: "", radius: String(RADIUS_M.initial) };
}

function decimal(text: string, limit: number): number | null {
  const trimmed = text.trim();
  if (!/^[-+]?\d{1,3}(\.\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Math.abs(value) <= limit ? value : null;
}

/** Each field that cannot be sent, with the first problem of each. */
export function placeProblems(draft: PlaceDraft): Partial<Record<PlaceProblem, true>> {
  const problems: Partial<Record<PlaceProblem, true>> = {};
  if (!draft.name.trim()) problems.name = true;
  if (decimal(draft.latitude, 90) === null) problems.latitude = true;
  if (decimal(draft.longitude, 180) === null) problems.longitude = true;
  const radius = Number(draft.radius);
  if (!Number.isInteger(radius) || radius < RADIUS_M.min || radius > RADIUS_M.max) problems.radius = true;
  return problems;
}

/** The body for the server: coordinates as decimal strings (six places, about 10 cm), WGS-84. */
export function placeBody(draft: PlaceDraft): PlaceCreate {
  return {
    name: draft.name.trim(),
    address: draft.address.trim(),
    latitude: Number(draft.latitude.trim()).toFixed(6),
    longitude: Number(draft.longitude.trim()).toFixed(6),
    datum: "wgs84",
    radius_m: Number(draft.radius),
  };
}
