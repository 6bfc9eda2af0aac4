// Drives the real y-websocket client (Node) against an Officium server, for the interop tests.
// Usage: node scripts/yjs-interop.mjs '<json>' where json = {scenario, url, origin, document, cookies: [...], ...}.
// Prints one JSON object per line: progress events and, last, the result.
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";

const config = JSON.parse(process.argv[2]);
const say = (object) => process.stdout.write(JSON.stringify(object) + "\n");

function socketClass(cookie) {
  return class extends WebSocket {
    constructor(address, protocols) {
      super(address, protocols, { headers: { Cookie: cookie, Origin: config.origin } });
    }
  };
}

function connect(cookie) {
  const doc = new Y.Doc();
  const closes = [];
  const provider = new WebsocketProvider(config.url, config.document, doc, {
    WebSocketPolyfill: socketClass(cookie),
    disableBc: true,
    maxBackoffTime: 500,
  });
  provider.on("connection-close", (event) => closes.push(event ? event.code : null));
  provider.awareness.setLocalStateField("cursor", null);
  return { doc, provider, closes, text: doc.getText("content") };
}

const synced = (client) =>
  new Promise((resolve) => (client.provider.synced ? resolve() : client.provider.once("sync", () => resolve())));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(predicate, timeout = 10000) {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeout) throw new Error("timed out");
    await sleep(20);
  }
}

// Leave as a closing tab does: whatever was sent reaches the server (the close frame follows it).
async function stop(clients) {
  const sockets = clients.map((client) => client.provider.ws).filter((ws) => ws && ws.readyState === WebSocket.OPEN);
  const closed = sockets.map((ws) => new Promise((resolve) => ws.once("close", resolve)));
  for (const client of clients) client.provider.destroy();
  await Promise.race([Promise.all(closed), sleep(10000)]);
}

const scenarios = {
  // Two editors type at once; both end with the same text containing both edits.
  async converge() {
    const [a, b] = config.cookies.map(connect);
    await Promise.all([synced(a), synced(b)]);
    a.text.insert(0, "甲");
    b.text.insert(0, "乙");
    await until(() => a.text.toString().length === 2 && a.text.toString() === b.text.toString());
    await stop([a, b]);
    return { a: a.text.toString(), b: b.text.toString() };
  },
  // Clients connecting at the same moment to a room nobody has opened yet all sync.
  async simultaneous() {
    const clients = config.cookies.map(connect);
    await Promise.all(clients.map(synced));
    const texts = clients.map((client) => client.text.toString());
    await stop(clients);
    return { synced: clients.length, texts };
  },
  // Every client types `edits` characters as fast as it can, then everyone leaves at once.
  async burst() {
    const clients = config.cookies.map(connect);
    await Promise.all(clients.map(synced));
    for (let n = 0; n < config.edits; n += 1) {
      for (const client of clients) client.text.insert(client.text.length, String(n % 10));
      if (n % 10 === 0) await sleep(1);
    }
    await sleep(config.linger_ms ?? 0);
    const lengths = clients.map((client) => client.text.length);
    await stop(clients);
    return { lengths, closes: clients.map((client) => client.closes) };
  },
  // The first client only watches; the second types (it may be a viewer).
  async typeAndWatch() {
    const [watcher, typist] = config.cookies.map(connect);
    await Promise.all([synced(watcher), synced(typist)]);
    typist.text.insert(0, config.text);
    await sleep(config.wait_ms);
    const seen = watcher.text.toString();
    await stop([watcher, typist]);
    return { seen };
  },
  // Connect, report when synced, then wait until the server closes the socket.
  async waitForClose() {
    const client = connect(config.cookies[0]);
    await synced(client);
    say({ event: "synced" });
    await until(() => client.closes.length > 0, 20000);
    const code = client.closes[0];
    await stop([client]);
    return { code };
  },
  // Read the stored document.
  async read() {
    const client = connect(config.cookies[0]);
    await synced(client);
    const text = client.text.toString();
    await stop([client]);
    return { text };
  },
};

try {
  say({ result: await scenarios[config.scenario]() });
  process.exit(0);
} catch (error) {
  say({ error: String(error) });
  process.exit(1);
}
