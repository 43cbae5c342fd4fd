#!/usr/bin/env python3
"""The idle-endpoint check teams run today, for scripts/bench.sh to measure the sweeper against.

The algorithm of AWS's published idle-endpoint Lambda samples: read every ListEndpoints page, then,
one endpoint after another, DescribeEndpoint and a GetMetricStatistics of its first variant's
Invocations (AWS/SageMaker, EndpointName + VariantName, Sum) over the window. An endpoint in
service with no invocations is idle. Prints one JSON line: endpoints, idle, calls.

    scripts/baseline-idle-endpoints.py --endpoint-url URL [--region R] [--window-hours 24]
"""
import argparse
import datetime
import json
import sys

import boto3
from botocore.config import Config


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--endpoint-url", required=True)
    p.add_argument("--region", default="us-east-1")
    p.add_argument("--window-hours", type=int, default=24)
    a = p.parse_args()
    # The same retry mode as the sweeper's, so that neither is slowed by the other's backoff.
    cfg = Config(retries={"mode": "standard", "max_attempts": 10})
    sm = boto3.client("sagemaker", region_name=a.region, endpoint_url=a.endpoint_url, config=cfg)
    cw = boto3.client("cloudwatch", region_name=a.region, endpoint_url=a.endpoint_url, config=cfg)
    calls = 0
    names = []
    for page in sm.get_paginator("list_endpoints").paginate(PaginationConfig={"PageSize": 100}):
        calls += 1
        names += [e["EndpointName"] for e in page["Endpoints"]]
    end = datetime.datetime.now(datetime.timezone.utc)
    start = end - datetime.timedelta(hours=a.window_hours)
    idle = 0
    for name in names:
        d = sm.describe_endpoint(EndpointName=name)
        calls += 1
        if d["EndpointStatus"] != "InService" or not d.get("ProductionVariants"):
            continue
        variant = d["ProductionVariants"][0]["VariantName"]
        s = cw.get_metric_statistics(Namespace="AWS/SageMaker", MetricName="Invocations",
                                     Dimensions=[{"Name": "EndpointName", "Value": name},
                                                 {"Name": "VariantName", "Value": variant}],
                                     StartTime=start, EndTime=end, Period=a.window_hours * 3600,
                                     Statistics=["Sum"])
        calls += 1
        if sum(p["Sum"] for p in s["Datapoints"]) == 0:
            idle += 1
    print(json.dumps({"endpoints": len(names), "idle": idle, "calls": calls}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
