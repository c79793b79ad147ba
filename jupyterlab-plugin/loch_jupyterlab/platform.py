"""Where the lakehouse is when the user configured nothing: what `loch up` started.

The platform record (`<state>/platform.json`) is written by the core
(shared/src/platform/state.ts) and only read here: it carries every value the server
needs, so nothing is derived again in Python. A record of a version this reader does not
know is refused with one line, never guessed at.
"""

import json
import os
from pathlib import Path

# The record version this server reads; shared/src/platform/state.ts PLATFORM_RECORD_VERSION.
PLATFORM_RECORD_VERSION = 2

DEFAULT_TRINO_URL = "http://127.0.0.1:18080"
DEFAULT_NESSIE_URL = "http://127.0.0.1:19120/api/v2"


class PlatformRecordError(Exception):
    """The platform record exists but cannot be read by this version of Loch."""


def state_dir(env=os.environ):
    # The same rules as shared/src/platform/paths.ts stateDir().
    if env.get("LOCH_STATE_DIR"):
        return Path(env["LOCH_STATE_DIR"])
    base = env.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "loch"


def read_record(state):
    """The record as a dict, None when there is none; PlatformRecordError when unreadable."""
    path = state / "platform.json"
    hint = "run `loch down`, then `loch up` with this Loch"
    try:
        text = path.read_text()
    except FileNotFoundError:
        return None
    except OSError as e:
        raise PlatformRecordError(f"cannot read the platform record {path}: {e.strerror}; {hint}")
    try:
        record = json.loads(text)
    except ValueError:
        raise PlatformRecordError(f"the platform record {path} is not JSON; {hint}") from None
    version = record.get("schemaVersion") if isinstance(record, dict) else None
    if version != PLATFORM_RECORD_VERSION:
        found = "has no schemaVersion" if version is None else f"has schemaVersion {json.dumps(version)}"
        raise PlatformRecordError(
            f"the platform record {path} {found}; this Loch reads version "
            f"{PLATFORM_RECORD_VERSION}; {hint}"
        )
    return record


def _record_values(state, record):
    try:
        return {
            "lakeCatalogName": record["lakeCatalog"]["name"],
            "lakeCatalog": record["lakeCatalog"]["properties"],
            "defaultRef": record["defaultRef"],
        }
    except (KeyError, TypeError) as e:
        raise PlatformRecordError(
            f"the platform record {state / 'platform.json'} lacks {e}; "
            "run `loch down`, then `loch up` with this Loch"
        ) from None


def platform_defaults(env=os.environ):
    """Trino and Nessie URLs: LOCH_TRINO_URL/LOCH_NESSIE_URL, else the platform record
    `loch up` wrote, else the default local ports; `source` says which one applied. The
    record's lake catalog and default ref come along whenever there is a record."""
    state = state_dir(env)
    if env.get("LOCH_TRINO_URL") and env.get("LOCH_NESSIE_URL"):
        result = {
            "trinoUrl": env["LOCH_TRINO_URL"],
            "nessieUrl": env["LOCH_NESSIE_URL"],
            "source": "environment",
        }
        # The environment chose the servers: a record this Loch cannot read only means no
        # lake catalog to copy, not a failure.
        try:
            record = read_record(state)
            if record is not None:
                result.update(_record_values(state, record))
        except PlatformRecordError:
            pass
        return result
    record = read_record(state)
    if record is None:
        return {"trinoUrl": DEFAULT_TRINO_URL, "nessieUrl": DEFAULT_NESSIE_URL, "source": "default"}
    values = _record_values(state, record)
    try:
        urls = {"trinoUrl": record["trinoUrl"], "nessieUrl": record["nessieApiUrl"]}
    except KeyError as e:
        raise PlatformRecordError(
            f"the platform record {state / 'platform.json'} lacks {e}; "
            "run `loch down`, then `loch up` with this Loch"
        ) from None
    return {**urls, "source": str(state / "platform.json"), **values}
