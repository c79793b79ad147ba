// A notebook opened and not touched is not "unsaved". When a kernel connects, JupyterLab writes
// the kernel's full `language_info` (version, mimetype, codemirror mode ...) into the notebook's
// metadata, and any metadata change marks the notebook dirty. A notebook whose file holds less —
// the sample's `{"name": "python"}`, anything written by hand or by another tool, or saved with
// another Python — was therefore marked unsaved a few seconds after it opened, with nothing to
// save but what the kernel reported. That information is derived, not the user's content: the
// change stays in the model (and is saved with the next save), but it no longer dirties a clean
// notebook.
import type { NotebookPanel } from '@jupyterlab/notebook';

export function keepCleanWhenKernelInfoArrives(panel: NotebookPanel): void {
  const model = panel.context.model;
  model.metadataChanged.connect((_model, change) => {
    if (change.key !== 'language_info' || model.dirty) return;
    // The model marks itself dirty right after this signal returns (same task): undo just that.
    queueMicrotask(() => {
      if (!model.isDisposed) model.dirty = false;
    });
  });
}
