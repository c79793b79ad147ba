import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { bashScript } from './bash';
import { fishScript } from './fish';
import { completionTree } from './tree';
import { zshScript } from './zsh';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** `loch completion SHELL`: a script completing the program's commands, flags and values. */
export function completionScript(shell: Shell, program: CommandUnknownOpts): string {
  const nodes = completionTree(program);
  if (shell === 'bash') return bashScript(nodes);
  if (shell === 'zsh') return zshScript(nodes);
  return fishScript(nodes);
}
