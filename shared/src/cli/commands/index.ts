import type { Command } from '../io';
import { branch, branches, tag } from './branches';
import { diff } from './diff';
import { log } from './log';
import { merge } from './merge';
import { down, status, up } from './platform';
import { query } from './query';
import { table, tables } from './tables';

/** Every `loch` subcommand, by name, with its one-line summary for `loch help`. */
export const commands: Record<string, { run: Command; summary: string }> = {
  up: {
    run: up,
    summary:
      'up [--mode local|kind] [--seed] [--trino-port N] [--nessie-port N]   start the platform',
  },
  down: {
    run: down,
    summary: 'down [--mode local|kind]                        stop what `loch up` started',
  },
  status: {
    run: status,
    summary: 'status [--mode local|kind] [--json]             state and endpoints of the platform',
  },
  branches: {
    run: branches,
    summary:
      'branches [--json]                               Nessie branches and tags with their hashes',
  },
  branch: {
    run: branch,
    summary:
      'branch create NAME [--from REF] | delete NAME   create or delete a branch (and its catalog)',
  },
  tag: {
    run: tag,
    summary: 'tag create NAME [--from REF] | delete NAME      create or delete a tag',
  },
  merge: {
    run: merge,
    summary: 'merge FROM [--into main] [--dry-run]            merge a ref into a branch',
  },
  diff: {
    run: diff,
    summary: 'diff FROM TO [--json]                           tables that differ between two refs',
  },
  log: {
    run: log,
    summary: 'log [REF] [--json] [--limit N]                  commits of a ref, newest first',
  },
  tables: {
    run: tables,
    summary: 'tables [--branch REF] [--json]                  Iceberg tables on a ref',
  },
  table: {
    run: table,
    summary: 'table show NS.TABLE [--branch REF] [--json]     schema, partition spec and snapshots',
  },
  query: {
    run: query,
    summary:
      'query [--catalog C | --branch REF] [--schema S] [--format table|csv|json|arrow] [--out FILE] SQL   run SQL on Trino',
  },
};
