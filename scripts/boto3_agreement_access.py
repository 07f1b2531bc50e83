#!/usr/bin/env python3
"""boto3's marketplace-agreement client (awsJson1_0) against the emulator, as three accounts.

Usage: boto3_agreement_access.py URL AGREEMENT_ID BUYER STRANGER

Prints one JSON object: the agreement ids the buyer finds as Acceptor and as Proposer, the
acceptor account the buyer's DescribeAgreement shows, and the error code and HTTP status a
stranger gets from DescribeAgreement, GetAgreementTerms and (when this boto3 knows it)
GetAgreementEntitlements. The emulator reads the account from the access key id.
"""

import json
import sys

import boto3
import botocore.exceptions


def client(url, account):
    return boto3.client(
        "marketplace-agreement",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id=f"AKIDACCT{account}",
        aws_secret_access_key="secret",
    )


def found(c, party):
    out = c.search_agreements(
        catalog="AWSMarketplace",
        filters=[
            {"name": "PartyType", "values": [party]},
            {"name": "AgreementType", "values": ["PurchaseAgreement"]},
        ],
    )
    return [a["agreementId"] for a in out.get("agreementViewSummaries", [])]


def refusal(call):
    try:
        call()
    except botocore.exceptions.ClientError as e:
        return {
            "code": e.response["Error"]["Code"],
            "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
            "message": e.response["Error"].get("Message", ""),
        }
    return None


def main():
    url, agreement, buyer_account, stranger_account = sys.argv[1:5]
    buyer = client(url, buyer_account)
    stranger = client(url, stranger_account)
    result = {
        "acceptor": found(buyer, "Acceptor"),
        "proposer": found(buyer, "Proposer"),
        "own": buyer.describe_agreement(agreementId=agreement)["acceptor"]["accountId"],
        "describe": refusal(lambda: stranger.describe_agreement(agreementId=agreement)),
        "terms": refusal(lambda: stranger.get_agreement_terms(agreementId=agreement)),
    }
    if hasattr(stranger, "get_agreement_entitlements"):
        result["entitlements"] = refusal(
            lambda: stranger.get_agreement_entitlements(agreementId=agreement)
        )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
