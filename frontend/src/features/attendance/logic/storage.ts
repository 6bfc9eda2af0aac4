// What the punch queue keeps on the device, and where. The queue and the cached rules live in
// IndexedDB (idbStorage.ts); the in-memory version here serves unit tests and browsers without
// IndexedDB (the queue then lasts as long as the tab).
import type { PunchPayload } from "../types";

/** Why the server refused a punch: its stable code, its message and extra facts (distance_m…). */
export interface Rejection {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

export interface QueuedPunch {
  /** The punch's id (also payload.id): made when the button was pressed, the same for every retry. */
  id: string;
  /** The account that punched: another account signed in on this browser never sends it. */
  owner: string;
  /** Exactly what is sent; photo_id is filled in once the photo is uploaded, then never changes. */
  payload: PunchPayload & { device_time: string };
  /** A field-work photo still to be uploaded. */
  photo: Blob | null;
  /** Made while online: the first attempt goes to /punches, which counts it at the server's time. */
  firstTryOnline: boolean;
  /** "rejected": the server refused it; kept (without its photo) so the reason can be read. */
  state: "pending" | "rejected";
  rejection: Rejection | null;
  /** The place whose fence the phone was in, as the device judged it (shown until the server says). */
  placeName: string | null;
}

export interface PunchStorage {
  list(): Promise<QueuedPunch[]>;
  put(entry: QueuedPunch): Promise<void>;
  remove(id: string): Promise<void>;
  /** Small values beside the queue: the cached rules of today, consents waiting to be sent… */
  read<T>(key: string): Promise<T | undefined>;
  write(key: string, value: unknown): Promise<void>;
}

export class MemoryPunchStorage implements PunchStorage {
  private readonly punches = new Map<string, QueuedPunch>();
  private readonly values = new Map<string, unknown>();

  async list(): Promise<QueuedPunch[]> {
    return [...this.punches.values()].map((entry) => ({ ...entry }));
  }

  async put(entry: QueuedPunch): Promise<void> {
    this.punches.set(entry.id, { ...entry });
  }

  async remove(id: string): Promise<void> {
    this.punches.delete(id);
  }

  async read<T>(key: string): Promise<T | undefined> {
    return this.values.get(key) as T | undefined;
  }

  async write(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}
