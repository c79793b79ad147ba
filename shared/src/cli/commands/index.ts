import type { Command } from '../io';
import { down, status, up } from './platform';

/** Every `loch` subcommand, by name, with its one-line summary for `loch help`. */
export const commands: Record<string, { run: Command; summary: string }> = {
  up: {
    run: up,
    summary: 'up [--seed] [--trino-port N] [--nessie-port N]   start the local platform',
  },
  down: {
    run: down,
    summary: 'down                                            stop what `loch up` started',
  },
  status: {
    run: status,
    summary: 'status [--json]                                 state and endpoints of the platform',
  },
};
