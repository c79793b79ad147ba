"""Where the lakehouse is when the user configured nothing: what `loch up` started."""

import json
import os
from pathlib import Path

DEFAULT_TRINO_URL = "http://127.0.0.1:18080"
DEFAULT_NESSIE_URL = "http://127.0.0.1:19120/api/v2"


def state_dir(env=os.environ):
    # The same rules as shared/src/platform/paths.ts stateDir().
    if env.get("LOCH_STATE_DIR"):
        return Path(env["LOCH_STATE_DIR"])
    base = env.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "loch"


def _read_record(state):
    try:
        record = json.loads((state / "platform.json").read_text())
        return record if isinstance(record, dict) else None
    except (OSError, ValueError):
        return None


def _read_properties(path):
    """A Java .properties file as written by `loch up` (key=value lines, # comments)."""
    try:
        text = path.read_text()
    except OSError:
        return None
    props = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "!")) or "=" not in line:
            continue
        key, value = line.split("=", 1)
        props[key.strip()] = value.strip()
    return props


def lake_catalog(state, record):
    """The `lake` catalog's properties minus connector.name, for per-ref catalogs: the record's
    `lakeCatalog` (current `loch up`), else the rendered catalog file (older records)."""
    if record and isinstance(record.get("lakeCatalog"), dict):
        return record["lakeCatalog"]
    props = _read_properties(state / "trino" / "etc" / "catalog" / "lake.properties")
    if props is None:
        return None
    props.pop("connector.name", None)
    return props


def platform_defaults(env=os.environ):
    """Trino and Nessie URLs: LOCH_TRINO_URL/LOCH_NESSIE_URL, else the platform record
    `loch up` wrote, else the default local ports. `source` says which one applied."""
    state = state_dir(env)
    record = _read_record(state)
    result = {"trinoUrl": DEFAULT_TRINO_URL, "nessieUrl": DEFAULT_NESSIE_URL, "source": "default"}
    if env.get("LOCH_TRINO_URL") and env.get("LOCH_NESSIE_URL"):
        result = {
            "trinoUrl": env["LOCH_TRINO_URL"],
            "nessieUrl": env["LOCH_NESSIE_URL"],
            "source": "environment",
        }
    elif record:
        try:
            services = record["services"]
            result = {
                "trinoUrl": services["trino"]["url"],
                "nessieUrl": services["nessie"]["url"].rstrip("/") + "/api/v2",
                "source": str(state / "platform.json"),
            }
        except (KeyError, TypeError, AttributeError):
            pass
    catalog = lake_catalog(state, record)
    if catalog is not None:
        result["lakeCatalog"] = catalog
    return result
