#!/usr/bin/env python3
"""boto3's marketplace-discovery client (rest-json) against the emulator, as several accounts.

Usage: boto3_discovery_access.py URL OFFER_ID PRODUCT_ID ACCOUNT...

Prints one JSON object keyed by account: what GetOffer and GetProduct answer (`ok`, or the error
code and HTTP status), the purchase option ids ListPurchaseOptions gives for the product, and
the listing ids SearchListings finds. The emulator reads the account from the access key id.
"""

import json
import sys

import boto3
import botocore.exceptions


def client(url, account):
    return boto3.client(
        "marketplace-discovery",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id=f"AKIDACCT{account}",
        aws_secret_access_key="secret",
    )


def answer(call):
    try:
        call()
    except botocore.exceptions.ClientError as e:
        return {
            "code": e.response["Error"]["Code"],
            "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
        }
    return "ok"


def view(c, offer, product):
    options = c.list_purchase_options(
        filters=[{"filterType": "PRODUCT_ID", "filterValues": [product]}]
    )
    listings = c.search_listings()
    return {
        "offer": answer(lambda: c.get_offer(offerId=offer)),
        "product": answer(lambda: c.get_product(productId=product)),
        "options": [o["purchaseOptionId"] for o in options.get("purchaseOptions", [])],
        "listings": [l["listingId"] for l in listings.get("listingSummaries", [])],
    }


def main():
    url, offer, product = sys.argv[1:4]
    result = {a: view(client(url, a), offer, product) for a in sys.argv[4:]}
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
