// Every manifest of the core platform and of every add-on overlay builds with kustomize and
// validates against the Kubernetes API schemas (kubernetes-models, generated from the
// Kubernetes OpenAPI spec; KEDA's CRD from @kubernetes-models/keda), plus the platform rules
// of issue 8: pinned images, requests/limits, probes, no committed Secrets.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeObject } from '../../../../shared/src/platform/kind/manifests';
import { BUILDS, build, byKind } from './builds';

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: unknown) => Validatable;

/** The schema package module of an apiVersion, or undefined when no package covers it. */
async function modelClass(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  let mod: Record<string, unknown>;
  if (group === 'keda.sh') {
    mod = (await import(`@kubernetes-models/keda/keda.sh/${version}`)) as Record<string, unknown>;
  } else {
    const path = group ? `${group}/${version}` : version;
    try {
      mod = (await import(`kubernetes-models/${path}`)) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  return mod[kind] as ModelClass | undefined;
}

async function validate(obj: KubeObject): Promise<void> {
  const Model = await modelClass(obj.apiVersion, obj.kind);
  if (!Model) throw new Error(`no schema for ${obj.apiVersion} ${obj.kind}`);
  new Model(obj).validate();
}

interface Container {
  name: string;
  image: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  readinessProbe?: unknown;
  livenessProbe?: unknown;
}

function podSpecOf(o: KubeObject) {
  const spec = o.spec as { template?: { spec?: unknown } } | undefined;
  return spec?.template?.spec as
    { containers: Container[]; initContainers?: Container[] } | undefined;
}

describe('platform manifests', () => {
  for (const dir of BUILDS) {
    test(`${dir} builds and every object validates against the Kubernetes schemas`, async () => {
      const objects = await build(dir);
      assert.ok(objects.length >= 15, `only ${objects.length} objects`);
      for (const o of objects) {
        await assert.doesNotReject(validate(o), `${o.kind}/${o.metadata.name}`);
        assert.equal(o.metadata.namespace ?? 'loch', 'loch', `${o.kind}/${o.metadata.name}`);
      }
    });

    test(`${dir}: images pinned, requests and limits set, long-running containers probed`, async () => {
      for (const o of await build(dir)) {
        const pod = podSpecOf(o);
        if (!pod) continue;
        for (const c of [...pod.containers, ...(pod.initContainers ?? [])]) {
          const where = `${o.kind}/${o.metadata.name} ${c.name}`;
          assert.match(c.image, /^[^:@]+(:[\w][\w.-]*|@sha256:[0-9a-f]{64})$/, where);
          assert.doesNotMatch(c.image, /:latest$/, where);
          assert.ok(c.resources?.requests?.cpu && c.resources.requests.memory, where);
          assert.ok(c.resources?.limits?.memory, where);
        }
        if (o.kind !== 'Job') {
          for (const c of pod.containers) {
            const where = `${o.kind}/${o.metadata.name} ${c.name}`;
            // The sensor producer is a shell loop with nothing to ask; everything else serves.
            if (o.metadata.name === 'sensor-producer') continue;
            assert.ok(c.readinessProbe && c.livenessProbe, `${where} lacks probes`);
          }
        }
      }
    });

    test(`${dir}: no Secret is committed; S3 keys come from the generated loch-s3`, async () => {
      const objects = await build(dir);
      assert.deepEqual(
        objects.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name),
        [],
      );
      const text = JSON.stringify(objects);
      assert.match(text, /"secretKeyRef":\{"key":"secret-key","name":"loch-s3"\}/);
      assert.doesNotMatch(text, /aws-secret-key=(?!\$\{ENV:)/);
    });
  }

  test('the schema validation rejects a wrong manifest (it can fail)', async () => {
    const deployment = byKind(await build('.'), 'Deployment', 'trino-worker');
    const broken = structuredClone(deployment);
    (broken.spec as { replicas: unknown }).replicas = 'two';
    await assert.rejects(validate(broken), /replicas must be integer/);
    const nameless = structuredClone(deployment);
    delete (podSpecOf(nameless)!.containers[0] as Partial<Container>).name;
    await assert.rejects(validate(nameless), /must have required property name/);
  });

  test('the core platform is the S3 server, Nessie, Trino coordinator and workers', async () => {
    const objects = await build('.');
    const names = objects.map((o) => `${o.kind}/${o.metadata.name}`);
    for (const want of [
      'Namespace/loch',
      'Deployment/s3',
      'Service/s3',
      'PersistentVolumeClaim/s3-data',
      'Job/s3-bucket',
      'StatefulSet/nessie',
      'Service/nessie',
      'Deployment/trino-coordinator',
      'Deployment/trino-worker',
      'Service/trino',
    ]) {
      assert.ok(names.includes(want), `${want} missing from ${names.join(', ')}`);
    }
    const nessie = byKind(objects, 'StatefulSet', 'nessie').spec as {
      volumeClaimTemplates: { metadata: { name: string } }[];
    };
    assert.deepEqual(
      nessie.volumeClaimTemplates.map((v) => v.metadata.name),
      ['rocksdb'],
    );
  });

  test('add-ons bring their workloads; the autoscaler targets the Trino workers', async () => {
    const kinds = async (dir: (typeof BUILDS)[number]) =>
      (await build(dir)).map((o) => `${o.kind}/${o.metadata.name}`);
    const core = new Set(await kinds('.'));
    const added = async (dir: (typeof BUILDS)[number]) =>
      (await kinds(dir)).filter((k) => !core.has(k) && !k.startsWith('ConfigMap/')).sort();
    assert.deepEqual(await added('addons/autoscaling'), [
      'Deployment/prometheus',
      'ScaledObject/trino-worker',
      'Service/prometheus',
    ]);
    assert.deepEqual(await added('addons/streaming'), [
      'Deployment/flink-jobmanager',
      'Deployment/flink-taskmanager',
      'Deployment/sensor-producer',
      'Job/flink-sensor-readings',
      'Service/flink-jobmanager',
      'Service/kafka',
      'StatefulSet/kafka',
    ]);
    assert.deepEqual(await added('addons/elt'), ['Deployment/airflow', 'Service/airflow']);
    // The worker count belongs to KEDA there; in the core platform it is one worker.
    const workers = async (dir: (typeof BUILDS)[number]) =>
      (byKind(await build(dir), 'Deployment', 'trino-worker').spec as { replicas?: number })
        .replicas;
    assert.equal(await workers('.'), 1);
    assert.equal(await workers('addons/autoscaling'), undefined);
    const scaled = byKind(await build('addons/autoscaling'), 'ScaledObject', 'trino-worker');
    assert.deepEqual((scaled.spec as { scaleTargetRef: unknown }).scaleTargetRef, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'trino-worker',
    });
  });
});
