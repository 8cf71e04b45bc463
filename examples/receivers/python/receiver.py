# BucketHooks starter receiver for Python (standard library only): answers VK's URL handshake and
# accepts only deliveries whose Standard Webhooks signature is valid and fresh.
# Run: HOOK_URL=http://127.0.0.1:8080/webhook HOOK_SECRET=whsec_... python3 receiver.py   (PORT overrides the URL's port)
import base64
import binascii
import hashlib
import hmac
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote_plus, urlsplit

HOOK_URL = os.environ.get("HOOK_URL") or "http://127.0.0.1:8080/webhook"
HOOK_SECRET = os.environ.get("HOOK_SECRET") or "whsec_PASTE_THE_HOOK_SECRET"
TOLERANCE_SECONDS = 5 * 60  # the Standard Webhooks window for webhook-timestamp
MAX_BODY_BYTES = 10 * 1024 * 1024

url = urlsplit(HOOK_URL)
path = url.path or "/"
port = int(os.environ.get("PORT") or url.port or 8080)
try:
    if not HOOK_SECRET.startswith("whsec_"):
        raise ValueError("no whsec_ prefix")
    key = base64.b64decode(HOOK_SECRET[len("whsec_"):], validate=True)
except (ValueError, binascii.Error):
    sys.exit("Set HOOK_SECRET to the hook's secret: whsec_ followed by base64")


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
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            self.answer(400, {"error": str(err)})

    def handle_delivery(self, body):
        if (self.headers.get("x-amz-sns-message-type") or "").lower() == "subscriptionconfirmation":
            message = json.loads(body)
            print(f"handshake {message['TopicArn']}", flush=True)
            return self.answer(200, {"signature": handshake_signature(message)})
        problem = signature_problem(self.headers, body)
        if problem:
            print(f"rejected {self.headers.get('webhook-id', '-')}: {problem}", flush=True)
            return self.answer(401, {"error": problem})
        for record in json.loads(body).get("Records", []):
            # Keys arrive form-URL-encoded (a space is "+"), as S3 sends them.
            print(f"record {record['eventName']} {unquote_plus(record['s3']['object']['key'])}", flush=True)
        self.answer(200, {"ok": True})

    def log_message(self, format, *args):
        pass  # one line per event above is enough


class Server(ThreadingHTTPServer):
    # S3 services deliver in parallel: queue bursts instead of refusing them (socketserver's default backlog is 5).
    request_queue_size = 128


server = Server(("127.0.0.1", port), Receiver)
print(f"listening on {HOOK_URL} (port {port})", flush=True)
server.serve_forever()
