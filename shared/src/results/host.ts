// What the viewer needs from its host: a way to post messages and to receive them. Each host
// adapts its own channel (VS Code webview API, a window/iframe, or a direct in-process call).
import type { HostToViewMessage, ViewToHostMessage } from './messages';
import { isHostToViewMessage, transferablesOf } from './messages';

export interface Disposable {
  dispose(): void;
}

export interface ViewerHost {
  postMessage(message: ViewToHostMessage): void;
  onMessage(listener: (message: HostToViewMessage) => void): Disposable;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

/**
 * The host of a viewer in a webview or an iframe: messages arrive as window `message`
 * events; replies go to VS Code's webview API when present, else to the parent window.
 */
export function windowHost(win: Window = window): ViewerHost {
  const vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  return {
    postMessage(message) {
      if (vscode) vscode.postMessage(message);
      else win.parent.postMessage(message, '*', transferablesOf(message));
    },
    onMessage(listener) {
      const handler = (e: MessageEvent) => {
        if (isHostToViewMessage(e.data)) listener(e.data);
      };
      win.addEventListener('message', handler);
      return { dispose: () => win.removeEventListener('message', handler) };
    },
  };
}

/**
 * The host side reached through a MessagePort (a MessageChannel between a page and an
 * in-process host, or a worker): ArrayBuffers are transferred, not copied.
 */
export function portHost(port: MessagePort): ViewerHost {
  port.start();
  return {
    postMessage(message) {
      port.postMessage(message, transferablesOf(message));
    },
    onMessage(listener) {
      const handler = (e: MessageEvent) => {
        if (isHostToViewMessage(e.data)) listener(e.data);
      };
      port.addEventListener('message', handler);
      return { dispose: () => port.removeEventListener('message', handler) };
    },
  };
}
