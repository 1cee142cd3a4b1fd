// A background job that runs one pass at a time: at start (so work left from before a restart is
// done at once), then intervalMs after each pass ends. Errors are logged, never thrown from the loop.
import type { Logger } from 'pino';

export function serialLoop<T>(pass: () => Promise<T>, log: Logger, what: string) {
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;

  /** One pass now; concurrent calls run one after another. */
  function run(): Promise<T> {
    const p = running.then(pass);
    running = p.catch(() => undefined);
    return p;
  }

  async function loop(): Promise<void> {
    try {
      await run();
    } catch (err) {
      log.error({ err }, `${what} failed`);
    }
  }

  return {
    run,
    /** Runs at once, then every intervalMs after each pass. Resolves after the first pass; never rejects. */
    async start(intervalMs: number): Promise<void> {
      if (!stopped) return;
      stopped = false;
      const next = () => {
        if (!stopped) timer = setTimeout(() => void loop().then(next), intervalMs);
      };
      await loop();
      next();
    },
    /** No new passes; resolves when the running one (if any) has finished. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
