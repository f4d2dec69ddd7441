"""Credentials for every security scheme of /openapi.json, loaded by schemathesis (SCHEMATHESIS_HOOKS),
a fresh Idempotency-Key on every call (see `before_call`) and bodies within the documented nesting
depth (see `filter_body`).

The partner key and admin token never change. The person's session does: the fuzzer logs itself out
and fails logins (which throttles its address), so the session is checked every few seconds and, when
refused, renewed by a login from a loopback address of its own (MIR_FUZZ_LOGIN_FROM), never throttled
by the fuzzer's own failures.
"""

import itertools
import os
import re

import requests
import schemathesis
from hypothesis.internal import lambda_sources
from requests.adapters import HTTPAdapter

# CPython 3.11 can fail ast.parse deep in a call stack ("AST constructor recursion depth mismatch",
# python/cpython#106905). Hypothesis parses a lambda's source only to print its name, and
# schemathesis reports that as a runtime error of the run; a name is all that is lost here.
_describe_lambda = lambda_sources.lambda_description


def _lambda_description(f):
    try:
        return _describe_lambda(f)
    except SystemError:
        return "lambda: <source unavailable>"


lambda_sources.lambda_description = _lambda_description

API = os.environ["MIR_FUZZ_API_URL"]
PARTNER_KEY = os.environ["MIR_FUZZ_PARTNER_KEY"]
ADMIN_TOKEN = os.environ["MIR_FUZZ_ADMIN_TOKEN"]
PERSON = {"email": os.environ["MIR_FUZZ_EMAIL"], "password": os.environ["MIR_FUZZ_PASSWORD"]}
# /v1/me/erasure is fuzzed as another person: its wrong passwords count with log-ins (ten stop them
# for 15 minutes), which must not stop the fuzzer logging itself in again. It never guesses right.
ERASER = {"email": os.environ["MIR_FUZZ_ERASER_EMAIL"], "password": os.environ["MIR_FUZZ_ERASER_PASSWORD"]}
ERASURE_PATH = "/v1/me/erasure"


class _FromAddress(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (os.environ["MIR_FUZZ_LOGIN_FROM"], 0)
        super().init_poolmanager(*args, **kwargs)


_http = requests.Session()
_http.mount("http://", _FromAddress())
_sessions = {}
_turn = itertools.count()


def _session_token(person):
    token = _sessions.get(person["email"])
    if token is not None:
        me = _http.get(f"{API}/v1/me", headers={"authorization": f"Bearer {token}"}, timeout=10)
        if me.status_code == 200:
            return token
    login = _http.post(f"{API}/v1/users/login", json=person, timeout=30)
    login.raise_for_status()
    _sessions[person["email"]] = login.json()["token"]
    return _sessions[person["email"]]


@schemathesis.auth(refresh_interval=3)
class MirAuth:
    def get(self, case, context):
        # Cached for refresh_interval across operations: both sessions, chosen per operation in set().
        return {"session": _session_token(PERSON), "eraser": _session_token(ERASER)}

    def set(self, case, data, context):
        schemes = {name for requirement in case.operation.definition.raw.get("security", []) for name in requirement}
        if "ApiKeyAuth" in schemes:
            case.headers["x-api-key"] = PARTNER_KEY
        elif "AdminToken" in schemes:
            case.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"
        elif "SessionToken" in schemes:
            session = data["eraser"] if case.operation.path == ERASURE_PATH else data["session"]
            # Both ways a session travels, in turn: the bearer token and the browser's cookie.
            if next(_turn) % 2 == 0:
                case.headers["Authorization"] = f"Bearer {session}"
            else:
                case.cookies = {**(case.cookies or {}), "mir_session": session}


_PRINTABLE_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
_calls = itertools.count()


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    """Makes every well-formed Idempotency-Key unique to its call; malformed ones go as generated.

    The stateful phase sends one generated POST again in later scenarios, key and body alike. MIR
    then answers with the first answer, as documented (a retry must get it), naming a resource an
    earlier scenario may have deleted since, and the fuzzer reports a created resource not found.
    A client makes a new key for each new operation; replays, reuse with another body and
    duplicates in flight are tested in test/integration (idempotency*.test.ts).
    """
    for name, value in list((case.headers or {}).items()):
        if name.lower() == "idempotency-key" and isinstance(value, str) and _PRINTABLE_KEY.match(value):
            case.headers[name] = f"{value[:240]}.{next(_calls)}"


_MAX_DEPTH = int(os.environ["MIR_FUZZ_MAX_DEPTH"])


def _depth(value):
    """Levels of objects and arrays, iteratively (a generated value may nest deep)."""
    deepest, pending = 0, [(value, 0)]
    while pending:
        item, above = pending.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, above + 1)
        pending.extend((child, above + 1) for child in children)
    return deepest


@schemathesis.hook
def filter_body(ctx, body):
    """Free-form JSON (event `data`, policy `context`) may nest at most its `x-maxDepth` levels, a rule
    JSON Schema has no keyword for, so a deeper body is not a valid case whatever its schema says. The
    whole body is held to that depth: a little under the limit for the field, which sits below the top.
    """
    return _depth(body) <= _MAX_DEPTH
