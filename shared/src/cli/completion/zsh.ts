import { shDataFunctions } from './sh-data';
import type { CompletionNode } from './tree';

// The same walk as the bash script, over zsh's $words (1-based, the command at 1). The path
// variable is not called `path`: in zsh that name is the array tied to $PATH.
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
  if [[ $prev == -* ]] && _loch_takes_value "$lp $prev"; then
    values=$(_loch_values "$lp $prev")
    if [[ -n $values ]]; then compadd -- \${=values}; else _files; fi
  elif [[ $cur == -* ]]; then
    values=$(_loch_options "$lp")
    compadd -- \${=values}
  else
    values="$(_loch_subcommands "$lp") $(_loch_values "$lp")"
    compadd -- \${=values}
  fi
}
compdef _loch loch`;

export function zshScript(nodes: CompletionNode[]): string {
  return `#compdef loch\n# loch completion for zsh. Load it (after compinit) with: source <(loch completion zsh)\n${shDataFunctions(nodes)}\n${BODY}\n`;
}
