// Opens Trino's OAuth2 login page for `loch`: the URL always goes to stderr (it is the fallback
// on a machine without a desktop, e.g. over SSH), then to $BROWSER or the desktop's opener.
import { spawn } from 'node:child_process';

function opener(env: NodeJS.ProcessEnv): { cmd: string; args: string[] } {
  // $BROWSER is a ':'-separated list of commands by convention; the first one is used.
  const browser = env.BROWSER?.split(':')[0]?.trim();
  if (browser) return { cmd: browser, args: [] };
  if (process.platform === 'darwin') return { cmd: 'open', args: [] };
  if (process.platform === 'win32')
    return { cmd: 'rundll32', args: ['url.dll,FileProtocolHandler'] };
  return { cmd: 'xdg-open', args: [] };
}

/** An `openUrl` hook for TrinoAuth's OAuth2 flow. The URL is already checked to be http(s). */
export function browserOpener(env: NodeJS.ProcessEnv, say: (text: string) => void) {
  return (url: string): void => {
    say(`loch: log in to Trino in your browser: ${url}\n`);
    const { cmd, args } = opener(env);
    // No shell: the URL is one argument, whatever it holds.
    const child = spawn(cmd, [...args, url], { detached: true, stdio: 'ignore' });
    child.on('error', () => {
      say(`loch: could not start ${cmd}; open the URL above yourself\n`);
    });
    child.unref();
  };
}
