#!/usr/bin/env python3
"""The Python equivalent of `bin/aws-external-anthropic-token --region R`, for side-by-side timing.

Does what the Python package token-generator-for-aws-external-anthropic does with botocore: a boto3 session
(credentials from the environment or a profile), a SigV4QueryAuth presign of
POST https://aws-external-anthropic.amazonaws.com/?Action=CallWithBearerToken (only `host` signed), then
'aws-external-anthropic-api-key-' + Base64 of the URL without its scheme, with '&Version=1' appended after signing.

Usage: python_token.py [REGION] [EXPIRY_SECONDS]        prints a token (defaults: AWS_REGION or us-east-1, 43200)
       python_token.py --per-token [N]                  microseconds per token of the signing alone, median of 5
                                                        rounds of N (default 20000), basic and session credentials
"""
import base64
import os
import statistics
import sys
import time

try:
    import boto3
    from botocore.auth import SigV4QueryAuth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError:
    sys.exit("python_token.py: boto3 is not installed; run `pip install boto3` and try again.")

SERVICE = "aws-external-anthropic"
HOST = "aws-external-anthropic.amazonaws.com"
PREFIX = "aws-external-anthropic-api-key-"


def token(credentials, region, expiry):
    request = AWSRequest(method="POST", url="https://" + HOST + "/?Action=CallWithBearerToken",
                         headers={"host": HOST})
    SigV4QueryAuth(credentials, SERVICE, region, expires=expiry).add_auth(request)
    url = request.url[len("https://"):] + "&Version=1"
    return PREFIX + base64.b64encode(url.encode("utf-8")).decode("ascii")


def per_token(n):
    # The same inputs as the JMH benchmarks (benchmarks/.../Inputs.java): 12 h, us-east-1, a 1,000-character
    # session token of Base64 characters.
    session_token = ("IQoJb3JpZ2luX2Vj" + base64.b64encode(os.urandom(1000)).decode("ascii"))[:998] + "=="
    cases = {
        "basic": Credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        "session": Credentials("ASIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", session_token),
    }
    for name, credentials in cases.items():
        rounds = []
        for _ in range(5):
            start = time.perf_counter()
            for _ in range(n):
                token(credentials, "us-east-1", 43200)
            rounds.append((time.perf_counter() - start) / n * 1e6)
        print(f"botocore per token, {name}: median {statistics.median(rounds):.1f} us over 5 rounds of {n}")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--per-token":
        per_token(int(sys.argv[2]) if len(sys.argv) > 2 else 20000)
        return
    region = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("AWS_REGION", "us-east-1")
    expiry = int(sys.argv[2]) if len(sys.argv) > 2 else 43200
    credentials = boto3.Session().get_credentials()
    if credentials is None:
        sys.exit("python_token.py: no AWS credentials; export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.")
    print(token(credentials.get_frozen_credentials(), region, expiry))


if __name__ == "__main__":
    main()
