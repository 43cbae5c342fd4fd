"""Tests of the on-instance idle checker against a fake Jupyter server, a fake IMDS and a fake SageMaker.

Run with `python3 -m unittest discover -s src/test/python` (AutostopPythonTest runs it under Maven).
"""
import contextlib
import datetime
import http.server
import importlib.util
import json
import os
import pathlib
import pwd
import shutil
import ssl
import subprocess
import tempfile
import threading
import unittest
import urllib.parse

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "main/resources/dev/sweeper/lifecycle/sweeper_autostop.py"
_spec = importlib.util.spec_from_file_location("sweeper_autostop", str(SCRIPT))
autostop = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(autostop)

NOW = datetime.datetime(2026, 3, 1, 12, 0, 0, tzinfo=datetime.timezone.utc).timestamp()
HOUR = 3600


def ago(seconds):
    return datetime.datetime.fromtimestamp(NOW - seconds, datetime.timezone.utc).isoformat().replace("+00:00", "Z")


def kernel(kid, state="idle", last=2 * HOUR, connections=0):
    return {"id": kid, "name": "python3", "execution_state": state, "last_activity": ago(last),
            "connections": connections}


class Fake(http.server.ThreadingHTTPServer):
    """One server playing the local Jupyter API, IMDS and SageMaker, recording what it was sent."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes = {}  # "GET /api/kernels" -> (status, json body)
        self.requests = []
        self.imds_token = "tok-123"
        self.imds_up = True
        self.refuse_metrics = False
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.server_address[1]

    def jupyter(self, started=3 * HOUR, kernels=(), sessions=(), terminals=(), terminals_status=200):
        self.routes["GET /api/status"] = (200, {"started": ago(started), "last_activity": ago(0),
                                                 "connections": 0, "kernels": len(kernels)})
        self.routes["GET /api/kernels"] = (200, list(kernels))
        self.routes["GET /api/sessions"] = (200, list(sessions))
        self.routes["GET /api/terminals"] = (terminals_status, list(terminals))

    def stops(self):
        return [r for r in self.requests if r["method"] == "POST" and
                {k.lower(): v for k, v in r["headers"].items()}.get("x-amz-target") == "SageMaker.StopNotebookInstance"]

    def heartbeats(self):
        """The values of the PutMetricData calls received, as CloudWatch's Query protocol sent them."""
        out = []
        for r in self.requests:
            form = dict(urllib.parse.parse_qsl(r["body"].decode("utf-8"))) if r["method"] == "POST" else {}
            if form.get("Action") == "PutMetricData":
                out.append(form)
        return out


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _answer(self, method):
        fake = self.server
        path = self.path.split("?")[0]
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        fake.requests.append({"method": method, "path": self.path, "headers": dict(self.headers), "body": body})
        if path.startswith("/latest/"):
            return self._imds(method, path)
        if method == "POST":
            if b"Action=PutMetricData" in body and fake.refuse_metrics:
                return self._send(403, "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>"
                                       "not authorized to perform: cloudwatch:PutMetricData</Message></Error>"
                                       "</ErrorResponse>", raw=True)
            return self._send(200, {})
        status, payload = fake.routes.get("%s %s" % (method, path), (404, {"message": "Not Found"}))
        self._send(status, payload)

    def _imds(self, method, path):
        fake = self.server
        if not fake.imds_up:
            return self._send(404, "", raw=True)
        if method == "PUT" and path == "/latest/api/token":
            return self._send(200, fake.imds_token, raw=True)
        if self.headers.get("X-aws-ec2-metadata-token") != fake.imds_token:
            return self._send(401, "", raw=True)
        if path == "/latest/meta-data/iam/security-credentials/":
            return self._send(200, "NotebookRole", raw=True)
        if path == "/latest/meta-data/iam/security-credentials/NotebookRole":
            return self._send(200, {"Code": "Success", "AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "secret",
                                    "Token": "session-token", "Expiration": "2026-03-01T18:00:00Z"})
        if path == "/latest/meta-data/placement/region":
            return self._send(200, "eu-west-1", raw=True)
        self._send(404, "", raw=True)

    def _send(self, status, payload, raw=False):
        data = (payload if raw else json.dumps(payload)).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain" if raw else "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self._answer("GET")

    def do_PUT(self):
        self._answer("PUT")

    def do_POST(self):
        self._answer("POST")


class CheckerTest(unittest.TestCase):
    def setUp(self):
        self.fake = Fake()
        self.addCleanup(self.fake.server_close)
        self.addCleanup(self.fake.shutdown)
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.log = os.path.join(self.dir.name, "autostop.log")
        self.metadata = os.path.join(self.dir.name, "resource-metadata.json")
        with open(self.metadata, "w") as f:
            json.dump({"ResourceArn": "arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/nb-1",
                       "ResourceName": "nb-1"}, f)

        # A machine of its own: /proc with a CPU line and no processes, no GPU, its state file.
        self.proc = os.path.join(self.dir.name, "proc")
        os.mkdir(self.proc)
        self.cpu(1000, 900)
        self.state = os.path.join(self.dir.name, "state.json")

    def cpu(self, total, idle, cpus=2):
        """/proc/stat with this many jiffies in all (user, system and idle split) and idle."""
        busy = total - idle
        with open(os.path.join(self.proc, "stat"), "w") as f:
            f.write("cpu  %d 0 %d %d 0 0 0 0 0 0\n" % (busy - busy // 2, busy // 2, idle))
            for i in range(cpus):
                f.write("cpu%d 1 0 1 1 0 0 0 0 0 0\n" % i)
            f.write("intr 0\nctxt 0\n")

    def process(self, pid, cmdline, uid=None, state="S (sleeping)"):
        d = os.path.join(self.proc, str(pid))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "status"), "w") as f:
            f.write("Name:\tx\nState:\t%s\nUid:\t%d\t%d\t%d\t%d\n" % ((state,) + (os.getuid() if uid is None else uid,) * 4))
        with open(os.path.join(d, "cmdline"), "wb") as f:
            f.write(cmdline.replace(" ", "\0").encode("utf-8") + b"\0")

    def run_checker(self, *extra, env=None, clock=None):
        argv = ["--idle-seconds", str(HOUR), "--jupyter-url", self.fake.url, "--log", self.log,
                "--metadata", self.metadata, "--sagemaker-endpoint", self.fake.url,
                "--imds-endpoint", self.fake.url, "--cloudwatch-endpoint", self.fake.url, "--proc", self.proc,
                "--state", self.state, "--nvidia-smi", "", "--process-user", ""] + list(extra)
        return autostop.main(argv, env=env or {}, clock=clock or (lambda: NOW))

    def log_lines(self):
        with open(self.log) as f:
            return f.read().splitlines()

    def test_idleServer_stopsItsOwnInstanceWithASignedRequest(self):
        self.fake.jupyter(kernels=[kernel("k1", last=2 * HOUR)],
                          sessions=[{"id": "s1", "path": "train.ipynb", "kernel": kernel("k1", last=2 * HOUR)}])

        code = self.run_checker()

        self.assertEqual(code, 0)
        stops = self.fake.stops()
        self.assertEqual(len(stops), 1)
        h = {k.lower(): v for k, v in stops[0]["headers"].items()}
        self.assertEqual(h["x-amz-target"], "SageMaker.StopNotebookInstance")
        self.assertEqual(h["content-type"], "application/x-amz-json-1.1")
        self.assertEqual(json.loads(stops[0]["body"]), {"NotebookInstanceName": "nb-1"})
        # region from the metadata's ARN, credentials (with their session token) from IMDSv2
        self.assertRegex(h["authorization"], r"^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20260301/us-east-1/"
                                             r"sagemaker/aws4_request, SignedHeaders=content-type;host;x-amz-date;"
                                             r"x-amz-security-token;x-amz-target, Signature=[0-9a-f]{64}$")
        self.assertEqual(h["x-amz-security-token"], "session-token")
        self.assertEqual(h["x-amz-date"], "20260301T120000Z")
        puts = [r for r in self.fake.requests if r["method"] == "PUT"]
        self.assertEqual([p["path"] for p in puts], ["/latest/api/token"])
        (line,) = self.log_lines()
        self.assertTrue(line.startswith("2026-03-01T12:00:00Z STOP nb-1: idle 7200s >= 3600s"), line)

    @unittest.skipUnless(importlib.util.find_spec("botocore"), "botocore re-signs what was sent")
    def test_requestOnTheWire_carriesTheSignatureBotocoreComputes(self):
        # What urllib actually sent (headers as received), re-signed by botocore: the signature must match.
        from unittest import mock
        import botocore.auth
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        if not hasattr(botocore.auth, "get_current_datetime"):
            self.skipTest("this botocore takes its time elsewhere")
        from botocore.credentials import Credentials
        self.fake.jupyter(started=2 * HOUR)
        self.run_checker()
        (sent,) = self.fake.stops()
        h = {k.lower(): v for k, v in sent["headers"].items()}
        signed = h["authorization"].split("SignedHeaders=")[1].split(",")[0].split(";")
        req = AWSRequest(method="POST", url=self.fake.url + "/", data=sent["body"],
                         headers={name: h[name] for name in signed if name != "x-amz-security-token"})
        when = datetime.datetime.fromtimestamp(NOW, datetime.timezone.utc).replace(tzinfo=None)
        with mock.patch("botocore.auth.get_current_datetime", return_value=when):
            SigV4Auth(Credentials("ASIAEXAMPLE", "secret", "session-token"), "sagemaker", "us-east-1").add_auth(req)
        self.assertEqual(h["authorization"], req.headers["Authorization"])

    def test_busyKernelWithOldActivity_doesNotStop(self):
        self.fake.jupyter(kernels=[kernel("k1", state="busy", last=5 * HOUR)],
                          sessions=[{"id": "s1", "path": "long.ipynb", "kernel": kernel("k1", "busy", 5 * HOUR)}])

        self.assertEqual(self.run_checker(), 0)

        self.assertEqual(self.fake.stops(), [])
        (line,) = self.log_lines()
        self.assertIn("KEEP kernel long.ipynb is busy", line)

    def test_recentKernelActivity_doesNotStop(self):
        self.fake.jupyter(kernels=[kernel("k1", last=10 * 60), kernel("k2", last=5 * HOUR)])

        self.run_checker()

        self.assertEqual(self.fake.stops(), [])
        self.assertIn("KEEP idle 600s of 3600s", self.log_lines()[0])

    def test_recentTerminalUse_doesNotStop(self):
        self.fake.jupyter(terminals=[{"name": "1", "last_activity": ago(5 * 60)}])

        self.run_checker()

        self.assertEqual(self.fake.stops(), [])
        self.assertIn("last activity terminal 1", self.log_lines()[0])

    def test_oldTerminalAndNoKernels_stops(self):
        self.fake.jupyter(terminals=[{"name": "1", "last_activity": ago(3 * HOUR)}])

        self.run_checker()

        self.assertEqual(len(self.fake.stops()), 1)

    def test_noKernelsAtAll_stopsOnceTheServerHasRunForTheIdleTime(self):
        self.fake.jupyter(started=2 * HOUR)

        self.run_checker()

        self.assertEqual(len(self.fake.stops()), 1)
        self.assertIn("last activity server started", self.log_lines()[0])

    def test_serverStartedRecently_isTheFloor(self):
        self.fake.jupyter(started=20 * 60, kernels=[kernel("k1", last=5 * HOUR)])

        self.run_checker()

        self.assertEqual(self.fake.stops(), [])
        self.assertIn("KEEP idle 1200s of 3600s", self.log_lines()[0])

    def test_browserConnected_keepsUnlessIgnored(self):
        self.fake.jupyter(kernels=[kernel("k1", last=5 * HOUR, connections=1)])

        self.run_checker()
        self.assertEqual(self.fake.stops(), [])
        self.assertIn("browser connection", self.log_lines()[0])

        self.run_checker("--ignore-connections")
        self.assertEqual(len(self.fake.stops()), 1)

    def test_unreachableServer_doesNotStopAndLogsWhy(self):
        self.fake.jupyter()
        closed = Fake()
        closed_url = closed.url
        closed.shutdown()
        closed.server_close()

        code = autostop.main(["--idle-seconds", "3600", "--jupyter-url", closed_url, "--log", self.log,
                              "--metadata", self.metadata, "--sagemaker-endpoint", self.fake.url,
                              "--imds-endpoint", self.fake.url, "--cloudwatch-endpoint", self.fake.url,
                              "--state", self.state], env={}, clock=lambda: NOW)

        self.assertEqual(code, 1)
        self.assertEqual(self.fake.stops(), [])
        (line,) = self.log_lines()
        self.assertIn("KEEP Jupyter server unreadable, not stopping", line)

    def test_serverRefusingTheApi_doesNotStop(self):
        self.fake.jupyter()
        self.fake.routes["GET /api/kernels"] = (403, {"message": "Forbidden"})

        self.assertEqual(self.run_checker(), 1)

        self.assertEqual(self.fake.stops(), [])
        self.assertIn("HTTP 403", self.log_lines()[0])

    def test_kernelWithoutLastActivity_doesNotStop(self):
        k = kernel("k1")
        del k["last_activity"]
        self.fake.jupyter(kernels=[k])

        self.run_checker()

        self.assertEqual(self.fake.stops(), [])
        self.assertIn("no readable last_activity", self.log_lines()[0])

    def test_terminalsDisabled_countAsNone(self):
        self.fake.jupyter(started=2 * HOUR, terminals_status=404)

        self.run_checker()

        self.assertEqual(len(self.fake.stops()), 1)

    def test_dryRun_decidesButDoesNotStop(self):
        self.fake.jupyter(started=2 * HOUR)

        self.run_checker("--dry-run")

        self.assertEqual(self.fake.stops(), [])
        self.assertIn("DRY-RUN would stop nb-1: idle 7200s", self.log_lines()[0])

    def test_environmentConfiguresTheChecker(self):
        self.fake.jupyter(started=2 * HOUR)
        env = {"SWEEPER_AUTOSTOP_IDLE_SECONDS": "10800", "SWEEPER_AUTOSTOP_JUPYTER_URL": self.fake.url,
               "SWEEPER_AUTOSTOP_LOG": self.log, "SWEEPER_AUTOSTOP_NO_HEARTBEAT": "1",
               "SWEEPER_AUTOSTOP_STATE": self.state}

        autostop.main([], env=env, clock=lambda: NOW)

        self.assertIn("KEEP idle 7200s of 10800s", self.log_lines()[0])

    def test_environmentCredentials_needNoImds(self):
        self.fake.jupyter(started=2 * HOUR)
        self.fake.imds_up = False

        code = self.run_checker(env={"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "s",
                                     "AWS_REGION": "eu-central-1"})

        self.assertEqual(code, 0)
        h = {k.lower(): v for k, v in self.fake.stops()[0]["headers"].items()}
        self.assertIn("Credential=AKIDEXAMPLE/20260301/eu-central-1/sagemaker/aws4_request", h["authorization"])
        self.assertNotIn("x-amz-security-token", h)

    def test_noCredentials_logsAnErrorAndSendsNothing(self):
        self.fake.jupyter(started=2 * HOUR)
        self.fake.imds_up = False

        self.assertEqual(self.run_checker(), 1)

        self.assertEqual(self.fake.stops(), [])
        self.assertIn("ERROR stopping nb-1", self.log_lines()[0])

    @unittest.skipUnless(shutil.which("openssl"), "openssl makes the self-signed certificate")
    def test_httpsWithSelfSignedCertificate_isRead(self):
        # As on a notebook instance: https://localhost:8443 with a certificate nobody signed.
        key, cert = os.path.join(self.dir.name, "key.pem"), os.path.join(self.dir.name, "cert.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                        "-days", "1", "-subj", "/CN=localhost"], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        tls = Fake()
        self.addCleanup(tls.server_close)
        self.addCleanup(tls.shutdown)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        tls.socket = ctx.wrap_socket(tls.socket, server_side=True)
        tls.jupyter(kernels=[kernel("k1", state="busy")])

        autostop.main(["--idle-seconds", "3600", "--jupyter-url", "https://localhost:%d" % tls.server_address[1],
                       "--log", self.log, "--no-heartbeat", "--state", self.state], env={}, clock=lambda: NOW)

        self.assertIn("KEEP kernel k1 is busy", self.log_lines()[0])

    # --- beyond Jupyter: a kernel stuck starting, the machine, the heartbeat

    def test_kernelStuckStarting_isEvidenceOfNothing(self):
        self.fake.jupyter(started=5 * HOUR, kernels=[kernel("k1", state="starting", last=3 * HOUR)])

        self.run_checker()

        self.assertEqual(len(self.fake.stops()), 1)
        self.assertIn("1 stuck starting or restarting with no connection: evidence of nothing", self.log_lines()[0])

    def test_kernelStartingRecentlyOrWatched_keeps(self):
        self.fake.jupyter(started=5 * HOUR, kernels=[kernel("k1", state="starting", last=10 * 60)])
        self.run_checker()
        self.fake.jupyter(started=5 * HOUR, kernels=[kernel("k1", state="restarting", last=3 * HOUR, connections=1)])
        self.run_checker()

        self.assertEqual(self.fake.stops(), [])
        self.assertIn("KEEP kernel k1 is starting", self.log_lines()[0])
        self.assertIn("KEEP kernel k1 is restarting", self.log_lines()[1])

    def test_busyCpuOverTheInterval_keepsAnIdleJupyterAndRemembersIt(self):
        # nohup python train.py & from a terminal since closed: Jupyter idle for hours, one core busy
        self.fake.jupyter(started=5 * HOUR)
        self.run_checker("--dry-run", clock=lambda: NOW - 300)
        self.cpu(1000 + 3000, 900 + 1500)  # 50% of both cores: one core busy

        self.run_checker()

        self.assertEqual(self.fake.stops(), [])
        self.assertIn("KEEP idle 0s of 3600s", self.log_lines()[1])
        self.assertIn("cpu 100% of a core", self.log_lines()[1])
        # the job ends: the machine's last busy time is the last activity, so no stop for an hour yet
        self.cpu(4000 + 3000, 2400 + 3000)
        self.run_checker(clock=lambda: NOW + 300)
        self.assertEqual(self.fake.stops(), [])
        self.assertIn("last activity machine busy at 2026-03-01T12:00:00Z", self.log_lines()[2])

    def test_quietCpu_stopsAnIdleServer(self):
        self.fake.jupyter(started=5 * HOUR)
        self.run_checker("--dry-run", clock=lambda: NOW - 300)
        self.cpu(1000 + 3000, 900 + 2950)

        self.run_checker()

        self.assertEqual(len(self.fake.stops()), 1)
        self.assertIn("cpu 3% of a core", self.log_lines()[1])

    def test_busyGpu_keeps(self):
        smi = os.path.join(self.dir.name, "nvidia-smi")
        with open(smi, "w") as f:
            f.write("#!/bin/sh\necho 0\necho 87\n")
        os.chmod(smi, 0o755)
        self.fake.jupyter(started=5 * HOUR)

        self.run_checker("--nvidia-smi", smi)

        self.assertEqual(self.fake.stops(), [])
        self.assertIn("gpu 87%", self.log_lines()[0])

    def test_userProcess_keeps_butShellsKernelsAndOtherUsersDoNot(self):
        me = pwd.getpwuid(os.getuid()).pw_name
        self.fake.jupyter(started=5 * HOUR)
        self.process(10, "/bin/bash -l")
        self.process(11, "/opt/conda/bin/python -m ipykernel_launcher -f /k.json")
        self.process(12, "/opt/conda/bin/jupyter-notebook --port 8443")
        self.process(13, "python train.py", uid=os.getuid() + 1)
        self.process(14, "python zombie.py", state="Z (zombie)")

        self.run_checker("--process-user", me)
        self.assertEqual(len(self.fake.stops()), 1)
        self.assertIn("0 process(es) of %s" % me, self.log_lines()[0])

        self.process(15, "python train.py --epochs 90")
        self.run_checker("--process-user", me)
        self.assertEqual(len(self.fake.stops()), 1)
        self.assertIn("1 process(es) of %s: python train.py --epochs 90" % me, self.log_lines()[1])

    def test_heartbeat_publishesEachCheckSigned(self):
        self.fake.jupyter(started=5 * HOUR)
        self.run_checker()
        self.fake.jupyter(started=5 * HOUR, kernels=[kernel("k1", state="busy")])
        self.run_checker()

        beats = self.fake.heartbeats()
        self.assertEqual([b["MetricData.member.1.Value"] for b in beats], ["0", "1"])
        self.assertEqual(beats[0]["Namespace"], "SageMakerSweeper/Notebooks")
        self.assertEqual(beats[0]["MetricData.member.1.MetricName"], "Activity")
        self.assertEqual(beats[0]["MetricData.member.1.Dimensions.member.1.Name"], "NotebookInstanceName")
        self.assertEqual(beats[0]["MetricData.member.1.Dimensions.member.1.Value"], "nb-1")
        posts = [r for r in self.fake.requests if r["method"] == "POST" and b"PutMetricData" in r["body"]]
        h = {k.lower(): v for k, v in posts[0]["headers"].items()}
        self.assertRegex(h["authorization"], r"Credential=ASIAEXAMPLE/20260301/us-east-1/monitoring/aws4_request")
        self.assertIn("heartbeat 0", self.log_lines()[0])

    def test_heartbeat_countsActivitySinceThePreviousCheck(self):
        self.fake.jupyter(started=5 * HOUR, kernels=[kernel("k1", last=20 * 60)])
        self.run_checker(clock=lambda: NOW - 600)  # nothing in the 5 minutes before this first check
        self.fake.jupyter(started=5 * HOUR, kernels=[kernel("k1", last=4 * 60)])
        self.run_checker()  # the kernel was used after the previous check
        self.run_checker(clock=lambda: NOW + 300)  # nothing since the previous check

        self.assertEqual([b["MetricData.member.1.Value"] for b in self.fake.heartbeats()], ["0", "1", "0"])

    def test_heartbeatRefused_stillStopsAndSaysWhy(self):
        self.fake.refuse_metrics = True
        self.fake.jupyter(started=5 * HOUR)

        self.assertEqual(self.run_checker(), 0)

        self.assertEqual(len(self.fake.stops()), 1)
        self.assertIn("heartbeat not published (grant cloudwatch:PutMetricData to the notebook's role):"
                      " PutMetricData answered HTTP 403: AccessDenied", self.log_lines()[0])

    def test_unreadableServer_publishesOnlyABusyMachine(self):
        self.fake.jupyter(started=5 * HOUR)
        self.fake.routes["GET /api/kernels"] = (500, {})
        self.run_checker()
        self.assertEqual(self.fake.heartbeats(), [])

        self.process(15, "python train.py")
        self.run_checker("--process-user", pwd.getpwuid(os.getuid()).pw_name)
        self.assertEqual([b["MetricData.member.1.Value"] for b in self.fake.heartbeats()], ["1"])
        self.assertEqual(self.fake.stops(), [])

    def test_oneLinePerRun(self):
        self.fake.jupyter(kernels=[kernel("k1", state="busy")])

        self.run_checker()
        self.run_checker()

        self.assertEqual(len(self.log_lines()), 2)

    def test_idleSecondsBelowAMinute_isRefused(self):
        with open(os.devnull, "w") as quiet, contextlib.redirect_stderr(quiet), self.assertRaises(SystemExit):
            autostop.parse_args(["--idle-seconds", "30"], {})


class SigV4Test(unittest.TestCase):
    def test_sign_matchesBotocore(self):
        # Expected value computed once with botocore 1.43.11's SigV4Auth (get_current_datetime patched) for
        # exactly these inputs: the same body, headers, time, region and credentials.
        body = b'{"NotebookInstanceName": "nb-1"}'
        headers = autostop.sign("POST", "https://api.sagemaker.us-east-1.amazonaws.com/",
                                {"Content-Type": "application/x-amz-json-1.1",
                                 "X-Amz-Target": "SageMaker.StopNotebookInstance"},
                                body, "us-east-1", "sagemaker",
                                ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token"),
                                datetime.datetime(2026, 3, 1, 12, 0, 0, tzinfo=datetime.timezone.utc).timestamp())
        self.assertEqual(headers["Authorization"], EXPECTED_AUTHORIZATION)


EXPECTED_AUTHORIZATION = (
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260301/us-east-1/sagemaker/aws4_request, "
    "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, "
    "Signature=70f600fd3dac54d83b92fa25aea54203d8585d5377dfaed5b1ad7b18e946f575")


class ParseTimeTest(unittest.TestCase):
    def test_parseTime_readsJupyterFormats(self):
        t = datetime.datetime(2026, 3, 1, 12, 0, 0, tzinfo=datetime.timezone.utc).timestamp()
        self.assertEqual(autostop.parse_time("2026-03-01T12:00:00Z"), t)
        self.assertEqual(autostop.parse_time("2026-03-01T12:00:00.250000Z"), t + 0.25)
        self.assertEqual(autostop.parse_time("2026-03-01T13:00:00+01:00"), t)
        self.assertEqual(autostop.parse_time("2026-03-01T12:00:00.123z"), t + 0.123)
        with self.assertRaises(ValueError):
            autostop.parse_time(None)


if __name__ == "__main__":
    unittest.main()
