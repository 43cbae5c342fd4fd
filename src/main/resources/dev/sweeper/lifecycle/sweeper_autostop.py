#!/usr/bin/env python3
# sweeper_autostop: stops this SageMaker notebook instance once its Jupyter server has been idle for
# --idle-seconds. Installed by SageMaker Sweeper's lifecycle configuration, run by cron every 5 minutes.
# Standard library only (VPCs without internet), Python 3.6+.
#
# Activity, as in AWS's sample autostop.py: a kernel not "idle" (busy, starting...), a kernel with a
# browser connected (unless --ignore-connections), the last_activity of every kernel and terminal. The
# server's start is the floor. /api/status's last_activity is not used: it counts API requests, our own
# polling included on servers that ignore no_track_activity. A server that cannot be read, or reports
# what cannot be judged, is never stopped. One log line per run.
import argparse
import datetime
import hashlib
import hmac
import json
import os
import re
import ssl
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

TIMEOUT = 10
MIN_IDLE_SECONDS = 60
LOG_MAX_BYTES = 1024 * 1024


class Unreadable(Exception):
    """The Jupyter server, or something it reported, could not be read: never a reason to stop."""


class StopFailed(Exception):
    pass


_TIME = re.compile(r"^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|z|[+-]\d\d:?\d\d)?$")


def parse_time(text):
    """Seconds since the epoch of a Jupyter ISO-8601 time (UTC unless an offset says otherwise)."""
    m = _TIME.match(text.strip()) if isinstance(text, str) else None
    if not m:
        raise ValueError("not a time: %r" % (text,))
    y, mo, d, h, mi, s = (int(g) for g in m.groups()[:6])
    frac = float("0." + m.group(7)) if m.group(7) else 0.0
    t = datetime.datetime(y, mo, d, h, mi, s, tzinfo=datetime.timezone.utc).timestamp() + frac
    zone = m.group(8)
    if zone and zone not in ("Z", "z"):
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        t -= sign * (int(digits[:2]) * 3600 + int(digits[2:]) * 60)
    return t


def iso(t):
    return datetime.datetime.fromtimestamp(int(t), datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def get_json(url, missing_ok=False):
    req = urllib.request.Request(url, headers={"Accept": "application/json"})
    # The local server's certificate is self-signed; this context is used for localhost only.
    ctx = ssl._create_unverified_context() if url.startswith("https:") else None
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT, context=ctx) as r:
            body = r.read()
    except urllib.error.HTTPError as e:
        if e.code == 404 and missing_ok:
            return []
        raise Unreadable("GET %s answered HTTP %d" % (url, e.code))
    except Exception as e:
        raise Unreadable("GET %s failed: %s" % (url, e))
    try:
        return json.loads(body.decode("utf-8"))
    except ValueError:
        raise Unreadable("GET %s did not answer JSON" % url)


def read_server(base):
    """status, kernels (sessions' kernels merged in) and terminals, in jupyter_server's shapes."""
    q = "?no_track_activity=1"
    status = get_json(base + "/api/status" + q)
    kernels = get_json(base + "/api/kernels" + q)
    sessions = get_json(base + "/api/sessions" + q)
    # A server started with terminals disabled has no /api/terminals route: it has no terminals.
    terminals = get_json(base + "/api/terminals" + q, missing_ok=True)
    if not isinstance(status, dict) or not all(isinstance(x, list) for x in (kernels, sessions, terminals)):
        raise Unreadable("the Jupyter API answered in an unexpected shape")
    paths = {}
    by_id = {}
    for k in kernels:
        by_id[k.get("id")] = k
    for s in sessions:
        k = s.get("kernel") or {}
        if k.get("id"):
            by_id.setdefault(k["id"], k)
            paths[k["id"]] = s.get("path") or s.get("name")
    return {"status": status, "kernels": list(by_id.values()), "terminals": terminals, "paths": paths}


def _time_of(item, what):
    try:
        return parse_time(item.get("last_activity"))
    except ValueError:
        raise Unreadable("%s reports no readable last_activity (%r)" % (what, item.get("last_activity")))


def decide(server, now, idle_seconds, ignore_connections):
    """(stop, reason). Raises Unreadable when the facts cannot be judged."""
    try:
        started = parse_time(server["status"].get("started"))
    except ValueError:
        raise Unreadable("/api/status reports no readable start time")
    latest, latest_what = started, "server started"
    for k in server["kernels"]:
        what = "kernel %s" % (server["paths"].get(k.get("id")) or k.get("id"))
        state = k.get("execution_state")
        if state != "idle":
            # busy, starting, restarting, unknown...: only "idle" proves a kernel does nothing
            return False, "%s is %s" % (what, state)
        if not ignore_connections and (k.get("connections") or 0) > 0:
            return False, "%s has %s browser connection(s)" % (what, k.get("connections"))
        t = _time_of(k, what)
        if t > latest:
            latest, latest_what = t, what
    for term in server["terminals"]:
        what = "terminal %s" % term.get("name")
        t = _time_of(term, what)
        if t > latest:
            latest, latest_what = t, what
    idle_for = int(now - latest)
    summary = "%d kernel(s), %d terminal(s); last activity %s at %s" % (
        len(server["kernels"]), len(server["terminals"]), latest_what, iso(latest))
    if idle_for < idle_seconds:
        return False, "idle %ds of %ds (%s)" % (max(idle_for, 0), idle_seconds, summary)
    return True, "idle %ds >= %ds (%s)" % (idle_for, idle_seconds, summary)


# --- AWS: this instance, credentials (environment, else IMDSv2), a SigV4-signed StopNotebookInstance


def instance(metadata_path):
    """(name, region or None) from the notebook instance's own metadata file."""
    with open(metadata_path) as f:
        meta = json.load(f)
    arn = meta.get("ResourceArn") or ""
    parts = arn.split(":")
    return meta["ResourceName"], (parts[3] if len(parts) > 5 and parts[3] else None)


def _imds(base, path, token, method="GET", headers=None):
    h = dict(headers or {})
    if token:
        h["X-aws-ec2-metadata-token"] = token
    req = urllib.request.Request(base + path, headers=h, method=method)
    with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
        return r.read().decode("utf-8")


def imds_token(base):
    try:
        return _imds(base, "/latest/api/token", None, "PUT", {"X-aws-ec2-metadata-token-ttl-seconds": "300"})
    except Exception:
        return None  # an instance that allows IMDSv1 still answers without a token


def credentials(env, imds_base, token):
    if env.get("AWS_ACCESS_KEY_ID") and env.get("AWS_SECRET_ACCESS_KEY"):
        return env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"], env.get("AWS_SESSION_TOKEN")
    role = _imds(imds_base, "/latest/meta-data/iam/security-credentials/", token).strip().splitlines()[0]
    c = json.loads(_imds(imds_base, "/latest/meta-data/iam/security-credentials/" + role, token))
    return c["AccessKeyId"], c["SecretAccessKey"], c.get("Token")


def sign(method, url, headers, body, region, service, creds, now):
    """Headers plus SigV4's Authorization for the request (every header given is signed)."""
    key, secret, token = creds
    parts = urllib.parse.urlsplit(url)
    amz_date = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(now))
    day = amz_date[:8]
    h = dict(headers)
    h["Host"] = parts.netloc
    h["X-Amz-Date"] = amz_date
    if token:
        h["X-Amz-Security-Token"] = token
    canon = sorted((k.lower(), " ".join(str(v).split())) for k, v in h.items())
    signed = ";".join(k for k, _ in canon)
    request = "\n".join([method, parts.path or "/", parts.query,
                         "".join("%s:%s\n" % kv for kv in canon), signed, hashlib.sha256(body).hexdigest()])
    scope = "%s/%s/%s/aws4_request" % (day, region, service)
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(request.encode("utf-8")).hexdigest()])
    k = ("AWS4" + secret).encode("utf-8")
    for part in (day, region, service, "aws4_request"):
        k = hmac.new(k, part.encode("utf-8"), hashlib.sha256).digest()
    signature = hmac.new(k, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    h["Authorization"] = "AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=%s, Signature=%s" % (
        key, scope, signed, signature)
    return h


def stop_instance(name, region, endpoint, creds, now):
    body = json.dumps({"NotebookInstanceName": name}).encode("utf-8")
    headers = sign("POST", endpoint + "/", {"Content-Type": "application/x-amz-json-1.1",
                                            "X-Amz-Target": "SageMaker.StopNotebookInstance"},
                   body, region, "sagemaker", creds, now)
    req = urllib.request.Request(endpoint + "/", data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
            r.read()
    except urllib.error.HTTPError as e:
        raise StopFailed("StopNotebookInstance answered HTTP %d: %s" % (e.code, e.read()[:300].decode("utf-8", "replace")))
    except Exception as e:
        raise StopFailed("StopNotebookInstance failed: %s" % e)


def default_endpoint(region):
    return "https://api.sagemaker.%s.amazonaws.com%s" % (region, ".cn" if region.startswith("cn-") else "")


# --- the run


def _flag(value):
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def parse_args(argv, env):
    e = lambda name, default=None: env.get("SWEEPER_AUTOSTOP_" + name, default)
    # Every option also from the environment: SWEEPER_AUTOSTOP_IDLE_SECONDS, ..._IGNORE_CONNECTIONS=true...
    p = argparse.ArgumentParser(prog="sweeper_autostop.py", description="Stop this notebook instance once idle.")
    p.add_argument("--idle-seconds", type=int, default=e("IDLE_SECONDS"))
    p.add_argument("--ignore-connections", action="store_true", default=_flag(e("IGNORE_CONNECTIONS", "")),
                   help="an open browser tab is not activity")
    p.add_argument("--port", type=int, default=int(e("PORT", "8443")), help="of the local Jupyter server")
    p.add_argument("--jupyter-url", default=e("JUPYTER_URL"), help="default https://localhost:PORT")
    p.add_argument("--log", default=e("LOG"), help="default stderr")
    p.add_argument("--dry-run", action="store_true", default=_flag(e("DRY_RUN", "")), help="decide and log only")
    p.add_argument("--metadata", default=e("METADATA", "/opt/ml/metadata/resource-metadata.json"))
    p.add_argument("--sagemaker-endpoint", default=e("SAGEMAKER_ENDPOINT"))
    p.add_argument("--imds-endpoint", default=e("IMDS_ENDPOINT", "http://169.254.169.254"))
    a = p.parse_args(argv)
    if a.idle_seconds is None or int(a.idle_seconds) < MIN_IDLE_SECONDS:
        p.error("--idle-seconds must be at least %d" % MIN_IDLE_SECONDS)
    a.idle_seconds = int(a.idle_seconds)
    return a


def write_log(path, line):
    if not path:
        sys.stderr.write(line + "\n")
        return
    try:
        if os.path.exists(path) and os.path.getsize(path) > LOG_MAX_BYTES:
            os.replace(path, path + ".1")
        with open(path, "a") as f:
            f.write(line + "\n")
    except OSError as e:
        sys.stderr.write("%s (log %s not writable: %s)\n" % (line, path, e))


def run(args, env, now):
    """(exit code, decision line)."""
    base = (args.jupyter_url or "https://localhost:%d" % args.port).rstrip("/")
    try:
        stop, reason = decide(read_server(base), now, args.idle_seconds, args.ignore_connections)
    except Unreadable as e:
        return 1, "KEEP Jupyter server unreadable, not stopping: %s" % e
    if not stop:
        return 0, "KEEP %s" % reason
    try:
        name, arn_region = instance(args.metadata)
    except Exception as e:
        return 1, "ERROR would stop (%s) but %s is unreadable: %s" % (reason, args.metadata, e)
    if args.dry_run:
        return 0, "DRY-RUN would stop %s: %s" % (name, reason)
    try:
        token = imds_token(args.imds_endpoint)
        region = env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or arn_region
        if not region:
            region = _imds(args.imds_endpoint, "/latest/meta-data/placement/region", token).strip()
        creds = credentials(env, args.imds_endpoint, token)
        stop_instance(name, region, (args.sagemaker_endpoint or default_endpoint(region)).rstrip("/"), creds, now)
    except StopFailed as e:
        return 1, "ERROR stopping %s (%s): %s" % (name, reason, e)
    except Exception as e:
        return 1, "ERROR stopping %s (%s): no credentials or region: %s" % (name, reason, e)
    return 0, "STOP %s: %s" % (name, reason)


def main(argv=None, env=None, clock=time.time):
    env = os.environ if env is None else env
    args = parse_args(sys.argv[1:] if argv is None else argv, env)
    now = clock()
    try:
        code, line = run(args, env, now)
    except Exception as e:  # never die silently under cron
        code, line = 1, "ERROR unexpected: %r" % (e,)
    write_log(args.log, "%s %s" % (iso(now), line))
    return code


if __name__ == "__main__":
    sys.exit(main())
