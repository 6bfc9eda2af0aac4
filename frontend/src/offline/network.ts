// Whether we can reach the server: the browser's own flag plus what our last request saw, because
// `navigator.onLine` stays true on a captive Wi-Fi or when only our server is unreachable.
import { computed, reactive, readonly } from "vue";

const state = reactive({
  browserOnline: typeof navigator === "undefined" ? true : navigator.onLine,
  requestFailed: false,
});

export const networkState = readonly(state);

export const isOffline = computed(() => !state.browserOnline || state.requestFailed);

const backOnlineHandlers = new Set<() => void>();

export function reportRequestFailed(): void {
  state.requestFailed = true;
}

export function reportRequestSucceeded(): void {
  state.requestFailed = false;
}

/** Runs `handler` whenever the browser says the network is back; returns an unsubscribe function. */
export function onBackOnline(handler: () => void): () => void {
  backOnlineHandlers.add(handler);
  return () => backOnlineHandlers.delete(handler);
}

export function installNetworkListeners(target: Window = window): void {
  state.browserOnline = target.navigator.onLine;
  target.addEventListener("offline", () => {
    state.browserOnline = false;
  });
  target.addEventListener("online", () => {
    state.browserOnline = true;
    // Give the next request a chance to prove it; until then assume the server is reachable.
    state.requestFailed = false;
    for (const handler of backOnlineHandlers) handler();
  });
}
