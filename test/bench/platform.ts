// Benchmarks run against the local platform: the one `loch up` recorded (started if needed).
import { localUp } from '../../shared/src/platform/local';

export async function benchEndpoints(): Promise<{ trino: string; nessie: string }> {
  const { endpoints } = await localUp({ log: (l) => process.stderr.write(`${l}\n`) });
  return endpoints;
}
