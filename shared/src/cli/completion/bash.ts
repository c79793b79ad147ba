import { shDataFunctions } from './sh-data';
import type { CompletionNode } from './tree';

// The words before the cursor are walked as commander parses them: a known subcommand extends
// the path, a flag that takes a value skips its value; then the cursor's word is completed
// against what that command accepts; file names only where the flag takes a file.
const BODY = `_loch_path() {
  local i w
  _loch_p=loch
  for (( i = 1; i < COMP_CWORD; i++ )); do
    w=\${COMP_WORDS[i]}
    if [[ $w == -* ]]; then
      if _loch_takes_value "$_loch_p $w"; then (( i++ )); fi
    elif [[ " $(_loch_subcommands "$_loch_p") " == *" $w "* ]]; then
      _loch_p="$_loch_p $w"
    fi
  done
}
_loch() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} _loch_p
  COMPREPLY=()
  _loch_path
  if [[ $prev == -* ]] && _loch_takes_file "$_loch_p $prev"; then
    COMPREPLY=( $(compgen -f -- "$cur") )
  elif [[ $prev == -* ]] && _loch_takes_value "$_loch_p $prev"; then
    COMPREPLY=( $(compgen -W "$(_loch_values "$_loch_p $prev")" -- "$cur") )
  elif [[ $cur == -* ]]; then
    COMPREPLY=( $(compgen -W "$(_loch_options "$_loch_p")" -- "$cur") )
  else
    COMPREPLY=( $(compgen -W "$(_loch_subcommands "$_loch_p") $(_loch_values "$_loch_p")" -- "$cur") )
  fi
}
complete -F _loch loch`;

export function bashScript(nodes: CompletionNode[]): string {
  return `# loch completion for bash. Load it with: eval "$(loch completion bash)"\n${shDataFunctions(nodes)}\n${BODY}\n`;
}
