// Registers the Workbox service worker that precaches the app shell, so the app opens offline.
import { registerSW } from "virtual:pwa-register";

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  // autoUpdate: a new version takes over on the next navigation; nothing to ask the user.
  registerSW({ immediate: true });
}
