import { shDataFunctions } from './sh-data';
import type { CompletionNode } from './tree';

// The same walk as the bash script, over zsh's $words (1-based, the command at 1). The path
// variable is not called `path`: in zsh that name is the array tied to $PATH.
// Sourced, the script registers _loch; saved as _loch in $fpath, zsh autoloads it at the first
// TAB and runs the file as _loch's body, so that first call defines everything and completes.
const BODY = `_loch() {
  local i w cur=\${words[CURRENT]} prev=\${words[CURRENT-1]} lp=loch values
  for (( i = 2; i < CURRENT; i++ )); do
    w=\${words[i]}
    if [[ $w == -* ]]; then
      if _loch_takes_value "$lp $w"; then (( i++ )); fi
    elif [[ " $(_loch_subcommands "$lp") " == *" $w "* ]]; then
      lp="$lp $w"
    fi
  done
  if [[ $prev == -* ]] && _loch_takes_file "$lp $prev"; then
    _files
  elif [[ $prev == -* ]] && _loch_takes_value "$lp $prev"; then
    values=$(_loch_values "$lp $prev")
    if [[ -n $values ]]; then compadd -- \${=values}; else _message 'a value'; fi
  elif [[ $cur == -* ]]; then
    values=$(_loch_options "$lp")
    compadd -- \${=values}
  else
    values="$(_loch_subcommands "$lp") $(_loch_values "$lp")"
    compadd -- \${=values}
  fi
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _loch "$@"
else
  compdef _loch loch
fi`;

export function zshScript(nodes: CompletionNode[]): string {
  return `#compdef loch\n# loch completion for zsh. Load it (after compinit) with: source <(loch completion zsh)\n# or save it as _loch in a directory on $fpath.\n${shDataFunctions(nodes)}\n${BODY}\n`;
}
