"""An independent signer for tests: sends one request the way the official Python client signs it
(hmac/hashlib, ISO 8601 Date with microseconds, empty-body hash), with knobs to break each part.

usage: signed_request.py METHOD URL ACCESS_KEY SECRET_KEY VERSION [--json BODY] [--file NAME=PATH]
                         [--skew-minutes N] [--tamper]
prints: STATUS then the reply body
"""
import argparse
import datetime
import hashlib
import hmac
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid


def signature(secret, method, target, date, host, content_type, version):
    when = datetime.datetime.fromisoformat(date)
    k1 = hmac.new(secret.encode(), when.strftime("%Y%m%d").encode(), hashlib.sha256).digest()
    k2 = hmac.new(k1, host.encode(), hashlib.sha256).digest()
    text = "\n".join([method.upper(), target, date, "host:" + host, "content-type:" + content_type,
                      "x-backendai-version:" + version, hashlib.sha256(b"").hexdigest()])
    return hmac.new(k2, text.encode(), hashlib.sha256).hexdigest()


def multipart(name, path):
    boundary = uuid.uuid4().hex
    with open(path, "rb") as f:
        data = f.read()
    # aiohttp (the official client's HTTP stack) percent-encodes the filename: sub/x -> sub%2Fx
    head = ('--%s\r\nContent-Disposition: form-data; name="src"; filename="%s"\r\n'
            'Content-Type: application/octet-stream\r\n\r\n' % (boundary, urllib.parse.quote(name, safe="")))
    body = head.encode() + data + ("\r\n--%s--\r\n" % boundary).encode()
    return body, "multipart/form-data; boundary=" + boundary


def main():
    p = argparse.ArgumentParser()
    for a in ("method", "url", "access_key", "secret_key", "version"):
        p.add_argument(a)
    p.add_argument("--json")
    p.add_argument("--file")
    p.add_argument("--skew-minutes", type=int, default=0)
    p.add_argument("--tamper", action="store_true")
    a = p.parse_args()
    url = urllib.parse.urlsplit(a.url)
    target = url.path + ("?" + url.query if url.query else "")
    now = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=a.skew_minutes)
    date = now.isoformat(timespec="microseconds")
    body, content_type = None, "text/plain"
    if a.json is not None:
        body, content_type = a.json.encode(), "application/json"
    elif a.file:
        name, path = a.file.split("=", 1)
        body, content_type = multipart(name, path)
    sig = signature(a.secret_key, a.method, target, date, url.netloc, content_type.split(";")[0], a.version)
    if a.tamper:
        sig = ("0" if sig[0] != "0" else "1") + sig[1:]
    req = urllib.request.Request(a.url, data=body, method=a.method, headers={
        "Date": date, "Content-Type": content_type, "X-BackendAI-Version": a.version,
        "X-BackendAI-Domain": "default", "User-Agent": "Backend.AI Client for Python 22.03.2",
        "Authorization": "BackendAI signMethod=HMAC-SHA256, credential=%s:%s" % (a.access_key, sig)})
    try:
        with urllib.request.urlopen(req) as r:
            print(r.status)
            print(r.read().decode())
    except urllib.error.HTTPError as e:
        print(e.code)
        print(e.read().decode())


if __name__ == "__main__":
    main()
