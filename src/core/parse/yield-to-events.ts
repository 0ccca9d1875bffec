// Lets the event loop take its waiting tasks (messages, timers) before going on: a macrotask, not a microtask.

/**
 * Resolves after the tasks already queued have run. A MessageChannel message is used where there is one:
 * unlike setTimeout(0), it is not clamped to 4 ms when such waits follow one another.
 */
export function yieldToEvents(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
