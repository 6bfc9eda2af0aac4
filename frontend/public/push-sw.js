// Web Push in the service worker (imported by the generated Workbox worker): show what the server
// pushed, and open its link in the app when the notification is tapped (marked read there).
/* global clients */
self.addEventListener("push", (event) => {
  let data;
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  const title = typeof data.title === "string" && data.title ? data.title : "Officium";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof data.body === "string" ? data.body : "",
      tag: typeof data.id === "string" ? data.id : undefined,
      icon: "/icons/icon-192.png",
      data: {
        link: typeof data.link === "string" && data.link.startsWith("/") ? data.link : "/messages",
        id: typeof data.id === "string" ? data.id : "",
      },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data = event.notification.data || {};
  // The app marks the notification read when it opens the link with its id (features/messages/opened.ts).
  const url = new URL(data.link || "/messages", self.location.origin);
  if (data.id) url.searchParams.set("from_notification", data.id);
  const link = url.pathname + url.search + url.hash;
  event.waitUntil(
    clients.matchAll({ type: "window", includeUncontrolled: true }).then((open) => {
      for (const client of open) {
        if ("navigate" in client && "focus" in client) {
          return client.navigate(link).then(() => client.focus());
        }
      }
      return clients.openWindow(link);
    }),
  );
});
