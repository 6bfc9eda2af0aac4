// What the server's websocket messages mean to the app: `{"type": "changed", "topics": [...]}` says
// "data under these topics changed, refetch it". Stores register a handler per topic.

export type TopicHandler = () => void | Promise<void>;

export type ServerMessage =
  | { type: "hello"; user_id: string }
  | { type: "changed"; topics: string[] }
  | { type: "unknown" };

const handlers = new Map<string, Set<TopicHandler>>();

/** Registers a refetch for `topic`; returns a function that removes it. */
export function onTopicChanged(topic: string, handler: TopicHandler): () => void {
  let set = handlers.get(topic);
  if (!set) {
    set = new Set();
    handlers.set(topic, set);
  }
  set.add(handler);
  return () => {
    set.delete(handler);
    if (set.size === 0) handlers.delete(topic);
  };
}

export function parseServerMessage(raw: string): ServerMessage {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { type: "unknown" };
  }
  if (typeof value !== "object" || value === null) return { type: "unknown" };
  const message = value as Record<string, unknown>;
  if (message.type === "hello") return { type: "hello", user_id: String(message.user_id ?? "") };
  if (message.type === "changed" && Array.isArray(message.topics)) {
    return { type: "changed", topics: message.topics.filter((t): t is string => typeof t === "string") };
  }
  return { type: "unknown" };
}

function run(handler: TopicHandler): void {
  // One failing refetch must not stop the others; the store that failed shows its own error.
  try {
    void Promise.resolve(handler()).catch((error: unknown) => console.warn("topic handler failed", error));
  } catch (error) {
    console.warn("topic handler failed", error);
  }
}

/** Runs the handlers of the given topics, each handler once even if it is listed under two topics. */
export function dispatchTopics(topics: readonly string[]): number {
  const due = new Set<TopicHandler>();
  for (const topic of new Set(topics)) {
    for (const handler of handlers.get(topic) ?? []) due.add(handler);
  }
  due.forEach(run);
  return due.size;
}

/** After a reconnect we may have missed messages: refetch everything that is registered. */
export function dispatchAllTopics(): number {
  return dispatchTopics([...handlers.keys()]);
}

/** Handles one raw websocket message; returns how many handlers ran. */
export function dispatchServerMessage(raw: string): number {
  const message = parseServerMessage(raw);
  return message.type === "changed" ? dispatchTopics(message.topics) : 0;
}

/** For tests: forget every handler. */
export function clearTopicHandlers(): void {
  handlers.clear();
}
