#!/usr/bin/env bash
# The demo: build if needed, start the sandbox with the sample fleet, run the sweeper against it,
# stop the sandbox. Needs only Java 17 and Maven; no AWS account, no network.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
# Maven without colour codes: -B and style.color=never turn colours off, and jansi.noreset stops the
# ESC[0m resets Maven 3.8 still writes in quiet mode (they showed as [0m[0m in the demo's output).
mvn_quiet() { MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -Dstyle.color=never "$@"; }

if [[ ! -f target/sweeper.jar ]]; then
  echo "== building target/sweeper.jar" >&2
  mvn_quiet package -DskipTests >&2
fi

# The sandbox accepts any credentials; these never leave this machine.
export AWS_ACCESS_KEY_ID=sandbox AWS_SECRET_ACCESS_KEY=sandbox AWS_REGION=us-east-1
unset AWS_PROFILE AWS_SESSION_TOKEN

log="$(mktemp)"
# The demo's dry runs are audited as every run is, but into a throw-away file: the sandbox's made-up
# resources have no place in your own audit log (~/.local/state/sweeper/audit.jsonl), which --undo reads.
audit="$(mktemp)"
java -jar target/sweeper.jar sandbox --fleet config/sample-fleet.yaml > "$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$log" "$audit"' EXIT
for _ in $(seq 1 100); do
  grep -q "sandbox ready on" "$log" && break
  kill -0 $pid 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
url="$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)"
[[ -n "$url" ]] || { echo "sandbox did not start" >&2; cat "$log" >&2; exit 1; }
echo "== sandbox ready on $url (sample fleet: config/sample-fleet.yaml)"

sweeper() { java -jar target/sweeper.jar "$@" --endpoint-url "$url" --output table; }

echo; echo "== sweeper endpoints idle --delete --all      (a dry run: nothing is deleted)"
sweeper endpoints idle --delete --all --audit-log "$audit" --notify --topic-arn arn:aws:sns:us-east-1:123456789012:sweeper-alerts || true
echo; echo "== sweeper scan"
sweeper scan || true
echo; echo "== sweeper report"
java -jar target/sweeper.jar report --endpoint-url "$url" || true
echo; echo "== sweeper stop-notebooks --name-contains dev-   (a dry run)"
sweeper stop-notebooks --name-contains dev- --audit-log "$audit" || true
echo; echo "== the SNS message the sandbox received"
curl -s "$url/_sandbox/state" | python3 -c 'import json,sys; [print(m["subject"]+"\n"+m["message"]) for m in json.load(sys.stdin)["messages"]]' 2>/dev/null \
  || echo "(see $url/_sandbox/state)"
