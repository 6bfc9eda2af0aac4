// Wi-Fi punching (Wi-Fi 打卡) through the app the page runs in. A browser cannot read the phone's Wi-Fi,
// so the punch screen asks a host bridge when there is one, and otherwise treats Wi-Fi as unavailable
// (never guessed). The contract, for a native wrapper or an adapter inside DingTalk / WeCom:
//
//   window.OfficiumHost = {
//     wifi(): Promise<{ ssid: string; bssid: string } | null>
//   }
//
// `wifi()` resolves to the access point the phone is connected to now (BSSID as six hexadecimal pairs,
// "aa:bb:cc:dd:ee:ff", in any case; "-" separators are accepted), or null when it is not connected or
// the person declined. It may reject; it should answer within a few seconds (after WAIT_MS it counts as
// unavailable). The server decides: a punch whose BSSID is one of the group's networks is in range.

export interface HostWifi {
  ssid: string;
  bssid: string;
}

export interface OfficiumHost {
  wifi?: () => Promise<HostWifi | null>;
}

declare global {
  interface Window {
    OfficiumHost?: OfficiumHost;
  }
}

export const WAIT_MS = 3000;
const BSSID = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

/** "AA-BB-CC-DD-EE-FF" → "aa:bb:cc:dd:ee:ff"; null when it is not a BSSID (as the server normalises it). */
export function normaliseBssid(text: string): string | null {
  const value = text.trim().toLowerCase().replaceAll("-", ":");
  return BSSID.test(value) ? value : null;
}

function host(): OfficiumHost | undefined {
  return typeof window === "undefined" ? undefined : window.OfficiumHost;
}

/** Whether the page runs inside a host that can read Wi-Fi. */
export function hasWifiBridge(bridge: OfficiumHost | undefined = host()): boolean {
  return typeof bridge?.wifi === "function";
}

/** The Wi-Fi the host reports now (BSSID normalised), or null: no bridge, not connected, refused, too slow. */
export async function readHostWifi(bridge: OfficiumHost | undefined = host(), waitMs = WAIT_MS): Promise<HostWifi | null> {
  if (!bridge || typeof bridge.wifi !== "function") return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
  try {
    const answer: unknown = await Promise.race([bridge.wifi(), late]);
    if (typeof answer !== "object" || answer === null) return null;
    const { ssid, bssid } = answer as Partial<HostWifi>;
    const normalised = typeof bssid === "string" ? normaliseBssid(bssid) : null;
    return typeof ssid === "string" && normalised ? { ssid, bssid: normalised } : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
