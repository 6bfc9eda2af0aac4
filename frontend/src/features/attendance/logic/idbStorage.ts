// The punch queue on disk: one IndexedDB database with the queued punches (photos included, as
// Blobs) and a few small values (the cached rules of today, consents to send). Signing out deletes
// every database of the app (offline/clear.ts); this one closes its connection when asked to.
import type { PunchStorage, QueuedPunch } from "./storage";

export const DATABASE_NAME = "officium-attendance";
const VERSION = 1;
const PUNCHES = "punches";
const VALUES = "values";

let opening: Promise<IDBDatabase> | null = null;

function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DATABASE_NAME, VERSION);
    request.onupgradeneeded = () => {
      const database = request.result;
      if (!database.objectStoreNames.contains(PUNCHES)) database.createObjectStore(PUNCHES, { keyPath: "id" });
      if (!database.objectStoreNames.contains(VALUES)) database.createObjectStore(VALUES);
    };
    request.onsuccess = () => {
      const database = request.result;
      // Sign-out deletes the database: let it, and open a new connection if asked again.
      database.onversionchange = () => {
        database.close();
        opening = null;
      };
      database.onclose = () => {
        opening = null;
      };
      resolve(database);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error);
    };
    request.onblocked = () => {
      opening = null;
      reject(new Error("The attendance database is blocked by another tab."));
    };
  });
  return opening;
}

/** Runs one request in its own transaction; a write resolves once it is on disk. */
async function run<T>(store: string, mode: IDBTransactionMode, action: (objects: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const database = await open();
  const transaction = database.transaction(store, mode, { durability: mode === "readwrite" ? "strict" : "default" });
  const completed = new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = transaction.onabort = () => reject(transaction.error ?? new Error("IndexedDB transaction aborted"));
  });
  const [result] = await Promise.all([settle(action(transaction.objectStore(store))), completed]);
  return result;
}

export class IndexedDbPunchStorage implements PunchStorage {
  list(): Promise<QueuedPunch[]> {
    return run(PUNCHES, "readonly", (objects) => objects.getAll() as IDBRequest<QueuedPunch[]>);
  }

  async put(entry: QueuedPunch): Promise<void> {
    await run(PUNCHES, "readwrite", (objects) => objects.put(entry));
  }

  async remove(id: string): Promise<void> {
    await run(PUNCHES, "readwrite", (objects) => objects.delete(id));
  }

  read<T>(key: string): Promise<T | undefined> {
    return run(VALUES, "readonly", (objects) => objects.get(key) as IDBRequest<T | undefined>);
  }

  async write(key: string, value: unknown): Promise<void> {
    await run(VALUES, "readwrite", (objects) => objects.put(value, key));
  }
}

export function indexedDbAvailable(): boolean {
  return typeof indexedDB !== "undefined";
}

/**
 * Whether this browser holds the database already, without creating it (so that merely starting
 * the app leaves nothing behind). Unknown (no `databases()`): assume it does.
 */
export async function databaseExists(): Promise<boolean> {
  if (!indexedDbAvailable()) return false;
  if (typeof indexedDB.databases !== "function") return true;
  try {
    return (await indexedDB.databases()).some((database) => database.name === DATABASE_NAME);
  } catch {
    return true;
  }
}
