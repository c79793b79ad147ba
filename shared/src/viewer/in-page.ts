// A viewer and its backend in the same page (JupyterLab, a VS Code notebook renderer): the
// two ends of the protocol as plain calls. The view's requests are delivered as microtasks, so
// the viewer finishes mounting before the backend answers its `ready`.
import type { Disposable, ViewerHost } from '../results/host';
import type { HostToViewMessage, ViewToHostMessage } from '../results/messages';
import type { ViewerChannel } from './connector';

export interface InPageChannel {
  /** The view's end: pass it to mountResultsViewer. */
  host: ViewerHost;
  /** The backend's end: pass it to ViewerBackend. */
  channel: ViewerChannel;
}

export function inPageChannel(): InPageChannel {
  const toView = new Set<(m: HostToViewMessage) => void>();
  const toBackend = new Set<(m: ViewToHostMessage) => void>();
  const subscribe = <T>(set: Set<T>, l: T): Disposable => {
    set.add(l);
    return { dispose: () => set.delete(l) };
  };
  return {
    host: {
      postMessage: (m) => queueMicrotask(() => toBackend.forEach((l) => l(m))),
      onMessage: (l) => subscribe(toView, l),
    },
    channel: {
      post: (m) => toView.forEach((l) => l(m)),
      onMessage: (l) => subscribe(toBackend, l),
    },
  };
}
