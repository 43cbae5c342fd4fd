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
# A kernel "starting" or "restarting" with no connection and no activity for the idle time is evidence of
# nothing (classic notebook 6.4 leaves a kernel no client connected to in "starting" for good).
# Beyond Jupyter, the machine: CPU over the check interval (/proc/stat, against the previous run's sample),
# GPU utilisation where nvidia-smi exists, and processes a user started (a job run with nohup from a closed
# terminal); a busy machine is not idle, and the last time it was busy counts as activity.
# Each check publishes a heartbeat (CloudWatch PutMetricData, namespace SageMakerSweeper/Notebooks, metric
# Activity, dimension NotebookInstanceName: 1 when it saw work, else 0), which the sweeper reads from
# outside. A refused put (the role lacks cloudwatch:PutMetricData) is logged; the checker still stops.
import argparse
import datetime
import hashlib
import hmac
import json
import os
import pwd
import re
import shutil
import subprocess
import ssl
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

TIMEOUT = 10
MIN_IDLE_SECONDS = 60
LOG_MAX_BYTES = 1024 * 1024
HEARTBEAT_NAMESPACE = "SageMakerSweeper/Notebooks"
HEARTBEAT_METRIC = "Activity"
# Processes of the notebook's user that are not work by themselves: shells (a terminal left open), the
# Jupyter server and its kernels (judged through Jupyter), pagers and sleepers, this checker.
IGNORE_PROCESSES = (r"^(-?(ba|z|da|fi|c|tc|k)?sh|tmux.*|screen|sshd.*|sleep|less|more|man|top|htop|"
                            r"ssh-agent|dbus-.*|systemd.*|\(sd-pam\))( |$)|jupyter|ipykernel|sweeper_autostop")


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


def stuck(kernel, now, idle_seconds):
    """A kernel starting or restarting, nobody connected, no activity for the idle time: it shows nothing."""
    if kernel.get("execution_state") not in ("starting", "restarting") or (kernel.get("connections") or 0) > 0:
        return False
    try:
        return now - parse_time(kernel.get("last_activity")) >= idle_seconds
    except ValueError:
        return True


def decide(server, now, idle_seconds, ignore_connections, busy_at=None):
    """(stop, reason, last activity or None: busy now). busy_at: when the machine was last busy. Raises Unreadable."""
    try:
        started = parse_time(server["status"].get("started"))
    except ValueError:
        raise Unreadable("/api/status reports no readable start time")
    latest, latest_what = started, "server started"
    if busy_at is not None and busy_at > latest:
        latest, latest_what = busy_at, "machine busy"
    stuck_kernels = 0
    for k in server["kernels"]:
        what = "kernel %s" % (server["paths"].get(k.get("id")) or k.get("id"))
        state = k.get("execution_state")
        if stuck(k, now, idle_seconds):
            stuck_kernels += 1
            continue
        if state != "idle":
            # busy, starting, restarting, unknown...: only "idle" proves a kernel does nothing
            return False, "%s is %s" % (what, state), None
        if not ignore_connections and (k.get("connections") or 0) > 0:
            return False, "%s has %s browser connection(s)" % (what, k.get("connections")), None
        t = _time_of(k, what)
        if t > latest:
            latest, latest_what = t, what
    for term in server["terminals"]:
        what = "terminal %s" % term.get("name")
        t = _time_of(term, what)
        if t > latest:
            latest, latest_what = t, what
    idle_for = int(now - latest)
    summary = "%d kernel(s), %d terminal(s)%s; last activity %s at %s" % (
        len(server["kernels"]), len(server["terminals"]),
        ", %d stuck starting or restarting with no connection: evidence of nothing" % stuck_kernels
        if stuck_kernels else "", latest_what, iso(latest))
    if idle_for < idle_seconds:
        return False, "idle %ds of %ds (%s)" % (max(idle_for, 0), idle_seconds, summary), latest
    return True, "idle %ds >= %ds (%s)" % (idle_for, idle_seconds, summary), latest


# --- the machine: CPU over the check interval, GPU, a user's processes


def cpu_sample(proc):
    """(total, idle) jiffies of all CPUs and the number of CPUs, from /proc/stat."""
    total = idle = None
    cpus = 0
    with open(os.path.join(proc, "stat")) as f:
        for line in f:
            parts = line.split()
            if parts and parts[0] == "cpu":
                values = [int(v) for v in parts[1:]]
                # user nice system idle iowait irq softirq steal (guest time is already in user)
                total = sum(values[:8])
                idle = values[3] + (values[4] if len(values) > 4 else 0)
            elif parts and re.match(r"^cpu\d+$", parts[0]):
                cpus += 1
    if total is None:
        raise ValueError("no cpu line in /proc/stat")
    return total, idle, max(cpus, 1)


def cpu_percent(previous, current):
    """Busy CPU over the interval, in percent of one core (as top shows it: 200 is two cores busy)."""
    if not previous:
        return None
    d_total = current[0] - previous[0]
    d_idle = current[1] - previous[1]
    if d_total <= 0 or d_idle < 0:
        return None  # counters reset (a restart): no interval to judge
    return 100.0 * (d_total - d_idle) / d_total * current[2]


def gpu_percent(nvidia_smi):
    """The busiest GPU's utilisation now, or None where there is no nvidia-smi (no GPU)."""
    exe = shutil.which(nvidia_smi) if nvidia_smi else None
    if not exe:
        return None
    out = subprocess.run([exe, "--query-gpu=utilization.gpu", "--format=csv,noheader,nounits"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=TIMEOUT, check=True)
    values = [float(v) for v in out.stdout.decode("utf-8", "replace").split() if v.strip()]
    return max(values) if values else None


def user_processes(proc, user, ignore):
    """Command lines of the running processes the user started, less those that are no work by themselves."""
    try:
        uid = pwd.getpwnam(user).pw_uid if user else None
    except KeyError:
        return []
    if uid is None:
        return []
    pattern = re.compile(ignore) if ignore else None
    mine = os.getpid()
    found = []
    for pid in os.listdir(proc):
        if not pid.isdigit() or int(pid) == mine:
            continue
        try:
            with open(os.path.join(proc, pid, "status")) as f:
                status = dict(line.rstrip("\n").split(":\t", 1) for line in f if ":\t" in line)
            if int(status.get("Uid", "-1").split()[0]) != uid or status.get("State", "").startswith("Z"):
                continue
            with open(os.path.join(proc, pid, "cmdline"), "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
        except (OSError, ValueError):
            continue  # gone meanwhile, or a kernel thread
        name = os.path.basename(cmd.split(" ")[0]) + cmd[len(cmd.split(" ")[0]):]
        if cmd and not (pattern and pattern.search(name)):
            found.append(cmd[:80])
    return found


def machine(args, state, now):
    """(busy, summary) of the machine since the previous check; state gets this check's CPU sample."""
    seen = []
    busy = False
    try:
        sample = cpu_sample(args.proc)
        previous = state.get("cpu")
        interval_ok = previous and 0 < now - state.get("cpu_at", 0) <= 3 * args.check_interval
        cpu = cpu_percent(previous, sample) if interval_ok else None
        state["cpu"], state["cpu_at"] = list(sample), now
        if cpu is None:
            seen.append("cpu: no previous sample")
        else:
            seen.append("cpu %.0f%% of a core" % cpu)
            if cpu >= args.cpu_percent:
                busy = True
    except (OSError, ValueError) as e:
        seen.append("cpu unreadable (%s)" % e)
    try:
        gpu = gpu_percent(args.nvidia_smi)
        if gpu is not None:
            seen.append("gpu %.0f%%" % gpu)
            if gpu >= args.gpu_percent:
                busy = True
    except Exception as e:
        seen.append("gpu unreadable (%s)" % e.__class__.__name__)
    if args.process_user:
        try:
            procs = user_processes(args.proc, args.process_user, args.ignore_processes)
            seen.append("%d process(es) of %s%s" % (len(procs), args.process_user,
                                                   (": " + ", ".join(procs[:3])) if procs else ""))
            if procs:
                busy = True
        except OSError as e:
            seen.append("processes unreadable (%s)" % e)
    return busy, "; ".join(seen)


def load_state(path):
    try:
        with open(path) as f:
            state = json.load(f)
        return state if isinstance(state, dict) else {}
    except (OSError, ValueError):
        return {}


def save_state(path, state):
    try:
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(state, f)
        os.replace(tmp, path)
    except OSError:
        pass  # the next check has no previous CPU sample: it judges CPU one interval later


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


def default_endpoint(region, service="api.sagemaker"):
    return "https://%s.%s.amazonaws.com%s" % (service, region, ".cn" if region.startswith("cn-") else "")


def put_heartbeat(name, value, region, endpoint, creds, now):
    """PutMetricData in CloudWatch's Query protocol (Action=PutMetricData&Version=2010-08-01, form-encoded)."""
    body = urllib.parse.urlencode([
        ("Action", "PutMetricData"), ("Version", "2010-08-01"), ("Namespace", HEARTBEAT_NAMESPACE),
        ("MetricData.member.1.MetricName", HEARTBEAT_METRIC), ("MetricData.member.1.Value", str(value)),
        ("MetricData.member.1.Unit", "None"), ("MetricData.member.1.Timestamp", iso(now)),
        ("MetricData.member.1.Dimensions.member.1.Name", "NotebookInstanceName"),
        ("MetricData.member.1.Dimensions.member.1.Value", name)]).encode("utf-8")
    headers = sign("POST", endpoint + "/", {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
                   body, region, "monitoring", creds, now)
    req = urllib.request.Request(endpoint + "/", data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
            r.read()
    except urllib.error.HTTPError as e:
        text = e.read()[:300].decode("utf-8", "replace")
        code = re.search(r"<Code>([^<]+)</Code>", text)
        raise StopFailed("PutMetricData answered HTTP %d%s" % (e.code, ": " + code.group(1) if code else ""))
    except Exception as e:
        raise StopFailed("PutMetricData failed: %s" % e)


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
    # The machine: CPU in percent of one core over the check interval (200: two cores busy), GPU
    # utilisation, and whose running processes are work (empty: none).
    p.add_argument("--cpu-percent", type=float, default=float(e("CPU_PERCENT", "25")))
    p.add_argument("--gpu-percent", type=float, default=float(e("GPU_PERCENT", "10")))
    p.add_argument("--process-user", default=e("PROCESS_USER", "ec2-user"))
    p.add_argument("--ignore-processes", default=e("IGNORE_PROCESSES", IGNORE_PROCESSES))
    p.add_argument("--check-interval", type=int, default=int(e("CHECK_INTERVAL", "300")))
    p.add_argument("--no-heartbeat", action="store_true", default=_flag(e("NO_HEARTBEAT", "")))
    p.add_argument("--cloudwatch-endpoint", default=e("CLOUDWATCH_ENDPOINT"))
    p.add_argument("--state", default=e("STATE", "/usr/local/lib/sagemaker-sweeper/state.json"))
    p.add_argument("--proc", default=e("PROC", "/proc"))
    p.add_argument("--nvidia-smi", default=e("NVIDIA_SMI", "nvidia-smi"))
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


def aws(args, env):
    """(name, region, credentials) of this instance, read once a run; raises when they cannot be had."""
    if getattr(args, "aws", None):
        return args.aws
    name, arn_region = instance(args.metadata)
    token = imds_token(args.imds_endpoint)
    region = env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or arn_region
    if not region:
        region = _imds(args.imds_endpoint, "/latest/meta-data/placement/region", token).strip()
    args.aws = name, region, credentials(env, args.imds_endpoint, token)
    return args.aws


def heartbeat(args, env, now, value):
    """Publishes this check; returns what to log (a refused put never stops the checker)."""
    if args.no_heartbeat or value is None:
        return "heartbeat off" if args.no_heartbeat else "no heartbeat (nothing to judge)"
    try:
        name, region, creds = aws(args, env)
        put_heartbeat(name, value, region, (args.cloudwatch_endpoint or default_endpoint(region, "monitoring")).rstrip("/"),
                      creds, now)
        return "heartbeat %d" % value
    except StopFailed as e:
        return "heartbeat not published (grant cloudwatch:PutMetricData to the notebook's role): %s" % e
    except Exception as e:
        return "heartbeat not published: %s" % e


def run(args, env, now):
    """(exit code, decision line)."""
    base = (args.jupyter_url or "https://localhost:%d" % args.port).rstrip("/")
    state = load_state(args.state)
    busy, seen = machine(args, state, now)
    if busy:
        state["busy_at"] = now
    previous_check = state.get("checked_at")
    state["checked_at"] = now
    save_state(args.state, state)
    try:
        stop, reason, latest = decide(read_server(base), now, args.idle_seconds, args.ignore_connections,
                                      state.get("busy_at"))
    except Unreadable as e:
        # The machine alone can still say it is busy; it can never say it is idle.
        beat = heartbeat(args, env, now, 1 if busy else None)
        return 1, "KEEP Jupyter server unreadable, not stopping: %s [%s; %s]" % (e, seen, beat)
    # This check saw work when something happened since the previous one (or in the last interval).
    since = previous_check if previous_check and previous_check < now else now - args.check_interval
    worked = busy or latest is None or latest >= since
    beat = heartbeat(args, env, now, 1 if worked else 0)
    machine_note = " [%s; %s]" % (seen, beat)
    if not stop:
        return 0, "KEEP %s%s" % (reason, machine_note)
    try:
        name = instance(args.metadata)[0]
    except Exception as e:
        return 1, "ERROR would stop (%s) but %s is unreadable: %s%s" % (reason, args.metadata, e, machine_note)
    if args.dry_run:
        return 0, "DRY-RUN would stop %s: %s%s" % (name, reason, machine_note)
    try:
        name, region, creds = aws(args, env)
        stop_instance(name, region, (args.sagemaker_endpoint or default_endpoint(region)).rstrip("/"), creds, now)
    except StopFailed as e:
        return 1, "ERROR stopping %s (%s): %s%s" % (name, reason, e, machine_note)
    except Exception as e:
        return 1, "ERROR stopping %s (%s): no credentials or region: %s%s" % (name, reason, e, machine_note)
    return 0, "STOP %s: %s%s" % (name, reason, machine_note)


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
