/**
 * The parts of an Iceberg table metadata file (`*.metadata.json`, format v1/v2) that Trino's
 * metadata tables do not show: field ids and the partition spec by field id. Parsed with
 * 64-bit ids kept exact.
 */
import { parseJsonExact } from '../nessie/json';

export interface SchemaField {
  /** Iceberg field id (absent when only Trino's column list was available). */
  id?: number;
  name: string;
  /** Iceberg type: `long`, `decimal(12, 2)`, `struct<...>`; or Trino's when no metadata file. */
  type: string;
  required?: boolean;
  doc?: string;
  /** Nested fields of a struct, or a list's element / a map's key and value. */
  fields?: SchemaField[];
}

export interface PartitionField {
  sourceId?: number;
  /** The source column's name. */
  source: string;
  fieldId?: number;
  name: string;
  /** `identity`, `month`, `bucket[16]`, `truncate[4]`, ... */
  transform: string;
}

export interface SortField {
  sourceId: number;
  source: string;
  transform: string;
  direction: string;
  nullOrder: string;
}

export interface IcebergMetadata {
  formatVersion: number;
  tableUuid?: string;
  location?: string;
  currentSchemaId?: number;
  schema: SchemaField[];
  defaultSpecId?: number;
  partitionSpec: PartitionField[];
  sortOrder: SortField[];
  properties: Record<string, string>;
  currentSnapshotId?: string;
}

type RawType =
  | string
  | {
      type: 'struct' | 'list' | 'map';
      fields?: RawField[];
      'element-id'?: number;
      element?: RawType;
      'element-required'?: boolean;
      'key-id'?: number;
      key?: RawType;
      'value-id'?: number;
      value?: RawType;
      'value-required'?: boolean;
    };

interface RawField {
  id: number;
  name: string;
  required: boolean;
  type: RawType;
  doc?: string;
}

interface RawMetadata {
  'format-version': number;
  'table-uuid'?: string;
  location?: string;
  'current-schema-id'?: number;
  schemas?: { 'schema-id': number; fields: RawField[] }[];
  schema?: { fields: RawField[] };
  'default-spec-id'?: number;
  'partition-specs'?: {
    'spec-id': number;
    fields: { 'source-id': number; 'field-id'?: number; name: string; transform: string }[];
  }[];
  'partition-spec'?: {
    'source-id': number;
    'field-id'?: number;
    name: string;
    transform: string;
  }[];
  'default-sort-order-id'?: number;
  'sort-orders'?: {
    'order-id': number;
    fields: { 'source-id': number; transform: string; direction: string; 'null-order': string }[];
  }[];
  properties?: Record<string, string>;
  'current-snapshot-id'?: string | number | null;
}

function typeName(t: RawType): string {
  if (typeof t === 'string') return t;
  if (t.type === 'struct')
    return `struct<${(t.fields ?? []).map((f) => `${f.name}: ${typeName(f.type)}`).join(', ')}>`;
  if (t.type === 'list') return `list<${typeName(t.element!)}>`;
  return `map<${typeName(t.key!)}, ${typeName(t.value!)}>`;
}

function nested(t: RawType): SchemaField[] | undefined {
  if (typeof t === 'string') return undefined;
  if (t.type === 'struct') return (t.fields ?? []).map(field);
  if (t.type === 'list') {
    return [
      {
        id: t['element-id'],
        name: 'element',
        type: typeName(t.element!),
        required: t['element-required'],
        fields: nested(t.element!),
      },
    ];
  }
  return [
    {
      id: t['key-id'],
      name: 'key',
      type: typeName(t.key!),
      required: true,
      fields: nested(t.key!),
    },
    {
      id: t['value-id'],
      name: 'value',
      type: typeName(t.value!),
      required: t['value-required'],
      fields: nested(t.value!),
    },
  ];
}

function field(f: RawField): SchemaField {
  const out: SchemaField = { id: f.id, name: f.name, type: typeName(f.type), required: f.required };
  if (f.doc) out.doc = f.doc;
  const inner = nested(f.type);
  if (inner) out.fields = inner;
  return out;
}

function byId(
  fields: SchemaField[],
  into = new Map<number, string>(),
  prefix = '',
): Map<number, string> {
  for (const f of fields) {
    if (f.id !== undefined) into.set(f.id, `${prefix}${f.name}`);
    if (f.fields) byId(f.fields, into, `${prefix}${f.name}.`);
  }
  return into;
}

export function parseIcebergMetadata(text: string): IcebergMetadata {
  const raw = parseJsonExact(text) as RawMetadata;
  const schemaId = raw['current-schema-id'];
  const rawSchema =
    raw.schemas?.find((s) => s['schema-id'] === schemaId) ?? raw.schemas?.[0] ?? raw.schema;
  const schema = (rawSchema?.fields ?? []).map(field);
  const names = byId(schema);
  const specId = raw['default-spec-id'];
  const rawSpec =
    raw['partition-specs']?.find((s) => s['spec-id'] === specId)?.fields ??
    raw['partition-spec'] ??
    [];
  const sortId = raw['default-sort-order-id'];
  const rawSort = raw['sort-orders']?.find((s) => s['order-id'] === sortId)?.fields ?? [];
  const current = raw['current-snapshot-id'];
  return {
    formatVersion: raw['format-version'],
    tableUuid: raw['table-uuid'],
    location: raw.location,
    currentSchemaId: schemaId,
    schema,
    defaultSpecId: specId,
    partitionSpec: rawSpec.map((p) => ({
      sourceId: p['source-id'],
      source: names.get(p['source-id']) ?? String(p['source-id']),
      fieldId: p['field-id'],
      name: p.name,
      transform: p.transform,
    })),
    sortOrder: rawSort.map((s) => ({
      sourceId: s['source-id'],
      source: names.get(s['source-id']) ?? String(s['source-id']),
      transform: s.transform,
      direction: s.direction,
      nullOrder: s['null-order'],
    })),
    properties: raw.properties ?? {},
    currentSnapshotId:
      current === undefined || current === null || String(current) === '-1'
        ? undefined
        : String(current),
  };
}
