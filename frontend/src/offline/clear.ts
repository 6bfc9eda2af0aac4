// Logout leaves nothing of the user behind in this browser: storage, IndexedDB, the service worker's
// caches and the worker itself (the server also answers logout with Clear-Site-Data).

async function deleteIndexedDatabases(): Promise<void> {
  if (typeof indexedDB === "undefined" || typeof indexedDB.databases !== "function") return;
  const databases = await indexedDB.databases();
  await Promise.all(
    databases.map(
      ({ name }) =>
        new Promise<void>((resolve) => {
          if (!name) return resolve();
          const request = indexedDB.deleteDatabase(name);
          // A blocked delete finishes once other tabs let go; do not hold logout up for it.
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
        }),
    ),
  );
}

async function deleteCaches(): Promise<void> {
  if (typeof caches === "undefined") return;
  const keys = await caches.keys();
  await Promise.all(keys.map((key) => caches.delete(key)));
}

async function unregisterServiceWorkers(): Promise<void> {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return;
  const registrations = await navigator.serviceWorker.getRegistrations();
  await Promise.all(registrations.map((registration) => registration.unregister()));
}

export async function clearClientState(): Promise<void> {
  try {
    localStorage.clear();
    sessionStorage.clear();
  } catch {
    // Storage disabled: nothing was stored either.
  }
  // Each step is best effort: one failing must not keep the others from running.
  await Promise.allSettled([deleteIndexedDatabases(), deleteCaches(), unregisterServiceWorkers()]);
}
