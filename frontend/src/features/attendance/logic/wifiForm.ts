// A new Wi-Fi network of a group (Wi-Fi 打卡): what the form holds, what is wrong with it, and the body
// it sends. The BSSID is checked and normalised as the server does it (lower case, ":" separators).
import type { WifiCreate } from "../types";
import { normaliseBssid } from "./hostWifi";

export const MAX_SSID = 32;

export interface WifiDraft {
  name: string;
  ssid: string;
  bssid: string;
}

export type WifiProblem = "name" | "ssid" | "bssid";

export function emptyWifi(): WifiDraft {
  return { name: "", ssid: "", bssid: "" };
}

/** Each field that cannot be sent. */
export function wifiProblems(draft: WifiDraft): Partial<Record<WifiProblem, true>> {
  const problems: Partial<Record<WifiProblem, true>> = {};
  if (!draft.name.trim()) problems.name = true;
  if (!draft.ssid || draft.ssid.length > MAX_SSID) problems.ssid = true;
  if (normaliseBssid(draft.bssid) === null) problems.bssid = true;
  return problems;
}

export function wifiBody(draft: WifiDraft): WifiCreate {
  return { name: draft.name.trim(), ssid: draft.ssid, bssid: normaliseBssid(draft.bssid) ?? draft.bssid };
}
