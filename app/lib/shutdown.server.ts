/**
 * Resources that must be closed on SIGTERM register here. The registry lives on globalThis
 * because the Express server and the Remix build are separate bundles sharing one process.
 */
type Hook = { name: string; close: () => Promise<unknown> };
const registry = globalThis as unknown as { tipeiShutdownHooks?: Hook[] };

export function onShutdown(name: string, close: () => Promise<unknown>): void {
  registry.tipeiShutdownHooks ??= [];
  registry.tipeiShutdownHooks.push({ name, close });
}

/** Closes everything registered, newest first; a hook that fails does not stop the others. */
export async function runShutdownHooks(log: (message: string, error?: unknown) => void): Promise<void> {
  const hooks = (registry.tipeiShutdownHooks ?? []).splice(0).reverse();
  for (const hook of hooks) {
    try {
      await hook.close();
    } catch (error) {
      log(`closing ${hook.name} failed`, error);
    }
  }
}
