/**
 * A throwaway database in a container, for machines that have Docker but no local server.
 * testcontainers is loaded only then, so machines without Docker never pay for it.
 */
export interface ContainerSpec {
  readonly image: string;
  readonly port: number;
  readonly env: Readonly<Record<string, string>>;
  /** A log line that says the server accepts connections. */
  readonly readyLog: RegExp;
  readonly readyTimes?: number;
}

export interface StartedDatabase {
  readonly host: string;
  readonly port: number;
}

const started: { stop(): Promise<unknown> }[] = [];

export async function startContainer(spec: ContainerSpec): Promise<StartedDatabase | null> {
  let tc: typeof import('testcontainers');
  try {
    tc = await import('testcontainers');
    await tc.getContainerRuntimeClient();
  } catch {
    return null; // no Docker engine here
  }
  const container = await new tc.GenericContainer(spec.image)
    .withEnvironment({ ...spec.env })
    .withExposedPorts(spec.port)
    .withWaitStrategy(tc.Wait.forLogMessage(spec.readyLog, spec.readyTimes ?? 1))
    .withStartupTimeout(120_000)
    .start();
  started.push(container);
  if (started.length === 1) process.once('beforeExit', () => void Promise.all(started.map((c) => c.stop())));
  return { host: container.getHost(), port: container.getMappedPort(spec.port) };
}
