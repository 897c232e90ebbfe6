#!/usr/bin/env python3
"""The Python equivalent of `bin/aws-external-anthropic-token --region R`, for start-up comparison.

Does what the Python package token-generator-for-aws-external-anthropic does: a boto3 session (credentials from the
environment or profile), a botocore SigV4QueryAuth presign of POST https://aws-external-anthropic.amazonaws.com/
?Action=CallWithBearerToken&Version=1, and prints 'aws-external-anthropic-api-key-' + Base64(URL without scheme).

Usage: python_token.py [REGION] [EXPIRY_SECONDS]   (defaults: AWS_REGION or us-east-1, 43200)
"""
import base64
import os
import sys

try:
    import boto3
    from botocore.auth import SigV4QueryAuth
    from botocore.awsrequest import AWSRequest
except ImportError:
    sys.exit("python_token.py: boto3 is not installed; run `pip install boto3` and try again.")

SERVICE = "aws-external-anthropic"
HOST = "aws-external-anthropic.amazonaws.com"
PREFIX = "aws-external-anthropic-api-key-"


def main():
    region = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("AWS_REGION", "us-east-1")
    expiry = int(sys.argv[2]) if len(sys.argv) > 2 else 43200
    credentials = boto3.Session().get_credentials()
    if credentials is None:
        sys.exit("python_token.py: no AWS credentials; export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.")
    request = AWSRequest(method="POST", url="https://" + HOST + "/",
                         headers={"host": HOST},
                         params={"Action": "CallWithBearerToken", "Version": "1"})
    SigV4QueryAuth(credentials.get_frozen_credentials(), SERVICE, region, expires=expiry).add_auth(request)
    url = request.prepare().url
    print(PREFIX + base64.b64encode(url[len("https://"):].encode("utf-8")).decode("utf-8"))


if __name__ == "__main__":
    main()
