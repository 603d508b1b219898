#!/usr/bin/env python3
"""Seeds a running moto server with the AWS estate burnwatch's integration tests read back.

Usage: seed.py --endpoint-url http://127.0.0.1:PORT [--now EPOCH] [--ce-order tag,service]
       (--ce-order tag+service queues one answer grouped by both, as AWSCollector asks for it)

Creates, through moto's own APIs (boto3 with fake credentials):
  * SageMaker: three real-time GPU endpoints (two in us-east-1, one in eu-west-1) and one
    serverless endpoint (us-east-1), each with one variant "AllTraffic";
  * CloudWatch AWS/SageMaker data for the ten whole minutes before --now (Invocations,
    Invocation4XXErrors, ModelLatency in microseconds) and AWS/Bedrock data for two model ids;
  * Cost Explorer results (moto serves queued results in order, one per distinct request body):
    month to date, daily, grouped by TAG burnwatch:endpoint, by DIMENSION SERVICE, or by both
    at once (keys "burnwatch:endpoint$<name>", "<service>");
  * one monthly COST budget with a limit and a calculated spend.

Prints one JSON object on stdout: what was created and the values a reader must get back.
Every number is built from the small tables below so a test can check it by hand.
"""

import argparse
import calendar
import datetime as dt
import json
import sys
import time
import urllib.request
from decimal import Decimal

ACCOUNT_ID = "123456789012"  # moto's default account
CREDENTIALS = {"aws_access_key_id": "AKIAMOTOSEEDEXAMPLE", "aws_secret_access_key": "moto-seed-not-a-secret"}
MINUTES = 10
PERIOD = 60
TAG_KEY = "burnwatch:endpoint"
CE_METRIC = "UnblendedCost"

# name, region, instance type (None: serverless), instance count, invocations base, latency base (µs), daily cost
SAGEMAKER = [
    ("llm-prod", "us-east-1", "ml.g4dn.12xlarge", 2, 100, 80_000, Decimal("120.00")),
    ("embed-prod", "us-east-1", "ml.g4dn.xlarge", 1, 40, 12_000, Decimal("18.40")),
    ("llm-eu", "eu-west-1", "ml.p3.2xlarge", 3, 60, 95_000, Decimal("75.25")),
    ("chat-serverless", "us-east-1", None, None, 5, 150_000, Decimal("3.10")),
]
SERVERLESS = {"MemorySizeInMB": 4096, "MaxConcurrency": 8}
# model id, region, invocations base, latency base (ms), input tokens per call, output tokens per call
BEDROCK = [
    ("anthropic.claude-3-5-sonnet-20240620-v1:0", "us-east-1", 30, 900, 1200, 300),
    ("meta.llama3-1-70b-instruct-v1:0", "us-east-1", 12, 600, 800, 200),
]
# Daily cost by service; SageMaker's equals the sum of the endpoints' daily cost above.
SERVICE_DAILY = {"Amazon SageMaker": Decimal("216.75"), "Amazon Bedrock": Decimal("41.30"), "AmazonCloudWatch": Decimal("0.45")}
BUDGET_NAME = "burnwatch-ml-monthly"
BUDGET_LIMIT = Decimal("9000.00")


def client(service, region, url):
    import boto3

    return boto3.client(service, endpoint_url=url, region_name=region, **CREDENTIALS)


def minute_points(window_end):
    """(k, timestamp) for the MINUTES whole minutes before window_end, k = 1 is the newest."""
    return [(k, window_end - k * PERIOD) for k in range(1, MINUTES + 1)]


def stat(values_counts):
    """Sum and SampleCount of datapoints given as [(value, count), ...]."""
    return {"sum": float(sum(v * c for v, c in values_counts)), "sampleCount": float(sum(c for _, c in values_counts))}


def put(cw, namespace, data):
    for start in range(0, len(data), 20):  # PutMetricData takes at most 20 datums a call
        cw.put_metric_data(Namespace=namespace, MetricData=data[start : start + 20])


def seed_sagemaker(url, window_end):
    created = []
    for name, region, instance_type, count, base, latency, _ in SAGEMAKER:
        sm = client("sagemaker", region, url)
        sm.create_model(
            ModelName=f"{name}-model",
            ExecutionRoleArn=f"arn:aws:iam::{ACCOUNT_ID}:role/burnwatch-seed",
            PrimaryContainer={"Image": f"{ACCOUNT_ID}.dkr.ecr.{region}.amazonaws.com/{name}:1"},
        )
        variant = {"VariantName": "AllTraffic", "ModelName": f"{name}-model"}
        if instance_type is None:
            variant["ServerlessConfig"] = dict(SERVERLESS)
        else:
            variant.update({"InstanceType": instance_type, "InitialInstanceCount": count})
        sm.create_endpoint_config(EndpointConfigName=f"{name}-config", ProductionVariants=[variant])
        sm.create_endpoint(EndpointName=name, EndpointConfigName=f"{name}-config")

        dims = [{"Name": "EndpointName", "Value": name}, {"Name": "VariantName", "Value": "AllTraffic"}]
        invocations, errors, latencies, data, minutes = [], [], [], [], []
        for k, ts in minute_points(window_end):
            calls = base + k
            failed = 1 if k % 3 == 0 else 0
            minutes.append({"start": ts, "values": {"Invocations": float(calls), "Invocation4XXErrors": float(failed)}})
            # All but one call at the base latency, one slow call at twice the base plus k ms.
            slow = 2 * latency + 1000 * k
            invocations.append((calls, 1))
            errors.append((failed, 1))
            latencies += [(latency, calls - 1), (slow, 1)]
            when = dt.datetime.fromtimestamp(ts, dt.timezone.utc)
            data += [
                {"MetricName": "Invocations", "Dimensions": dims, "Timestamp": when, "Value": calls, "Unit": "None"},
                {"MetricName": "Invocation4XXErrors", "Dimensions": dims, "Timestamp": when, "Value": failed, "Unit": "None"},
                {
                    "MetricName": "ModelLatency", "Dimensions": dims, "Timestamp": when,
                    "Values": [latency, slow], "Counts": [calls - 1, 1], "Unit": "Microseconds",
                },
            ]
        put(client("cloudwatch", region, url), "AWS/SageMaker", data)
        created.append({
            "name": name,
            "region": region,
            "variant": "AllTraffic",
            "instanceType": instance_type,
            "instanceCount": count,
            "serverless": dict(SERVERLESS) if instance_type is None else None,
            "metrics": {
                "Invocations": stat(invocations),
                "Invocation4XXErrors": stat(errors),
                "ModelLatency": stat(latencies),
            },
            "minutes": minutes,
        })
    return created


def seed_bedrock(url, window_end):
    created = []
    for model_id, region, base, latency, tokens_in, tokens_out in BEDROCK:
        dims = [{"Name": "ModelId", "Value": model_id}]
        invocations, latencies, inputs, outputs, data, minutes = [], [], [], [], [], []
        for k, ts in minute_points(window_end):
            calls = base + k
            minutes.append({"start": ts, "values": {
                "Invocations": float(calls), "InputTokenCount": float(calls * tokens_in), "OutputTokenCount": float(calls * tokens_out),
            }})
            slow = 3 * latency + 10 * k
            invocations.append((calls, 1))
            latencies += [(latency, calls - 1), (slow, 1)]
            inputs.append((calls * tokens_in, 1))
            outputs.append((calls * tokens_out, 1))
            when = dt.datetime.fromtimestamp(ts, dt.timezone.utc)
            data += [
                {"MetricName": "Invocations", "Dimensions": dims, "Timestamp": when, "Value": calls, "Unit": "Count"},
                {
                    "MetricName": "InvocationLatency", "Dimensions": dims, "Timestamp": when,
                    "Values": [latency, slow], "Counts": [calls - 1, 1], "Unit": "Milliseconds",
                },
                {"MetricName": "InputTokenCount", "Dimensions": dims, "Timestamp": when, "Value": calls * tokens_in, "Unit": "Count"},
                {"MetricName": "OutputTokenCount", "Dimensions": dims, "Timestamp": when, "Value": calls * tokens_out, "Unit": "Count"},
            ]
        put(client("cloudwatch", region, url), "AWS/Bedrock", data)
        created.append({
            "modelId": model_id,
            "region": region,
            "metrics": {
                "Invocations": stat(invocations),
                "InvocationLatency": stat(latencies),
                "InputTokenCount": stat(inputs),
                "OutputTokenCount": stat(outputs),
            },
            "minutes": minutes,
        })
    return created


def month_to_date(now):
    today = dt.datetime.fromtimestamp(now, dt.timezone.utc).date()
    first = today.replace(day=1)
    days = [first + dt.timedelta(days=i) for i in range((today - first).days + 1)]
    return today, first, days


def cost_results(days, today, group_by, daily):
    """A GetCostAndUsage answer: every day the same amounts; a group's keys are its daily key split on "|"."""
    results = []
    for day in days:
        results.append({
            "TimePeriod": {"Start": day.isoformat(), "End": (day + dt.timedelta(days=1)).isoformat()},
            "Total": {},
            "Groups": [
                {"Keys": group_key.split("|"), "Metrics": {CE_METRIC: {"Amount": str(amount), "Unit": "USD"}}}
                for group_key, amount in daily.items()
            ],
            "Estimated": day == today,
        })
    return {"GroupDefinitions": group_by, "ResultsByTime": results, "DimensionValueAttributes": []}


def seed_cost_explorer(url, now, order):
    today, first, days = month_to_date(now)
    tag_daily = {f"{TAG_KEY}${name}": cost for name, *_, cost in SAGEMAKER}
    tag_daily[f"{TAG_KEY}$"] = sum(SERVICE_DAILY.values()) - sum(tag_daily.values())  # untagged spend
    # Both at once: each endpoint's spend is SageMaker's; the untagged rest is the other services'.
    both_daily = {f"{TAG_KEY}${name}|Amazon SageMaker": cost for name, *_, cost in SAGEMAKER}
    for service, amount in SERVICE_DAILY.items():
        if service != "Amazon SageMaker":
            both_daily[f"{TAG_KEY}$|{service}"] = amount
    tag_group = {"Type": "TAG", "Key": TAG_KEY}
    service_group = {"Type": "DIMENSION", "Key": "SERVICE"}
    groupings = {
        "tag": ([tag_group], tag_daily),
        "service": ([service_group], SERVICE_DAILY),
        "tag+service": ([tag_group, service_group], both_daily),
    }
    queue = []
    for name in order:
        group_by, daily = groupings[name]
        queue.append((group_by, daily, cost_results(days, today, group_by, daily)))
    body = json.dumps({"account_id": ACCOUNT_ID, "results": [result for *_, result in queue]}).encode()
    request = urllib.request.Request(
        f"{url}/moto-api/static/ce/cost-and-usage-results", data=body, method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request) as response:
        if response.status != 201:
            raise RuntimeError(f"moto refused the Cost Explorer results: HTTP {response.status}")
    return {
        "metric": CE_METRIC,
        "timePeriod": {"Start": first.isoformat(), "End": (today + dt.timedelta(days=1)).isoformat()},
        "days": len(days),
        "queue": [
            {
                "groupBy": group_by,
                "daily": {k: str(v) for k, v in daily.items()},
                "monthToDate": {k: str(v * len(days)) for k, v in daily.items()},
            }
            for group_by, daily, _ in queue
        ],
    }


def seed_budget(url, now):
    today, _, days = month_to_date(now)
    daily = sum(SERVICE_DAILY.values())
    actual = daily * len(days)
    forecast = daily * calendar.monthrange(today.year, today.month)[1]
    client("budgets", "us-east-1", url).create_budget(
        AccountId=ACCOUNT_ID,
        Budget={
            "BudgetName": BUDGET_NAME,
            "BudgetLimit": {"Amount": str(BUDGET_LIMIT), "Unit": "USD"},
            "TimeUnit": "MONTHLY",
            "BudgetType": "COST",
            # moto echoes a CalculatedSpend given at creation; without one it reports 0 / 0.
            "CalculatedSpend": {
                "ActualSpend": {"Amount": str(actual), "Unit": "USD"},
                "ForecastedSpend": {"Amount": str(forecast), "Unit": "USD"},
            },
        },
    )
    return [{"name": BUDGET_NAME, "limit": str(BUDGET_LIMIT), "unit": "USD", "timeUnit": "MONTHLY",
             "actualSpend": str(actual), "forecastedSpend": str(forecast)}]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint-url", required=True, help="the moto server, e.g. http://127.0.0.1:5000")
    parser.add_argument("--now", type=float, default=None, help="epoch seconds to seed around (default: the clock)")
    parser.add_argument("--ce-order", default="tag,service", help="order of the queued Cost Explorer results")
    args = parser.parse_args()
    url = args.endpoint_url.rstrip("/")
    now = time.time() if args.now is None else args.now
    window_end = int(now) // PERIOD * PERIOD
    order = [part.strip() for part in args.ce_order.split(",") if part.strip()]
    if not order or any(part not in ("tag", "service", "tag+service") for part in order):
        parser.error("--ce-order takes a comma-separated list of 'tag', 'service' and 'tag+service'")

    import moto

    summary = {
        "motoVersion": moto.__version__,
        "accountId": ACCOUNT_ID,
        "window": {"start": window_end - MINUTES * PERIOD, "end": window_end, "periodSeconds": PERIOD},
        "sageMakerEndpoints": seed_sagemaker(url, window_end),
        "bedrockModels": seed_bedrock(url, window_end),
        "costExplorer": seed_cost_explorer(url, now, order),
        "budgets": seed_budget(url, now),
    }
    json.dump(summary, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
