// Web Push on this browser: subscribe with the server's VAPID key and tell the server; or stop.
import { api, unwrap } from "@/api/client";

/** The bytes of a base64url text (the form of a VAPID applicationServerKey). */
export function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(text.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function pushSupported(): boolean {
  return typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.ready;
  return registration.pushManager.getSubscription();
}

export async function pushEnabledHere(): Promise<boolean> {
  if (!pushSupported()) return false;
  return (await currentSubscription()) !== null;
}

export type PushOutcome = "enabled" | "unavailable" | "denied";

export async function enablePush(): Promise<PushOutcome> {
  if (!pushSupported()) return "unavailable";
  const { public_key: key } = await unwrap(api.GET("/api/v1/notifications/push/key"));
  if (!key) return "unavailable";
  if ((await Notification.requestPermission()) !== "granted") return "denied";
  const registration = await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: base64UrlToBytes(key),
  });
  const json = subscription.toJSON();
  await unwrap(
    api.POST("/api/v1/notifications/push/subscriptions", {
      body: { endpoint: subscription.endpoint, keys: { p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" } },
    }),
  );
  return "enabled";
}

export async function disablePush(): Promise<void> {
  const subscription = await currentSubscription();
  if (!subscription) return;
  await unwrap(api.POST("/api/v1/notifications/push/unsubscribe", { body: { endpoint: subscription.endpoint } }));
  await subscription.unsubscribe();
}
