// @loch/core/viewer: the results viewer for a DOM host (VS Code webview and notebook renderer,
// JupyterLab widget and MIME renderer). Its own entry because it brings the grid, charts and
// vega, which a Node host (the VS Code extension host) must not bundle. The protocol it speaks
// is in `@loch/core` (results messages, host channels); the same viewer as one classic script
// for a strict CSP is the bundle shared/dist/viewer/viewer.js (build-viewer.mjs).
export {
  mountResultsViewer,
  type ResultsViewer,
  type ViewerMetrics,
  type ViewerOptions,
} from './results/viewer';
