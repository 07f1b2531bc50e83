#!/usr/bin/env python3
"""Start, wait for and describe a Marketplace Catalog change set with boto3.

Usage: boto3_changeset.py ENDPOINT_URL CHANGESET.json

Points boto3's "marketplace-catalog" client at ENDPOINT_URL (e.g. `mpctl emulator serve`'s
http://127.0.0.1:4566), sends the file's StartChangeSet request as-is (ChangeSet with
DetailsDocument objects or Details strings), polls DescribeChangeSet until it ends, describes
every entity the set touched with DescribeEntity, and prints one JSON document:
{"ChangeSetId", "Status", "Changes": [{"ChangeType", "EntityId", "Errors"}], "Entities": {...}}.
Exits 0 if the set SUCCEEDED, 3 if it FAILED or was CANCELLED, 4 if it did not end in time.
"""
import json
import sys
import time

import boto3
from botocore.config import Config


def main():
    url, path = sys.argv[1], sys.argv[2]
    with open(path) as f:
        request = json.load(f)
    client = boto3.client(
        "marketplace-catalog",
        region_name="us-east-1",
        endpoint_url=url,
        aws_access_key_id="AKIDEMULATOR",
        aws_secret_access_key="emulator-secret",
        config=Config(retries={"max_attempts": 2}),
    )
    params = {"Catalog": request.get("Catalog", "AWSMarketplace"), "ChangeSet": request["ChangeSet"]}
    for key in ("ChangeSetName", "ClientRequestToken", "Intent", "ChangeSetTags"):
        if key in request:
            params[key] = request[key]
    started = client.start_change_set(**params)
    change_set_id = started["ChangeSetId"]
    deadline = time.time() + 60
    while True:
        described = client.describe_change_set(Catalog="AWSMarketplace", ChangeSetId=change_set_id)
        if described["Status"] in ("SUCCEEDED", "FAILED", "CANCELLED"):
            break
        if time.time() > deadline:
            print(json.dumps({"ChangeSetId": change_set_id, "Status": described["Status"]}))
            return 4
        time.sleep(0.2)
    changes = []
    entities = {}
    for change in described["ChangeSet"]:
        entity_id = change.get("Entity", {}).get("Identifier", "")
        changes.append(
            {
                "ChangeType": change["ChangeType"],
                "EntityId": entity_id,
                "Errors": [e["ErrorCode"] for e in change.get("ErrorDetailList", [])],
            }
        )
        bare = entity_id.split("@")[0]
        if described["Status"] == "SUCCEEDED" and bare and bare not in entities:
            entity = client.describe_entity(Catalog="AWSMarketplace", EntityId=bare)
            entities[bare] = {
                "EntityType": entity["EntityType"],
                "EntityArn": entity["EntityArn"],
                "DetailsDocument": entity.get("DetailsDocument"),
            }
    print(
        json.dumps(
            {
                "ChangeSetId": change_set_id,
                "ChangeSetArn": started["ChangeSetArn"],
                "Status": described["Status"],
                "Changes": changes,
                "Entities": entities,
            }
        )
    )
    return 0 if described["Status"] == "SUCCEEDED" else 3


if __name__ == "__main__":
    sys.exit(main())
