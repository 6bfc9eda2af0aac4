// The app's single realtime connection, opened after login and closed on logout.
import { onBackOnline } from "@/offline/network";

import { RealtimeConnection, socketUrl } from "./connection";

export { onTopicChanged } from "./topics";

const connection = new RealtimeConnection({
  url: () => socketUrl(window.location),
  createSocket: (url) => new WebSocket(url),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle),
  random: Math.random,
});

onBackOnline(() => connection.reconnectNow());

export function startRealtime(): void {
  connection.start();
}

export function stopRealtime(): void {
  connection.stop();
}
