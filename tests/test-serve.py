#!/usr/bin/python3
"""test-serve.py: `zhengce serve` over real HTTP on loopback.

Starts the server on a free port over a store of the shared development
notices (plus notices written here), then checks every endpoint of
docs/api.md: statuses, JSON shapes against docs/openapi.json, the writes
and their token, HTML and Atom validity, the escaping of hostile notice
text, and the limits (header and body size, slow clients, path traversal,
malformed requests), and that the server keeps serving after each.

usage: test-serve.py ZHENGCE_BINARY SHARED_DIR
Needs Debian's python3-jsonschema, python3-html5lib, python3-icalendar.
"""
import http.client
import json
import os
import re
import secrets
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import xml.etree.ElementTree as ET

import html5lib
import icalendar
import jsonschema

BIN = os.path.abspath(sys.argv[1])
SHARED = os.path.abspath(sys.argv[2])
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OPENAPI = json.load(open(os.path.join(ROOT, "docs", "openapi.json"), encoding="utf-8"))

failures = 0
checks = 0


def check(cond, what):
    global failures, checks
    checks += 1
    if not cond:
        failures += 1
        print(f"FAIL: {what}")


HOSTILE = ("关于恶意脚本测试的通知\n各有关单位：\n"
           "恶意脚本测试<script>window.__xss=1</script><img src=x onerror=\"alert(1)\"> & \"引号\" 'single'\n"
           "请于2030年12月31日前报送材料。联系电话：010-12345678\n"
           "某某市科学技术局\n2030年1月5日\n")


class Server:
    def __init__(self, db, *extra):
        self.log = tempfile.NamedTemporaryFile(prefix="zc-serve-", suffix=".log", delete=False)
        self.proc = subprocess.Popen([BIN, "serve", "--db", db, "--listen", "127.0.0.1:0", *extra],
                                     stderr=self.log, stdout=subprocess.DEVNULL)
        for _ in range(200):
            text = open(self.log.name, encoding="utf-8").read()
            m = re.search(r"http://127\.0\.0\.1:(\d+)/", text)
            if m:
                self.port = int(m.group(1))
                return
            if self.proc.poll() is not None:
                raise SystemExit(f"server exited: {text}")
            time.sleep(0.05)
        raise SystemExit("server did not start")

    def stop(self):
        self.proc.terminate()
        code = self.proc.wait(10)
        return code, open(self.log.name, encoding="utf-8").read()

    def request(self, method, path, body=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data

    def alive(self):
        try:
            return self.request("GET", "/healthz")[0] == 200
        except OSError:
            return False


def q(path, **params):
    items = []
    for k, v in params.items():
        for one in (v if isinstance(v, list) else [v]):
            items.append((k, one))
    return path + ("?" + urllib.parse.urlencode(items) if items else "")


def schema_for(path_template, method, status, ctype="application/json"):
    op = OPENAPI["paths"][path_template][method.lower()]
    resp = op["responses"].get(str(status))
    if resp is None:
        return None
    return resp["content"][ctype]["schema"]


def conforms(srv_response, path_template, method, what):
    status, headers, data = srv_response
    schema = schema_for(path_template, method, status)
    check(schema is not None, f"{what}: status {status} is described in openapi.json")
    if schema is None:
        return None
    check(headers.get("content-type", "").startswith("application/json"), f"{what}: JSON content type")
    body = json.loads(data)
    resolver = jsonschema.RefResolver.from_schema(OPENAPI)
    try:
        jsonschema.Draft202012Validator(schema, resolver=resolver).validate(body)
        check(True, what)
    except jsonschema.ValidationError as e:
        check(False, f"{what}: does not match openapi.json: {e.message} at {list(e.absolute_path)}")
    return body


def raw_exchange(port, payload, wait=2.0):
    """Send raw bytes; return what the server answers before closing (or wait)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=wait)
    try:
        s.sendall(payload)
        out = b""
        while True:
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            out += chunk
        return out
    finally:
        s.close()


def test_reads(srv):
    body = conforms(srv.request("GET", "/healthz"), "/healthz", "GET", "healthz")
    check(body and body["notices"] >= 40, "healthz counts the notices")

    body = conforms(srv.request("GET", q("/api/notices", q="申报")), "/api/notices", "GET", "search")
    check(body["total"] > 5 and body["results"], "search finds notices with 申报")
    check(all(k in body["facets"] for k in ("category", "province", "issuer", "month")), "search has facets")
    total = body["total"]
    body = conforms(srv.request("GET", q("/api/notices", q="申报", category="申报通知", facets="0")),
                    "/api/notices", "GET", "search with a category")
    check(0 < body["total"] < total, "a category narrows the search")
    check("facets" not in body, "facets=0 skips facets")
    body = conforms(srv.request("GET", q("/api/notices", q="申报", limit=3, offset=3)), "/api/notices", "GET", "paging")
    check(len(body["results"]) == 3 and body["offset"] == 3, "limit and offset page")
    body = conforms(srv.request("GET", q("/api/notices", region=["北京", "陕西省"], sort="date")),
                    "/api/notices", "GET", "regions")
    dates = [r["issued_on"] for r in body["results"] if r["issued_on"]]
    check(body["total"] > 0 and dates == sorted(dates, reverse=True), "regions, sorted by date")
    body = conforms(srv.request("GET", q("/api/notices", open="1", today="2019-08-01", sort="deadline")),
                    "/api/notices", "GET", "open now")
    check(body["total"] > 0 and all(r["deadline"] is None or r["deadline"] >= "2019-08-01" for r in body["results"]),
          "open=1 keeps notices open on today")
    body = conforms(srv.request("GET", q("/api/notices", deadline_within="30", today="2019-08-01")),
                    "/api/notices", "GET", "deadline_within")
    check(all("2019-08-01" <= r["deadline"] <= "2019-08-31" for r in body["results"]) and body["total"] > 0,
          "deadline_within keeps deadlines within 30 days")

    for params, what in [({"q": '"abc'}, "unclosed quote"), ({"bogus": "1"}, "unknown parameter"),
                         ({"limit": "0"}, "limit 0"), ({"issued_from": "2019-13-01"}, "bad date"),
                         ({"sort": "random"}, "bad sort"), ({"open": "maybe"}, "bad flag"),
                         ({"deadline_within": "30", "deadline_to": "2020-01-01"}, "clashing deadlines")]:
        body = conforms(srv.request("GET", q("/api/notices", **params)), "/api/notices", "GET", f"400: {what}")
        check(body and body["error"]["status"] == 400 and body["error"]["message"], f"{what} gives a message")
    status, _, data = srv.request("GET", q("/api/notices", q='"abc'))
    check("character" in json.loads(data)["error"]["message"], "a bad query says where")

    first = json.loads(srv.request("GET", q("/api/notices", q="工信厅联装"))[2])["results"][0]
    rec = conforms(srv.request("GET", f"/api/notices/{first['id']}"), "/api/notices/{id}", "GET", "one notice")
    check(rec["id"] == first["id"] and rec["text"], "the notice comes with its text")
    if rec.get("doc_number"):
        by_doc = json.loads(srv.request("GET", "/api/notices/" + urllib.parse.quote(rec["doc_number"]))[2])
        check(by_doc.get("id") == rec["id"], "a notice is found by its 文号")
    conforms(srv.request("GET", "/api/notices/999999"), "/api/notices/{id}", "GET", "404 for a missing notice")

    body = conforms(srv.request("GET", q("/api/calendar", today="2019-07-01")), "/api/calendar", "GET", "calendar")
    ends = [e["to"] for e in body["events"]]
    check(ends and ends == sorted(ends), "calendar events soonest first")
    body = conforms(srv.request("GET", q("/api/calendar", today="2019-07-01", days="10")), "/api/calendar", "GET",
                    "calendar within days")
    check(all(e["days_left"] <= 10 or e["from"] <= "2019-07-11" for e in body["events"]), "days bounds the events")

    profile = open(os.path.join(ROOT, "data", "profiles", "kunming-software.json"), encoding="utf-8").read()
    body = conforms(srv.request("POST", q("/api/match", today="2019-08-01"), profile.encode(),
                                {"Content-Type": "application/json"}), "/api/match", "POST", "match")
    verdicts = [r["verdict"] for r in body["results"]]
    order = {"eligible": 0, "needs-check": 1, "ineligible": 2}
    check(verdicts and [order[v] for v in verdicts] == sorted(order[v] for v in verdicts), "matches ordered by verdict")
    check(any(c["reason"] for r in body["results"] for c in r["conditions"]), "matches give reasons")
    body = conforms(srv.request("POST", "/api/match", b'{"registration": {"date": "yesterday"}}'), "/api/match",
                    "POST", "a bad profile")
    check(body["errors"] and body["errors"][0]["field"], "a bad profile lists its errors by field")
    body = conforms(srv.request("POST", "/api/match", b"{not json"), "/api/match", "POST", "a profile not JSON")
    check("line 1" in body["error"]["message"], "a profile not JSON says where")
    body = conforms(srv.request("GET", q("/api/calendar", today="2019-07-01", profile=profile)), "/api/calendar", "GET",
                    "calendar for a profile")
    check(all(e.get("verdict") in ("eligible", "needs-check") for e in body["events"]), "profile events carry verdicts")

    conforms(srv.request("GET", "/api/stats"), "/api/stats", "GET", "stats")
    body = conforms(srv.request("GET", "/api/openapi.json"), "/api/openapi.json", "GET", "openapi")
    check(body == OPENAPI, "the served description is docs/openapi.json")
    status, headers, _ = srv.request("POST", "/api/stats")
    check(status == 405 and "allow" in headers, "a wrong method is 405 with Allow")
    check(srv.request("GET", "/no/such/path")[0] == 404, "an unknown path is 404")


def test_publish(srv):
    status, headers, data = srv.request("GET", q("/digest", since="2019-01-01", until="2019-12-31"))
    check(status == 200 and headers["content-type"].startswith("text/html"), "digest is HTML")
    parser = html5lib.HTMLParser(strict=True)
    try:
        doc = parser.parse(data.decode("utf-8"))
        check(True, "digest is valid HTML (html5lib strict)")
    except html5lib.html5parser.ParseError as e:
        check(False, f"digest HTML parse error: {e}")
        doc = None
    text = data.decode("utf-8")
    check("<h2>申报通知</h2>" in text and "截止日期" in text and "文号" in text, "digest has categories and key elements")
    check("default-src 'none'" in headers.get("content-security-policy", ""), "digest has a strict CSP")
    status, headers, data = srv.request("GET", q("/digest", since="2019-01-01", format="md"))
    check(status == 200 and data.decode().startswith("# 政策简报") and "## " in data.decode(), "digest as Markdown")
    check(srv.request("GET", q("/digest", since="yesterday"))[0] == 400, "digest with a bad date is 400")

    status, headers, data = srv.request("GET", q("/feed.atom", q="申报", region="北京"))
    check(status == 200 and headers["content-type"].startswith("application/atom+xml"), "feed is Atom")
    check_atom(data, "search feed")
    status, _, data = srv.request("GET", "/feed.atom")
    check_atom(data, "whole feed")

    status, headers, data = srv.request("GET", q("/calendar.ics", today="2019-07-01"))
    check(status == 200 and headers["content-type"].startswith("text/calendar"), "calendar.ics is text/calendar")
    cal = icalendar.Calendar.from_ical(data)
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    check(events and all(e.get("uid") and e.get("dtstart") for e in events), "calendar.ics holds events")
    check(srv.request("GET", q("/calendar.ics", profile="[1]"))[0] == 400, "calendar.ics with a bad profile is 400")


ATOM = "{http://www.w3.org/2005/Atom}"


def check_atom(data, what):
    """RFC 4287's rules for a feed and its entries (section 4.1)."""
    try:
        feed = ET.fromstring(data)
    except ET.ParseError as e:
        check(False, f"{what}: not well-formed XML: {e}")
        return
    check(feed.tag == ATOM + "feed", f"{what}: root is atom:feed")
    stamp = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
    for el in ("id", "title", "updated"):
        check(len(feed.findall(ATOM + el)) == 1, f"{what}: feed has exactly one {el}")
    check(stamp.match(feed.findtext(ATOM + "updated") or ""), f"{what}: feed updated is RFC 3339")
    check(any(l.get("rel") == "self" for l in feed.findall(ATOM + "link")), f"{what}: feed has a self link")
    feed_author = feed.find(ATOM + "author") is not None
    entries = feed.findall(ATOM + "entry")
    check(entries, f"{what}: has entries")
    ids = set()
    for e in entries:
        for el in ("id", "title", "updated"):
            check(len(e.findall(ATOM + el)) == 1, f"{what}: entry has exactly one {el}")
        check(stamp.match(e.findtext(ATOM + "updated") or ""), f"{what}: entry updated is RFC 3339")
        pub = e.findtext(ATOM + "published")
        check(pub is None or stamp.match(pub), f"{what}: entry published is RFC 3339")
        check(feed_author or e.find(ATOM + "author") is not None, f"{what}: entry has an author")
        alts = [l for l in e.findall(ATOM + "link") if l.get("rel", "alternate") == "alternate"]
        check(len(alts) == 1 and alts[0].get("href", "").startswith("http"), f"{what}: entry has one alternate link")
        check(e.find(ATOM + "content") is not None or alts, f"{what}: entry has content or an alternate link")
        ids.add(e.findtext(ATOM + "id"))
        check(urllib.parse.urlparse(e.findtext(ATOM + "id")).scheme in ("http", "https"), f"{what}: entry id is an IRI")
    check(len(ids) == len(entries), f"{what}: entry ids are unique")


def test_writes(srv, token, db):
    hostile = HOSTILE.encode("utf-8")
    status, headers, _ = srv.request("POST", "/api/notices", hostile, {"Content-Type": "text/plain"})
    check(status == 401 and headers.get("www-authenticate", "").startswith("Bearer"), "a write without a token is 401")
    conforms((status, headers, _), "/api/notices", "POST", "401 body")
    status, _, _ = srv.request("POST", "/api/notices", hostile, {"Authorization": "Bearer " + "x" * len(token)})
    check(status == 403, "a write with a wrong token is 403")
    status, _, _ = srv.request("POST", "/api/notices", hostile, {"Authorization": "Bearer " + token[:-1]})
    check(status == 403, "a write with a token's prefix is 403")
    before = json.loads(srv.request("GET", "/healthz")[2])["notices"]
    auth = {"Authorization": "Bearer " + token, "Content-Type": "text/plain"}
    body = conforms(srv.request("POST", q("/api/notices", uri="https://example.gov.cn/n/1.html", category="申报通知"),
                                hostile, auth), "/api/notices", "POST", "store a notice")
    new_id = body["notices"][0]["id"]
    check(body["notices"][0]["status"] == "added", "the notice is added")
    after = json.loads(srv.request("GET", "/healthz")[2])["notices"]
    check(after == before + 1, "the store holds one more notice")
    found = json.loads(srv.request("GET", q("/api/notices", q="恶意脚本测试"))[2])
    check(found["total"] == 1 and found["results"][0]["id"] == new_id, "the new notice is found at once")
    rec = json.loads(srv.request("GET", f"/api/notices/{new_id}")[2])
    check(rec["deadline"] == "2030-12-31" and rec["category"] == "申报通知", "the new notice's elements are extracted")

    # the hostile text is escaped in every page and feed
    for path in [q("/digest", since="2030-01-01"), q("/feed.atom", q="恶意脚本测试"), q("/digest", since="2030-01-01", format="md")]:
        status, _, data = srv.request("GET", path)
        text = data.decode("utf-8")
        check(status == 200 and "恶意脚本测试" in text, f"{path}: holds the hostile notice")
        check("<script" not in text.lower() and "<img" not in text.lower(), f"{path}: notice markup is escaped")
    status, _, data = srv.request("GET", q("/feed.atom", q="恶意脚本测试"))
    feed = ET.fromstring(data)
    summary = feed.find(ATOM + "entry").findtext(ATOM + "summary")
    check("<script>window.__xss=1</script>" in summary, "the feed keeps the markup as text")

    # a body that cannot be decoded is refused, and nothing is stored
    status, _, data = srv.request("POST", "/api/notices", "关于测试的通知\n".encode() + b"\xc3\x28 \x80\xff broken", auth)
    check(status in (400, 422), f"an undecodable body is refused ({status})")
    check(json.loads(srv.request("GET", "/healthz")[2])["notices"] == after, "a refused body stores nothing")
    status, _, _ = srv.request("POST", "/api/notices", b"", auth)
    check(status == 400, "an empty body is 400")

    # reads go on while another process holds the write lock
    lock = sqlite3.connect(db, timeout=1)
    lock.execute("BEGIN IMMEDIATE")
    status, _, _ = srv.request("GET", q("/api/notices", q="申报"))
    check(status == 200, "reads are served while a writer holds the lock")
    lock.rollback()
    lock.close()

    status, _, _ = srv.request("DELETE", f"/api/notices/{new_id}")
    check(status == 401, "a delete without a token is 401")
    body = conforms(srv.request("DELETE", f"/api/notices/{new_id}", headers=auth), "/api/notices/{id}", "DELETE",
                    "delete")
    check(body["deleted"] == new_id, "the notice is deleted")
    check(srv.request("GET", f"/api/notices/{new_id}")[0] == 404, "a deleted notice is gone")
    check(srv.request("DELETE", f"/api/notices/{new_id}", headers=auth)[0] == 404, "deleting it again is 404")


def test_limits(srv):
    big_header = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 40000 + b"\r\n\r\n"
    answer = raw_exchange(srv.port, big_header)
    check(answer == b"" or re.match(rb"HTTP/1\.[01] 4(31|13|00)", answer), f"oversized headers are refused: {answer[:40]!r}")
    check(srv.alive(), "serving after oversized headers")

    answer = raw_exchange(srv.port, b"POST /api/match HTTP/1.1\r\nHost: x\r\nContent-Length: 9437184\r\n\r\n{}")
    check(answer.startswith(b"HTTP/1.1 413"), f"a declared body over the limit is 413 at once: {answer[:40]!r}")
    answer = raw_exchange(srv.port, b"POST /api/match HTTP/1.1\r\nHost: x\r\nContent-Length: 2097152\r\n\r\n{}")
    check(answer.startswith(b"HTTP/1.1 413"), f"a profile is at most 1 MiB: {answer[:40]!r}")
    answer = raw_exchange(srv.port, b"POST /api/notices HTTP/1.1\r\nHost: x\r\nContent-Length: 8000000\r\n\r\n")
    check(answer.startswith(b"HTTP/1.1 401"), f"the token is checked before any body is read: {answer[:40]!r}")
    chunked = (b"POST /api/match HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
               (b"100000\r\n" + b" " * 0x100000 + b"\r\n") * 9 + b"0\r\n\r\n")
    answer = raw_exchange(srv.port, chunked, wait=5)
    check(answer.startswith(b"HTTP/1.1 413"), f"a chunked body over the limit is 413: {answer[:40]!r}")
    check(srv.alive(), "serving after oversized bodies")

    for path in ["/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2fetc%2fpasswd",
                 "/notice/../../etc/passwd", "/static//etc/passwd", "/../../etc/passwd", "/static/%2fetc%2fpasswd"]:
        answer = raw_exchange(srv.port, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        check(b"root:" not in answer and re.match(rb"HTTP/1\.1 (404|400)", answer), f"no traversal: {path}: {answer[:30]!r}")

    # a NUL cuts the decoded path: what is left is still only a name in the asset table
    answer = raw_exchange(srv.port, b"GET /static/app.js%00/../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    check(b"root:" not in answer and (b"text/javascript" in answer or b" 404 " in answer[:20]), "a NUL in the path reaches no file")

    status, headers, data = srv.request("GET", "/")
    csp = headers.get("content-security-policy", "")
    check(status == 200 and "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe" not in csp,
          "pages carry a strict CSP")
    check(headers.get("x-content-type-options") == "nosniff", "nosniff")
    check(b"<script>" not in data and b"style=" not in data, "the page shell has no inline script or style")
    try:
        html5lib.HTMLParser(strict=True).parse(data.decode("utf-8"))
        check(True, "the page shell is valid HTML")
    except html5lib.html5parser.ParseError as e:
        check(False, f"the page shell: HTML parse error: {e}")
    for asset in ("app.js", "app.css", "favicon.svg"):
        status, headers, _ = srv.request("GET", "/static/" + asset)
        check(status == 200 and headers.get("etag") and headers.get("cache-control") == "no-cache",
              f"asset {asset} is served, revalidated by its ETag")
        status, _, body = srv.request("GET", "/static/" + asset, headers={"If-None-Match": headers.get("etag", "")})
        check(status == 304 and not body, f"asset {asset}: 304 when the client has it")

    garbage = [b"\x00\x01\x02\x03\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n",
               b"GET /api/notices?q=%ZZ%E4 HTTP/1.1\r\nHost: x\r\n\r\n", b"GET /api/notices?q=%FF%FE HTTP/1.1\r\nHost: x\r\n\r\n",
               b"GET /api/notices/%00 HTTP/1.1\r\nHost: x\r\n\r\n", b"POST /api/match HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
               b"POST /api/match HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
               b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\n\r\n", b"GET /?" + b"a=1&" * 2000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"]
    for g in garbage:
        answer = raw_exchange(srv.port, g, wait=1)
        check(not answer or answer.startswith(b"HTTP/1."), f"malformed request answered in HTTP or closed: {g[:30]!r}")
    check(srv.alive(), "serving after malformed requests")
    status, _, data = srv.request("GET", "/api/notices?q=%FF%FE")
    check(status == 400, f"a query that is not UTF-8 is 400 ({status})")


def test_digest_cli(db):
    """zhengce digest: the same bulletin on the command line."""
    run = subprocess.run([BIN, "digest", "--db", db, "--since", "2019-01-01", "--until", "2019-12-31", "-f", "html",
                          "--today", "2019-08-01"], capture_output=True)
    check(run.returncode == 0, f"digest -f html exits 0 ({run.stderr[:200]!r})")
    html = run.stdout.decode("utf-8")
    try:
        html5lib.HTMLParser(strict=True).parse(html)
        check(True, "digest -f html is valid HTML")
    except html5lib.html5parser.ParseError as e:
        check(False, f"digest -f html parse error: {e}")
    check("<style>" in html and "还剩" in html, "the CLI digest is self-contained and counts the days left")
    run = subprocess.run([BIN, "digest", "--db", db, "--since", "2019-08-01", "-c", "申报通知"], capture_output=True)
    md = run.stdout.decode("utf-8")
    sections = re.findall(r"^## (.+)$", md, re.M)
    check(run.returncode == 0 and sections == ["申报通知"], f"digest -c keeps one category ({sections})")
    check(len(re.findall(r"^### ", md, re.M)) >= 3, "the Markdown digest lists the notices")
    run = subprocess.run([BIN, "digest", "--db", db], capture_output=True)
    check(run.returncode == 2 and b"--since" in run.stderr, "digest without --since is a usage error")


def test_cache(srv, db, fresh):
    """Repeated reads come from the cache; writes by the server or by another
    process are seen: at once, or within `fresh` seconds."""
    word = f"缓存测试{fresh}"
    path = q("/api/notices", q=word, facets="0")
    first = srv.request("GET", path)
    # each server thread's first request starts a new epoch (it cannot know
    # what changed before it looked): a hit comes once the threads have looked
    # (which thread takes a request is the server's choice: ask until one hits)
    repeats = []
    while len(repeats) < 40 and not (repeats and repeats[-1][1].get("x-cache") == "hit"):
        repeats.append(srv.request("GET", path))
    check(first[1].get("x-cache") == "miss" and repeats[-1][1].get("x-cache") == "hit", "a repeated search is a cache hit")
    check(all(r[2] == first[2] for r in repeats), "a hit answers the same bytes")
    check(json.loads(first[2])["total"] == 0, f"nothing holds {word} yet")
    other = srv.request("GET", q("/api/notices", q=word, facets="0", limit="5"))
    check(other[1].get("x-cache") == "miss", "other parameters are another entry")
    # the links of a feed follow the Host header: another host is another entry
    evil = srv.request("GET", q("/feed.atom", q="申报"), headers={"Host": "evil.example"})
    good = srv.request("GET", q("/feed.atom", q="申报"))
    check(b"evil.example" in evil[2] and b"evil.example" not in good[2], "a Host header cannot poison the cache")
    notice = os.path.join(os.path.dirname(db), f"cache-{fresh}.txt")
    with open(notice, "w", encoding="utf-8") as f:
        f.write(f"关于{word}的通知\n各有关单位：\n请于2031年1月5日前报送。\n某某局\n2030年12月1日\n")
    subprocess.run([BIN, "ingest", "--db", db, "--quiet", notice], check=True)
    if fresh > 0:
        time.sleep(fresh + 0.2)
    after = srv.request("GET", path)
    check(after[1].get("x-cache") == "miss" and json.loads(after[2])["total"] == 1,
          f"another process's write is seen within {fresh} s")


def test_stale_while_revalidate(srv, db):
    """Past its freshness, an answer is served stale while one background
    refresh recomputes it; the next requests get the new answer."""
    word = "后台刷新测试"
    path = q("/api/notices", q=word, facets="0")
    first = srv.request("GET", path)
    check(first[1].get("x-cache") == "miss" and json.loads(first[2])["total"] == 0, f"nothing holds {word} yet")
    notice = os.path.join(os.path.dirname(db), "stale.txt")
    with open(notice, "w", encoding="utf-8") as f:
        f.write(f"关于{word}的通知\n各有关单位：\n请于2031年1月5日前报送。\n某某局\n2030年12月1日\n")
    subprocess.run([BIN, "ingest", "--db", db, "--quiet", notice], check=True)
    stale = srv.request("GET", path)
    check(stale[1].get("x-cache") == "stale" and stale[2] == first[2], "after a write elsewhere, the old answer is served at once")
    deadline = time.monotonic() + 10
    fresh = stale
    while time.monotonic() < deadline and not (fresh[1].get("x-cache") == "hit" and json.loads(fresh[2])["total"] == 1):
        time.sleep(0.1)
        fresh = srv.request("GET", path)
    check(fresh[1].get("x-cache") == "hit" and json.loads(fresh[2])["total"] == 1,
          "the background refresh brings the new answer")


def test_slow_client(db):
    srv = Server(db, "--timeout", "2", "--quiet")
    try:
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # and never the end of the headers
        start = time.monotonic()
        closed = s.recv(100) == b""
        took = time.monotonic() - start
        s.close()
        check(closed and took < 8, f"a slow client is cut off after the timeout ({took:.1f}s)")
        check(srv.alive(), "serving after a slow client")
    finally:
        srv.stop()


def main():
    tmp = tempfile.mkdtemp(prefix="zc-serve-test-")
    db = os.path.join(tmp, "t.db")
    subprocess.run([BIN, "ingest", "--db", db, os.path.join(SHARED, "fixtures", "real"),
                    os.path.join(SHARED, "fixtures", "digest-2019-08.txt")], check=True, stderr=subprocess.DEVNULL)
    token = secrets.token_urlsafe(24)
    token_file = os.path.join(tmp, "token")
    with open(token_file, "w") as f:
        f.write(token + "\n")
    srv = Server(db, "--token-file", token_file)
    try:
        test_reads(srv)
        test_publish(srv)
        test_writes(srv, token, db)
        test_limits(srv)
    finally:
        code, log = srv.stop()
    check(code == 0, f"the server stops cleanly on SIGTERM ({code})")
    check(token not in log, "the token is never logged")
    check("GET /api/notices" in log, "requests are logged")
    check("profile=" not in log, "query strings (profiles) are not logged")
    test_slow_client(db)
    test_digest_cli(db)
    for fresh in (0, 1):
        srv = Server(db, "--quiet", "--cache-fresh", str(fresh), "--cache-stale", "0")
        try:
            test_cache(srv, db, fresh)
        finally:
            srv.stop()
    srv = Server(db, "--quiet", "--cache-fresh", "0", "--cache-stale", "30")
    try:
        test_stale_while_revalidate(srv, db)
    finally:
        srv.stop()
    # a server without a token file refuses writes
    srv = Server(db, "--quiet")
    try:
        status, _, _ = srv.request("POST", "/api/notices", b"x", {"Authorization": "Bearer " + token})
        check(status == 403, "writes are disabled without --token-file")
    finally:
        srv.stop()
    print(f"{checks - failures}/{checks} checks passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
