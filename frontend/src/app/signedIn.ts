// Work a feature resumes once someone is known to be signed in (an offline queue to send, say).
// Features register from their index.ts; main.ts runs the handlers when the session is confirmed.
type Handler = () => void;

const handlers: Handler[] = [];

export function onSignedIn(handler: Handler): void {
  handlers.push(handler);
}

export function notifySignedIn(): void {
  for (const handler of handlers) {
    try {
      handler();
    } catch (error) {
      console.error(error);
    }
  }
}
