// One websocket to /ws/ that survives network trouble: reconnects with backoff, and after a
// reconnect asks every registered topic to refetch, since messages sent meanwhile are lost.
import { reconnectDelay } from "./backoff";
import { dispatchAllTopics, dispatchServerMessage } from "./topics";

/** The part of WebSocket we use, so that tests can hand in a fake. */
export interface SocketLike {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(code?: number, reason?: string): void;
}

export interface ConnectionDeps {
  url: () => string;
  createSocket: (url: string) => SocketLike;
  setTimer: (callback: () => void, ms: number) => ReturnType<typeof setTimeout>;
  clearTimer: (handle: ReturnType<typeof setTimeout>) => void;
  random: () => number;
}

export class RealtimeConnection {
  private socket: SocketLike | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private running = false;
  private openedBefore = false;

  constructor(private readonly deps: ConnectionDeps) {}

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  stop(): void {
    this.running = false;
    this.openedBefore = false;
    this.attempt = 0;
    this.cancelTimer();
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, "logout");
  }

  /** The network came back: skip the remaining wait. */
  reconnectNow(): void {
    if (!this.running || this.socket) return;
    this.cancelTimer();
    this.connect();
  }

  private connect(): void {
    const socket = this.deps.createSocket(this.deps.url());
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      if (this.openedBefore) dispatchAllTopics();
      this.openedBefore = true;
    };
    socket.onmessage = (event) => {
      if (typeof event.data === "string") dispatchServerMessage(event.data);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return; // a socket we already replaced or stopped
      this.socket = null;
      if (this.running) this.scheduleReconnect();
    };
    // An error is always followed by close, which does the reconnecting.
    socket.onerror = null;
  }

  private scheduleReconnect(): void {
    const delay = reconnectDelay(this.attempt, this.deps.random);
    this.attempt += 1;
    this.timer = this.deps.setTimer(() => {
      this.timer = null;
      if (this.running) this.connect();
    }, delay);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
  }
}

export function socketUrl(location: Pick<Location, "protocol" | "host">): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/ws/`;
}
