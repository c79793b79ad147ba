"""/loch/config and /loch/proxy/{trino,nessie}/<path>: the page's only way to Trino and Nessie.

Requests are authenticated and XSRF-checked by Jupyter (APIHandler). The Jupyter token and
cookies are never forwarded; a backend credential travels in X-Loch-Authorization and becomes
the upstream Authorization header, so it is never stored in a notebook nor seen by Jupyter's
auth. The upstream is the server default (platform.json) unless the page's settings name one
in X-Loch-Target: an authenticated Jupyter user can already run arbitrary code on this server,
so that header grants nothing new.
"""

import json
from urllib.parse import urlsplit

import tornado.web
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join
from tornado.httpclient import AsyncHTTPClient, HTTPRequest

from .platform import PlatformRecordError, platform_defaults

# Request headers that belong to the browser↔Jupyter hop, never to the backend.
_DROPPED_REQUEST_HEADERS = {
    "host",
    "cookie",
    "authorization",
    "x-xsrftoken",
    "x-loch-target",
    "x-loch-authorization",
    "origin",
    "referer",
    "content-length",
    "connection",
    "accept-encoding",
}
_DROPPED_RESPONSE_HEADERS = {
    "content-length",
    "transfer-encoding",
    "connection",
    "content-encoding",
    "set-cookie",
    "server",
    "date",
}


def _is_loopback(url):
    host = urlsplit(url).hostname or ""
    return host in ("localhost", "::1") or host.startswith("127.")


class ConfigHandler(APIHandler):
    @tornado.web.authenticated
    def get(self):
        try:
            defaults = platform_defaults()
        except PlatformRecordError as e:
            # 409: the server works, its platform record is from another Loch. The one-line
            # message reaches the page as the JSON error's `message`.
            raise tornado.web.HTTPError(409, "%s", str(e)) from None
        self.finish(json.dumps(defaults))


class ProxyHandler(APIHandler):
    def initialize(self, service):
        self.service = service

    def _target(self):
        target = self.request.headers.get("X-Loch-Target")
        if not target:
            key = "trinoUrl" if self.service == "trino" else "nessieUrl"
            try:
                target = platform_defaults()[key]
            except PlatformRecordError as e:
                raise tornado.web.HTTPError(409, "%s", str(e)) from None
        parts = urlsplit(target)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise tornado.web.HTTPError(400, f"not an http(s) URL: {target}")
        return target.rstrip("/")

    async def _forward(self, path):
        # Once per request: without X-Loch-Target each _target() reads platform.json, and this
        # proxy serves every Trino page poll.
        target = self._target()
        # Tornado hands the route's `path` over percent-decoded, which turns a ref name's
        # encoded slash (`trees/etl%2Fx`) into a path separator Nessie reads as another
        # resource; the raw request path keeps the encoding the client chose.
        prefix = url_path_join(self.base_url, "loch", "proxy", self.service) + "/"
        if self.request.path.startswith(prefix):
            path = self.request.path[len(prefix) :]
        url = f"{target}/{path}"
        if self.request.query:
            url += "?" + self.request.query
        headers = {
            k: v
            for k, v in self.request.headers.get_all()
            if k.lower() not in _DROPPED_REQUEST_HEADERS
        }
        credential = self.request.headers.get("X-Loch-Authorization")
        if credential:
            headers["Authorization"] = credential
        # As the core client does (TrinoClientOptions.compression): a backend on this machine
        # answers uncompressed, since gzip there costs the server more than the bytes it saves.
        compress = not _is_loopback(target)
        if not compress:
            headers["Accept-Encoding"] = "identity"
        method = self.request.method
        body = self.request.body if method in ("POST", "PUT", "PATCH") else None
        request = HTTPRequest(
            url,
            method=method,
            headers=headers,
            body=body,
            follow_redirects=False,
            request_timeout=600,
            allow_nonstandard_methods=True,
            decompress_response=compress,
        )
        try:
            response = await AsyncHTTPClient().fetch(request, raise_error=False)
        except OSError as e:
            raise tornado.web.HTTPError(502, f"cannot reach {self.service} at {target}: {e}")
        if response.code == 599:
            raise tornado.web.HTTPError(502, f"cannot reach {self.service}: {response.error}")
        self.set_status(response.code, response.reason)
        for k, v in response.headers.get_all():
            if k.lower() not in _DROPPED_RESPONSE_HEADERS and k.lower() != "content-type":
                self.add_header(k, v)
        if response.body and response.code not in (204, 304):
            self.write(response.body)
        # APIHandler.finish would label everything JSON; keep what the backend said.
        content_type = response.headers.get("Content-Type", "application/json")
        self.finish(set_content_type=content_type)

    @tornado.web.authenticated
    async def get(self, path):
        await self._forward(path)

    @tornado.web.authenticated
    async def post(self, path):
        await self._forward(path)

    @tornado.web.authenticated
    async def put(self, path):
        await self._forward(path)

    @tornado.web.authenticated
    async def delete(self, path):
        await self._forward(path)

    @tornado.web.authenticated
    async def patch(self, path):
        await self._forward(path)


def setup_handlers(web_app):
    base = web_app.settings["base_url"]
    web_app.add_handlers(
        ".*$",
        [
            (url_path_join(base, "loch", "config"), ConfigHandler),
            (url_path_join(base, "loch", "proxy", "trino", "(.*)"), ProxyHandler, {"service": "trino"}),
            (url_path_join(base, "loch", "proxy", "nessie", "(.*)"), ProxyHandler, {"service": "nessie"}),
        ],
    )
