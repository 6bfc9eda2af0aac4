// Signing out: end the server session, then remove every trace of the user from this browser.
import { clearClientState } from "@/offline/clear";
import { useMeStore } from "@/features/me/store";
import { stopRealtime } from "@/realtime";

import { logout } from "./api";

export async function signOut(): Promise<void> {
  // If this fails (offline) we must say so: the session cookie would otherwise stay valid.
  await logout();
  stopRealtime();
  useMeStore().markAnonymous(); // answers still on their way write nothing back after the clearing
  await clearClientState();
  // A full page load also drops everything held in memory (stores, caches of the router).
  window.location.assign("/login");
}
