import { join } from 'node:path';
import { stateDir } from '../paths';
import { readJsonFile, removeFile, writeJsonAtomic } from '../state';

/** The local ports Loch forwards to the cluster's Services. */
export interface KindEndpoints {
  trino: string;
  nessie: string;
  s3: string;
}

/**
 * What `loch up --mode kind` recorded in `<state>/kind/record.json`: the cluster, whether Loch
 * created it (only then may `loch down --mode kind` delete it), the forwarder process and the
 * endpoints `loch status` and the hosts connect to.
 */
export interface KindRecord {
  mode: 'kind';
  phase: 'applying' | 'running';
  /** The kind cluster name, when the platform runs on a kind cluster. */
  cluster?: string;
  context: string;
  /** True only for a cluster Loch's own `kind create cluster` made. */
  createdByLoch: boolean;
  namespace: string;
  /** The kubeconfig Loch wrote for its own cluster; absent for a user's context. */
  kubeconfig?: string;
  forwarderPid?: number;
  endpoints?: KindEndpoints;
  startedAt: string;
}

export function kindStateDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'kind');
}

export function readKindRecord(dir: string): KindRecord | undefined {
  return readJsonFile<KindRecord>(join(dir, 'record.json'));
}

export function writeKindRecord(dir: string, record: KindRecord): Promise<void> {
  return writeJsonAtomic(join(dir, 'record.json'), record);
}

export function removeKindRecord(dir: string): Promise<void> {
  return removeFile(join(dir, 'record.json'));
}
