#!/usr/bin/env python3
"""boto3's marketplace-catalog client against the emulator: an entity's tags and resource policy.

Usage: boto3_catalog_tags_policy.py URL ENTITY_ARN

TagResource, ListTagsForResource, UntagResource, ListTagsForResource; then PutResourcePolicy,
GetResourcePolicy, DeleteResourcePolicy, GetResourcePolicy. Prints one JSON object with what
each read answered (the last one's error code and HTTP status).
"""

import json
import sys

import boto3
import botocore.exceptions

POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
                "Action": "aws-marketplace:DescribeEntity",
                "Resource": "*",
            }
        ],
    }
)


def tags(c, arn):
    out = c.list_tags_for_resource(ResourceArn=arn)
    return sorted([t["Key"], t["Value"]] for t in out.get("Tags", []))


def main():
    url, arn = sys.argv[1:3]
    c = boto3.client(
        "marketplace-catalog",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="AKIAEMULATOR",
        aws_secret_access_key="secret",
    )
    c.tag_resource(
        ResourceArn=arn,
        Tags=[{"Key": "team", "Value": "billing"}, {"Key": "env", "Value": "prod"}],
    )
    tagged = tags(c, arn)
    c.untag_resource(ResourceArn=arn, TagKeys=["env"])
    untagged = tags(c, arn)
    c.put_resource_policy(ResourceArn=arn, Policy=POLICY)
    policy = json.loads(c.get_resource_policy(ResourceArn=arn)["Policy"])
    c.delete_resource_policy(ResourceArn=arn)
    try:
        c.get_resource_policy(ResourceArn=arn)
        after = "ok"
    except botocore.exceptions.ClientError as e:
        after = {
            "code": e.response["Error"]["Code"],
            "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
        }
    json.dump(
        {
            "tagged": tagged,
            "untagged": untagged,
            "policy": policy,
            "after_delete": after,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
