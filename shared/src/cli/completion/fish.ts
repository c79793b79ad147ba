import type { CompletionNode } from './tree';

/** One single-quoted fish word. */
const fishQuote = (s: string) => `'${s.replace(/[\\']/g, (c) => `\\${c}`)}'`;

// __loch_path walks the words before the cursor as bash.ts does; every completion is guarded
// by the command path it belongs to, so `loch branch create --<TAB>` offers only create's flags.
function helpers(nodes: CompletionNode[]): string {
  const subcommandArms = nodes
    .filter((n) => n.commands.length > 0)
    .map(
      (n) =>
        `    case ${fishQuote(n.path)}\n        printf '%s\\n' ${n.commands.map((c) => fishQuote(c.name)).join(' ')}`,
    );
  const valued = nodes.flatMap((n) =>
    n.options
      .filter((o) => o.takesValue)
      .flatMap((o) => o.flags.map((f) => fishQuote(`${n.path} ${f}`))),
  );
  return `function __loch_subcommands
    switch $argv[1]
${subcommandArms.join('\n')}
    end
end
function __loch_takes_value
    switch $argv[1]
${valued.length ? `    case ${valued.join(' ')}\n        return 0\n` : ''}    end
    return 1
end
function __loch_path
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l p loch
    set -l skip 0
    for w in $tokens
        if test $skip = 1
            set skip 0
        else if string match -q -- '-*' $w
            __loch_takes_value "$p $w"; and set skip 1
        else if contains -- $w (__loch_subcommands "$p")
            set p "$p $w"
        end
    end
    echo $p
end
function __loch_at
    test (__loch_path) = $argv[1]
end`;
}

function completions(n: CompletionNode): string[] {
  const at = `-n ${fishQuote(`__loch_at ${fishQuote(n.path)}`)}`;
  const lines = n.commands.map(
    (c) => `complete -c loch ${at} -a ${fishQuote(c.name)} -d ${fishQuote(c.description)}`,
  );
  if (n.argumentChoices.length > 0) {
    lines.push(`complete -c loch ${at} -a ${fishQuote(n.argumentChoices.join(' '))}`);
  }
  for (const o of n.options) {
    const names = o.flags.map((f) =>
      f.startsWith('--') ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`,
    );
    const value = !o.takesValue
      ? ''
      : o.choices.length > 0
        ? ` -x -a ${fishQuote(o.choices.join(' '))}`
        : o.file
          ? ' -r -F'
          : ' -x';
    lines.push(`complete -c loch ${at} ${names.join(' ')}${value} -d ${fishQuote(o.description)}`);
  }
  return lines;
}

export function fishScript(nodes: CompletionNode[]): string {
  return [
    '# loch completion for fish. Load it with: loch completion fish | source',
    helpers(nodes),
    // No file names unless an option asks for one (-F above).
    'complete -c loch -f',
    ...nodes.flatMap(completions),
    '',
  ].join('\n');
}
