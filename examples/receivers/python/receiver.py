# BucketHooks starter receiver for Python (standard library only): answers VK's URL handshake and accepts only
# deliveries it can verify: Standard Webhooks (fresh), AWS SNS (RSA, certificate from a trusted SigningCertURL) or B2 (v1=).
# Run: HOOK_URL=http://127.0.0.1:8080/webhook HOOK_SECRET=whsec_... python3 receiver.py   (PORT overrides the URL's port)
# SNS_CERT_URL_PREFIXES: comma-separated URL prefixes trusted for SigningCertURL besides AWS's own
# (https://sns.<region>.amazonaws.com/...pem), e.g. http://127.0.0.1:9000/_sns/ for a local BucketHooks endpoint.
# Python's standard library has no RSA: the SNS check runs the `openssl` command (OpenSSL or LibreSSL); without it
# SNS messages are refused (403) and the receiver says so when it starts.
import base64
import binascii
import hashlib
import hmac
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote_plus, urlsplit

HOOK_URL = os.environ.get("HOOK_URL") or "http://127.0.0.1:8080/webhook"
HOOK_SECRET = os.environ.get("HOOK_SECRET") or "whsec_PASTE_THE_HOOK_SECRET"
TOLERANCE_SECONDS = 5 * 60  # the Standard Webhooks window for webhook-timestamp
MAX_BODY_BYTES = 10 * 1024 * 1024
SNS_CERT_URL_PREFIXES = [p if p.endswith("/") else p + "/"
                         for p in (x.strip() for x in os.environ.get("SNS_CERT_URL_PREFIXES", "").split(",")) if p]
OPENSSL = shutil.which("openssl")

url = urlsplit(HOOK_URL)
path = url.path or "/"
port = int(os.environ.get("PORT") or url.port or 8080)
key = None  # a secret without whsec_ (B2's kind) still checks B2's v1= signature; Standard Webhooks deliveries get 401
if HOOK_SECRET.startswith("whsec_"):
    try:
        key = base64.b64decode(HOOK_SECRET[len("whsec_"):], validate=True)
    except (ValueError, binascii.Error):
        sys.exit("Set HOOK_SECRET to the hook's secret: whsec_ followed by base64 (or a B2 secret)")
if not OPENSSL:
    print("no openssl command on PATH: SNS messages will be refused (403), their signatures cannot be checked", flush=True)


def hmac_sha256(secret, message):
    return hmac.new(secret, message.encode(), hashlib.sha256)


def handshake_signature(message):
    """VK's handshake answer: HMAC chain Token -> Timestamp -> TopicArn -> the hook URL, hex at the end."""
    k1 = hmac_sha256(message["Token"].encode(), message["Timestamp"]).digest()
    k2 = hmac_sha256(k1, message["TopicArn"]).digest()
    return hmac_sha256(k2, HOOK_URL).hexdigest()


def signature_problem(headers, body):
    """Why the delivery's signature headers do not prove it came from the hook now, or None when they do."""
    msg_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not msg_id or not timestamp or not signatures:
        return "missing webhook-id, webhook-timestamp or webhook-signature"
    if key is None:
        return "HOOK_SECRET is not a whsec_ secret"
    if not timestamp.isdigit():
        return "webhook-timestamp is not a number"
    now = int(time.time())
    if now - int(timestamp) > TOLERANCE_SECONDS:
        return "timestamp too old"
    if int(timestamp) - now > TOLERANCE_SECONDS:
        return "timestamp too new"
    signed = f"{msg_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    for candidate in signatures.split(" "):
        version, _, value = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return None
    return "no matching signature"


# The fields SNS signs for each message type, in AWS's documented order (Subject only when the message has one).
SNS_SIGNED_FIELDS = {
    "Notification": ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"],
    "SubscriptionConfirmation": ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"],
    "UnsubscribeConfirmation": ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"],
}
SNS_DIGESTS = {"1": "-sha1", "2": "-sha256"}
sns_public_keys = {}  # SigningCertURL -> the certificate's public key (PEM), fetched once


def trusted_cert_url(raw):
    """Whether a SigningCertURL may be fetched: AWS's SNS hosts over https, or a prefix in SNS_CERT_URL_PREFIXES."""
    cert_url = urlsplit(raw)
    if (cert_url.scheme == "https" and cert_url.port is None and cert_url.path.endswith(".pem")
            and re.fullmatch(r"sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?", cert_url.hostname or "")):
        return True
    return any(raw.startswith(prefix) for prefix in SNS_CERT_URL_PREFIXES) and ".." not in raw and "@" not in raw


def openssl(args, data, files):
    """Run `openssl args` with `data` on stdin and `files` (name -> bytes) written to a temporary folder."""
    with tempfile.TemporaryDirectory() as folder:
        for name, content in files.items():
            with open(os.path.join(folder, name), "wb") as f:
                f.write(content)
        return subprocess.run([OPENSSL, *args], input=data, cwd=folder, capture_output=True)


def sns_problem(message, header_type):
    """Why an SNS message's signature does not verify with its SigningCertURL's certificate, or None when it does."""
    fields = SNS_SIGNED_FIELDS.get(message.get("Type"))
    if not fields:
        return f"unknown message Type {message.get('Type')}"
    if header_type != message["Type"]:
        return "x-amz-sns-message-type differs from the message Type"
    digest = SNS_DIGESTS.get(str(message.get("SignatureVersion")))
    if not digest:
        return f"unknown SignatureVersion {message.get('SignatureVersion')}"
    cert_url = str(message.get("SigningCertURL"))
    if not trusted_cert_url(cert_url):
        return f"SigningCertURL {cert_url} is not trusted (see SNS_CERT_URL_PREFIXES)"
    if any(f != "Subject" and not isinstance(message.get(f), str) for f in fields):
        return "a signed field is missing"
    if not OPENSSL:
        return "no openssl command to check the signature with"
    if cert_url not in sns_public_keys:
        with urllib.request.urlopen(cert_url, timeout=10) as res:
            pem = res.read()
        public_key = openssl(["x509", "-pubkey", "-noout"], pem, {})
        if public_key.returncode != 0:
            return "SigningCertURL did not serve a certificate"
        sns_public_keys[cert_url] = public_key.stdout
    canonical = "".join(f"{f}\n{message[f]}\n" for f in fields if isinstance(message.get(f), str)).encode()
    signature = base64.b64decode(str(message.get("Signature")))
    checked = openssl(["dgst", digest, "-verify", "key.pem", "-signature", "signature.bin"], canonical,
                      {"key.pem": sns_public_keys[cert_url], "signature.bin": signature})
    return None if checked.returncode == 0 else "the signature does not verify"


def b2_problem(header, body):
    """Why B2's X-Bz-Event-Notification-Signature is not v1=<hex HMAC-SHA256 of the body keyed by HOOK_SECRET>."""
    expected = hmac.new(HOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()
    for candidate in header.split(","):
        version, _, value = candidate.strip().partition("=")
        if version == "v1" and hmac.compare_digest(value.lower(), expected):
            return None
    return "no matching v1 signature"


def print_records(records):
    for record in records or []:
        # Keys arrive form-URL-encoded (a space is "+"), as S3 sends them.
        print(f"record {record['eventName']} {unquote_plus(record['s3']['object']['key'])}", flush=True)


class Receiver(BaseHTTPRequestHandler):
    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        length = int(self.headers.get("content-length") or 0)
        if length > MAX_BODY_BYTES:
            return self.answer(413, {"error": "body too large"})
        body = self.rfile.read(length)
        if urlsplit(self.path).path != path:
            return self.answer(404, {"error": "not here"})
        try:
            self.handle_delivery(body)
        except (ValueError, KeyError, TypeError, AttributeError, OSError) as err:
            self.answer(400, {"error": str(err)})

    def handle_delivery(self, body):
        sns_type = self.headers.get("x-amz-sns-message-type")
        if sns_type:
            message = json.loads(body)
            # AWS SNS signs with a certificate; VK's handshake has no SigningCertURL and is answered with an HMAC.
            if "SigningCertURL" in message or "Signature" in message:
                return self.handle_sns(message, sns_type)
            if sns_type.lower() == "subscriptionconfirmation":
                print(f"handshake {message['TopicArn']}", flush=True)
                return self.answer(200, {"signature": handshake_signature(message)})
        b2_signature = self.headers.get("x-bz-event-notification-signature")
        if b2_signature:
            problem = b2_problem(b2_signature, body)
            if problem:
                print(f"rejected b2: {problem}", flush=True)
                return self.answer(403, {"error": problem})
            for event in json.loads(body).get("events", []):
                print(f"record {event['eventType']} {event['objectName']}", flush=True)
            return self.answer(200, {"ok": True})
        problem = signature_problem(self.headers, body)
        if problem:
            print(f"rejected {self.headers.get('webhook-id', '-')}: {problem}", flush=True)
            return self.answer(401, {"error": problem})
        print_records(json.loads(body).get("Records"))
        self.answer(200, {"ok": True})

    def handle_sns(self, message, sns_type):
        """An SNS message (its signature verified first): confirm a subscription, or print a Notification's records."""
        problem = sns_problem(message, sns_type)
        if problem:
            print(f"rejected sns {message.get('MessageId', '-')}: {problem}", flush=True)
            return self.answer(403, {"error": problem})
        if message["Type"] == "SubscriptionConfirmation":
            with urllib.request.urlopen(message["SubscribeURL"], timeout=10) as res:
                res.read()
            print(f"subscribed {message['TopicArn']}", flush=True)
        elif message["Type"] == "UnsubscribeConfirmation":
            print(f"unsubscribed {message['TopicArn']}", flush=True)
        else:
            print_records(json.loads(message["Message"]).get("Records"))
        self.answer(200, {"ok": True})

    def log_message(self, format, *args):
        pass  # one line per event above is enough


class Server(ThreadingHTTPServer):
    # S3 services deliver in parallel: queue bursts instead of refusing them (socketserver's default backlog is 5).
    request_queue_size = 128


server = Server(("127.0.0.1", port), Receiver)
print(f"listening on {HOOK_URL} (port {port})", flush=True)
server.serve_forever()
