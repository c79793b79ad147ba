// Entry of the viewer bundle (shared/dist/viewer/viewer.js). A page that loads it (no inline
// script needed, so it runs under a strict CSP) gets `LochResultsViewer.mount`, and any element
// with `data-loch-viewer` is mounted at once with the window's host channel (a VS Code
// webview or an iframe whose parent speaks the protocol).
import { portHost, windowHost } from './host';
import { mountResultsViewer } from './viewer';

export { mountResultsViewer, portHost, windowHost };

const auto =
  typeof document !== 'undefined'
    ? document.querySelector<HTMLElement>('[data-loch-viewer]')
    : null;
if (auto) mountResultsViewer(auto, windowHost());
