#!/usr/bin/env python3
"""A seller's EventBridge rule -> SQS queue with boto3, against an mpctl emulator.

Usage: boto3_events.py ENDPOINT_URL

Creates a queue, a rule on the default bus for Marketplace Catalog change set events, the queue
policy that lets the rule send, and the target (AWS's documented sequence); starts a change set;
long-polls the queue; checks the envelope; leaves the message undeleted and moves the emulator's
clock past the visibility timeout (POST /__mpctl/advance) to see it again; deletes it; reads
QueueDoesNotExist the way botocore reports it; tears everything down. Prints "ok" at the end and
exits non-zero on the first mismatch.
"""
import json
import sys
import urllib.request

import boto3


def client(name, url):
    return boto3.client(
        name,
        region_name="us-east-1",
        endpoint_url=url,
        aws_access_key_id="AKIDEMULATOR",
        aws_secret_access_key="emulator-secret",
    )


def check(cond, what):
    if not cond:
        print("FAILED:", what)
        sys.exit(1)


def main():
    url = sys.argv[1]
    sqs, events, catalog = client("sqs", url), client("events", url), client("marketplace-catalog", url)
    queue = sqs.create_queue(QueueName="mp-events")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    pattern = {"source": ["aws.marketplacecatalog"], "detail-type": [{"prefix": "Change Set "}]}
    rule = events.put_rule(Name="mp-events", EventPattern=json.dumps(pattern), State="ENABLED")["RuleArn"]
    check(rule.endswith(":rule/mp-events"), rule)
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Principal": {"Service": "events.amazonaws.com"}, "Action": "sqs:SendMessage",
              "Resource": arn, "Condition": {"ArnEquals": {"aws:SourceArn": rule}}}]}
    sqs.set_queue_attributes(QueueUrl=queue, Attributes={"Policy": json.dumps(policy)})
    put = events.put_targets(Rule="mp-events", Targets=[{"Id": "q", "Arn": arn}])
    check(put["FailedEntryCount"] == 0, put)
    check(events.describe_rule(Name="mp-events")["EventPattern"] == json.dumps(pattern), "pattern")

    change = {"ChangeType": "CreateProduct", "Entity": {"Type": "SaaSProduct@1.0"},
              "DetailsDocument": {"ProductTitle": "boto3 events"}}
    started = catalog.start_change_set(Catalog="AWSMarketplace", ChangeSet=[change])
    got = sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=10, VisibilityTimeout=30)
    messages = got.get("Messages", [])
    check(len(messages) == 1, got)
    event = json.loads(messages[0]["Body"])
    check(event["detail-type"] == "Change Set Succeeded", event)
    check(event["detail"]["ChangeSetId"] == started["ChangeSetId"], event)
    check(event["account"] == "123456789012" and event["region"] == "us-east-1", event)

    request = urllib.request.Request(url + "/__mpctl/advance", data=json.dumps({"seconds": 31}).encode(),
                                     headers={"content-type": "application/json"}, method="POST")
    urllib.request.urlopen(request).read()
    again = sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=1).get("Messages", [])
    check(len(again) == 1 and again[0]["MessageId"] == messages[0]["MessageId"], again)
    sqs.delete_message(QueueUrl=queue, ReceiptHandle=again[0]["ReceiptHandle"])
    check(not sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=1).get("Messages"), "deleted")

    try:
        sqs.get_queue_url(QueueName="missing")
        check(False, "QueueDoesNotExist expected")
    except sqs.exceptions.QueueDoesNotExist as e:
        check(e.response["Error"]["Code"] == "AWS.SimpleQueueService.NonExistentQueue", e.response)

    events.remove_targets(Rule="mp-events", Ids=["q"])
    events.delete_rule(Name="mp-events")
    sqs.delete_queue(QueueUrl=queue)
    print("ok")


if __name__ == "__main__":
    main()
