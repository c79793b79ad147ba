"""Loch for JupyterLab: the prebuilt labextension and the server extension that lets the
page reach Trino and Nessie through the Jupyter server (same origin, Jupyter's own auth)."""

__version__ = "0.1.0"


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "@loch/jupyterlab"}]


def _jupyter_server_extension_points():
    return [{"module": "loch_jupyterlab"}]


def _load_jupyter_server_extension(server_app):
    # Imported here so `loch_jupyterlab.platform` stays importable without Jupyter installed.
    from .handlers import setup_handlers

    setup_handlers(server_app.web_app)
    server_app.log.info("loch_jupyterlab: Trino and Nessie proxy at /loch/proxy/{trino,nessie}")
