// Web Push in the service worker (imported by the generated Workbox worker): show what the server
// pushed, and open its link in the app when the notification is tapped.
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
      data: { link: typeof data.link === "string" && data.link.startsWith("/") ? data.link : "/messages" },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const link = (event.notification.data && event.notification.data.link) || "/messages";
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
