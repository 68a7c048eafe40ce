#!/usr/bin/python3
"""test-fetch.py: `zhengce fetch` against a fixture site on loopback.

A threaded HTTP server started here serves notice pages in the shapes of
government CMS sites (navigation, breadcrumbs, share bars, related
articles, footers around the content; UTF-8 and GBK, declared in the header
or in a <meta>; broken HTML), PDF and DOCX attachments generated here,
redirects and a redirect loop, 404, 500, a stalled answer, a 100 MB
answer, validators for conditional requests, and hostile documents (deep
nesting, a huge attribute, a zip bomb, a damaged PDF). No test touches the
internet.

usage: test-fetch.py ZHENGCE_BINARY
"""
import http.server
import io
import json
import os
import socketserver
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import zipfile

BIN = os.path.abspath(sys.argv[1])
failures = 0
checks = 0


def check(cond, what):
    global failures, checks
    checks += 1
    if not cond:
        failures += 1
        print(f"FAIL: {what}")


# --- fixtures -------------------------------------------------------------

NAV = """<div class="header"><div class="logo">某某省科学技术厅</div>
<ul class="nav"><li><a href="/">网站首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/tzgg/">通知公告</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a></div>"""

FOOTER = """<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<div class="related"><h3>相关文章</h3><ul><li><a href="/a/1.html">关于举办培训班的通知</a></li>
<li><a href="/a/2.html">关于公布名单的公告</a></li><li><a href="/a/3.html">年度工作要点</a></li></ul></div>
<div class="footer">版权所有：某某省科学技术厅 地址：某某市人民路1号 ICP备案号：某ICP备12345678号
<a href="/sitemap">网站地图</a> <a href="/contact">联系我们</a></div>"""

BODY = """<p>各市（州）科技局，各有关单位：</p>
<p>为加快培育科技型企业，根据《某某省科技型企业培育办法》（某科发〔2023〕9号），现将2024年度科技型企业入库申报有关事项通知如下。</p>
<p>一、申报条件</p>
<p>（一）在本省注册一年以上，具有独立法人资格的企业。</p>
<p>（二）上年度研发费用占营业收入比例不低于3%。</p>
<p>二、申报时间</p>
<p>申报时间为2024年5月6日至2024年6月14日，逾期不予受理。</p>
<p>三、联系方式</p>
<p>联系人：王明，联系电话：0871-65123456，邮箱：kjqy@example.gov.cn</p>
<p>附件：1.<a href="/files/guide.pdf">申报指南</a></p>
<p>2.<a href="files/form.docx">申报书模板</a></p>
<p style="text-align:right">某某省科学技术厅</p>
<p style="text-align:right">2024年4月28日</p>"""


def notice_page(title, charset="utf-8", meta_charset=True, extra_links=""):
    head = f'<meta charset="{charset}">' if meta_charset else ""
    return f"""<!DOCTYPE html><html><head>{head}
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="2024-04-28 10:30">
<meta name="ContentSource" content="某某省科学技术厅">
<title>{title}_通知公告_某某省科学技术厅</title>
<script>var tracker = "通知公告统计代码";</script><style>.x{{color:red}}</style></head><body>
{NAV}
<div class="main"><div class="article">
<h1 class="title">{title}</h1>
<div class="info">发布时间：2024-04-28　来源：某某省科学技术厅　文号：某科发〔2024〕21号　浏览次数：1234</div>
<div class="content" id="zoom">{BODY}</div>
{extra_links}
</div></div>
{FOOTER}
</body></html>"""


def pdf_bytes(lines):
    """A PDF whose text is the given lines (Chinese included): a Type0 font
    with Identity-H codes equal to the characters' code points and a
    ToUnicode map, so that text extraction needs no font data."""
    chars = sorted({ord(c) for line in lines for c in line})
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /ZC def "
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
    for i in range(0, len(chars), 100):
        chunk = chars[i:i + 100]
        cmap += f"{len(chunk)} beginbfchar\n" + "".join(f"<{c:04X}> <{c:04X}>\n" for c in chunk) + "endbfchar\n"
    cmap += "endcmap CMapName currentdict /CMap defineresource pop end end"
    content = "BT /F1 12 Tf 14 TL 50 800 Td\n" + "".join(
        "<" + "".join(f"{ord(c):04X}" for c in line) + "> Tj T*\n" for line in lines) + "ET"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        f"<< /Length {len(content.encode())} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type0 /BaseFont /ZCSans /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ZCSans /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 >>",
        f"<< /Length {len(cmap.encode())} >>\nstream\n{cmap}\nendstream",
        "<< /Type /FontDescriptor /FontName /ZCSans /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n{o}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def docx_bytes(paragraphs, bomb=False):
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    doc = f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{body}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        if bomb:  # 80 MB of one character: a few hundred KB compressed
            with z.open("word/document.xml", "w") as f:
                f.write(f'<?xml version="1.0"?><w:document {ns}><w:body><w:p><w:r><w:t>'.encode())
                block = b"a" * (1 << 20)
                for _ in range(80):
                    f.write(block)
                f.write(b"</w:t></w:r></w:p></w:body></w:document>")
        else:
            z.writestr("word/document.xml", doc)
    return out.getvalue()


PDF = pdf_bytes(["某某省2024年度科技型企业入库申报指南", "申报截止时间：2024年6月14日", "咨询电话：0871-65123457"])
DOCX = docx_bytes(["科技型企业入库申报书", "企业名称：", "统一社会信用代码：", "申报日期：2024年5月"])
BOMB = docx_bytes([], bomb=True)


def list_page(numbers, extra=""):
    items = "".join(f'<li><a href="/art/2024/n{n}.html">关于第{n}批项目申报的通知</a><span>2024-05-{n:02d}</span></li>'
                    for n in numbers)
    return f"""<html><head><meta charset="utf-8"><title>通知公告</title></head><body>{NAV}
<ul class="list">{items}</ul>{extra}
<div class="page"><a href="/list/index_1.html">下一页</a></div>{FOOTER}</body></html>"""


def art_page(n):
    body = BODY.replace("2024年度科技型企业入库申报", f"2024年度第{n}批项目申报")
    return notice_page(f"关于第{n}批项目申报的通知").replace(BODY, body)


class Site(http.server.BaseHTTPRequestHandler):
    counts = {}
    delay = 0.0
    times = None  # when a list: the arrival time of each request
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, ctype="text/html; charset=utf-8", headers=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeouts)
                pass

    def do_GET(self):
        p = self.path
        if Site.times is not None:
            Site.times.append(time.monotonic())
        Site.counts[p] = Site.counts.get(p, 0) + 1
        ua = self.headers.get("User-Agent", "")
        Site.counts["ua:" + ua] = 1
        if p == "/robots.txt":
            self.send(200, b"User-agent: *\nDisallow: /private/\n\nUser-agent: BadBot\nDisallow: /\n", "text/plain")
        elif p == "/list/index.html":
            if self.headers.get("If-None-Match") == '"list-v1"':
                self.send_response(304)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send(200, list_page(range(1, 6), '<a href="/private/secret.html">内部</a>').encode(),
                      headers={"ETag": '"list-v1"'})
        elif p == "/list/index_1.html":
            self.send(200, list_page(range(6, 11)).encode())
        elif p == "/list/index_2.html":
            self.send(200, list_page(range(11, 16)).encode())
        elif p == "/list/index_3.html":
            self.send(404, b"")
        elif p == "/other/index.html":  # a list whose links no longer match the site's pattern
            self.send(200, b"<html><body><a href='/new/layout/1.html'>x</a></body></html>")
        elif p.startswith("/art/2024/n") and p.endswith(".html"):
            n = int(p[len("/art/2024/n"):-5])
            if n == 13 and Site.counts[p] == 1:
                self.send(500, b"busy")  # the first try fails: a retry stores it
                return
            time.sleep(Site.delay)
            self.send(200, art_page(n).encode())
        elif p == "/private/secret.html":
            self.send(200, notice_page("内部通知").encode())
        elif p == "/tzgg/utf8.html":
            self.send(200, notice_page("关于开展2024年度科技型企业入库申报工作的通知").encode())
        elif p == "/tzgg/gbk-meta.html":
            self.send(200, notice_page("关于组织申报专精特新中小企业的通知", "gb2312").encode("gbk"), "text/html")
        elif p == "/tzgg/gbk-header.html":
            self.send(200, notice_page("关于征集首台套重大技术装备项目的通知", meta_charset=False).encode("gb18030"),
                      "text/html; charset=GBK")
        elif p == "/tzgg/broken.html":
            # unclosed paragraphs and list items, stray end tags, unquoted attributes, a table left open
            page = (notice_page("关于开展绿色工厂评价工作的通知").replace("</p>", "").replace("</li>", "")
                    .replace('<div class="content" id="zoom">', '<div class=content id=zoom></span></font><table><tr><td>'))
            self.send(200, page.encode())
        elif p == "/tzgg/etag.html":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send(200, notice_page("关于智能制造标杆企业遴选的通知").encode(), headers={"ETag": '"v1"'})
        elif p == "/tzgg/moved":
            self.send(301, b"", headers={"Location": "/tzgg/utf8.html"})
        elif p == "/loop/a":
            self.send(302, b"", headers={"Location": "/loop/b"})
        elif p == "/loop/b":
            self.send(302, b"", headers={"Location": "/loop/a"})
        elif p == "/missing.html":
            self.send(404, b"<h1>404</h1>")
        elif p == "/error.html":
            self.send(500, b"<h1>500</h1>")
        elif p == "/slow.html":
            time.sleep(4)
            self.send(200, notice_page("慢").encode())
        elif p == "/huge.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(100 << 20))
            self.end_headers()
            block = b"<p>" + "大".encode() * 20000 + b"</p>\n"
            try:
                for _ in range((100 << 20) // len(block) + 1):
                    self.wfile.write(block)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif p == "/hostile/deep.html":
            depth = 200000
            page = "<html><body>" + "<div>" * depth + "关于深层嵌套页面的通知" + "</div>" * depth + "</body></html>"
            self.send(200, page.encode())
        elif p == "/hostile/attr.html":
            page = f'<html><body><div title="{"x" * (20 << 20)}">关于超长属性页面的通知</div></body></html>'
            self.send(200, page.encode())
        elif p == "/hostile/attachments.html":
            links = ('<p>附件：<a href="/files/bomb.docx">炸弹</a> <a href="/files/bad.pdf">损坏的PDF</a>'
                     ' <a href="/files/none.pdf">不存在</a></p>')
            self.send(200, notice_page("关于附件测试的通知", extra_links=links).encode())
        elif p == "/files/guide.pdf":
            self.send(200, PDF, "application/pdf")
        elif p == "/tzgg/files/form.docx":
            self.send(200, DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        elif p == "/files/bomb.docx":
            self.send(200, BOMB, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        elif p == "/files/bad.pdf":
            self.send(200, b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage", "application/pdf")
        else:
            self.send(404, b"not found")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def fetch(db, *args):
    run = subprocess.run([BIN, "fetch", "--db", db, *args], capture_output=True, timeout=120)
    lines = [json.loads(l) for l in run.stdout.decode().splitlines() if l.strip()]
    return run.returncode, lines, run.stderr.decode()


def show(db, key):
    run = subprocess.run([BIN, "show", "--db", db, "-f", "json", str(key)], capture_output=True)
    return json.loads(run.stdout) if run.returncode == 0 else None


def count(db):
    run = subprocess.run([BIN, "stats", "--db", db, "-f", "json"], capture_output=True)
    return json.loads(run.stdout)["notices"]


def crawl(db, sources, *args, env=None):
    e = dict(os.environ, ZHENGCE_CRAWL_DELAY_SCALE="0.01", **(env or {}))
    run = subprocess.run([BIN, "crawl", "--db", db, *args, sources], capture_output=True, timeout=300, env=e)
    lines = [json.loads(l) for l in run.stdout.decode().splitlines() if l.strip()]
    pages = [l for l in lines if "summary" not in l]
    summaries = {l["summary"]["site"]: l["summary"] for l in lines if "summary" in l}
    return run.returncode, pages, summaries, run.stderr.decode()


def art_sources(db):
    """The stored sources under /art/, and how many notices hold them."""
    run = subprocess.run([BIN, "export", "--db", db, "-f", "jsonl"], capture_output=True)
    uris = []
    for line in run.stdout.decode().splitlines():
        n = json.loads(line)
        rec = show(db, n["id"])
        uris += [s["uri"] for s in rec["sources"] if "/art/" in s["uri"]]
    return uris


def test_crawl(base, tmp):
    sources = os.path.join(tmp, "sources.json")
    with open(sources, "w", encoding="utf-8") as f:
        json.dump({"sources": [
            {"id": "fixture", "name": "测试站 通知公告", "list": base + "/list/index.html",
             "pages": base + "/list/index_{n}.html", "first_page": 1, "max_pages": 4,
             "link": "/art/\\d{4}/n\\d+\\.html$|/private/", "delay": 1.0, "official": True},
            {"id": "changed", "name": "改版的站", "list": base + "/other/index.html",
             "link": "/art/\\d{4}/n\\d+\\.html$", "delay": 0.5},
        ]}, f, ensure_ascii=False)
    db = os.path.join(tmp, "crawl.db")
    Site.times = []
    code, pages, summaries, err = crawl(db, sources, "--no-attachments")
    times, Site.times = Site.times, None
    gaps = [b - a for a, b in zip(times, times[1:])]
    # two sites on one host, run by two workers: the host's pace holds for both
    # (delays 1.0 and 0.5 s, scaled by 0.01 here)
    # (arrivals, not departures: a loaded machine may bunch a few)
    paced = sum(1 for g in gaps if g >= 0.004) / max(1, len(gaps))
    check(paced >= 0.9, f"one host, one pace across sites ({paced:.0%} of gaps at least the delay)")
    fx = summaries.get("fixture", {})
    check(fx.get("stored") == 15 and fx.get("failed") == 0, f"15 notices crawled over 3 list pages ({fx}, {err[-300:]})")
    check(fx.get("disallowed") == 1, "robots.txt keeps /private/ out")
    check(Site.counts.get("/private/secret.html", 0) == 0, "a disallowed page is never requested")
    check(Site.counts.get("/art/2024/n13.html") == 2, "a 500 is retried")
    check(fx.get("list_pages") == 4, f"pagination stops at a missing page ({fx.get('list_pages')})")
    ch = summaries.get("changed", {})
    check(ch.get("pages_unmatched") == 1 and ch.get("error"), "a list that no longer matches is reported")
    check(code == 1, f"exit 1 when a site has problems ({code})")
    uris = art_sources(db)
    check(len(uris) == 15 and len(set(uris)) == 15, f"each notice stored once ({len(uris)})")
    run = subprocess.run([BIN, "sources", "status", "--db", db, "-f", "json"], capture_output=True)
    status = {s["site"]: s for s in json.loads(run.stdout)}
    check(status["fixture"]["notices_stored"] == 15 and status["fixture"]["last_success"] is None,
          "sources status: stored count; no success with the failing list page")
    check(status["changed"]["pages_unmatched"] == 1 and "pattern" in status["changed"]["last_error"],
          "sources status names the pattern problem")

    # a second run: the first list page is a 304, nothing is fetched again
    before = {k: v for k, v in Site.counts.items() if k.startswith("/art/")}
    code, pages, summaries, err = crawl(db, sources, "--no-attachments", "--site", "fixture")
    after = {k: v for k, v in Site.counts.items() if k.startswith("/art/")}
    check(summaries["fixture"]["new"] == 0 and before == after, "an unchanged list fetches nothing again")
    check(any(p["outcome"] == "not-modified" for p in pages), "the list page is a 304")

    # kill -9 mid-crawl, then resume: nothing lost, nothing twice
    db2 = os.path.join(tmp, "crawl-kill.db")
    Site.delay = 0.2
    e = dict(os.environ, ZHENGCE_CRAWL_DELAY_SCALE="0.001")
    proc = subprocess.Popen([BIN, "crawl", "--db", db2, "--no-attachments", "--site", "fixture", "-q", sources],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=e)
    for _ in range(600):  # kill as soon as a few notices are in (timing-free)
        time.sleep(0.05)
        try:
            with sqlite3.connect(f"file:{db2}?mode=ro", uri=True, timeout=1) as c:
                n = c.execute("SELECT count(*) FROM sources WHERE uri LIKE '%/art/%'").fetchone()[0]
        except sqlite3.Error:
            n = 0
        if n >= 2:
            break
    proc.kill()
    proc.wait()
    partial = len(art_sources(db2))
    Site.delay = 0.0
    code, pages, summaries, err = crawl(db2, sources, "--no-attachments", "--site", "fixture")
    uris = art_sources(db2)
    check(0 < partial < 15, f"the crawl was killed halfway ({partial} stored)")
    check(len(uris) == 15 and len(set(uris)) == 15, f"resumed: every notice once ({len(uris)}, {len(set(uris))})")
    # the notice being stored when the kill came may have been fetched, not stored: one more at most
    check(15 - partial <= summaries["fixture"]["new"] <= 15 - partial + 1,
          f"the resumed crawl fetched only the rest ({summaries['fixture']['new']} new after {partial})")

    # a walk cut short by --max-notices leaves the rest for the next run
    db3 = os.path.join(tmp, "crawl-max.db")
    code, pages, summaries, err = crawl(db3, sources, "--no-attachments", "--site", "fixture", "--max-notices", "5")
    check(summaries["fixture"]["stored"] == 5, "--max-notices stops at 5")
    code, pages, summaries, err = crawl(db3, sources, "--no-attachments", "--site", "fixture")
    check(summaries["fixture"]["stored"] == 10 and len(set(art_sources(db3))) == 15,
          f"the next run takes the rest, the first list page not a 304 ({summaries['fixture']['stored']} stored)")

    bad = os.path.join(tmp, "bad.json")
    with open(bad, "w") as f:
        json.dump({"sources": [{"id": "x", "list": "ftp://x", "link": "("}]}, f)
    run = subprocess.run([BIN, "sources", "check", bad], capture_output=True)
    check(run.returncode == 2 and b"site x" in run.stderr, "a bad sources file is refused with the site named")


def main():
    srv = Server(("127.0.0.1", 0), Site)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{srv.server_address[1]}"
    tmp = tempfile.mkdtemp(prefix="zc-fetch-test-")
    db = os.path.join(tmp, "f.db")

    # a notice page with its attachments
    code, out, err = fetch(db, "--attachments", base + "/tzgg/utf8.html")
    r = out[0]
    check(code == 0 and r["outcome"] == "stored", f"the page is stored ({code}, {r.get('error')}, {err})")
    check(r["title"] == "关于开展2024年度科技型企业入库申报工作的通知", f"the title from the page's metadata ({r['title']})")
    check(r["encoding"] == "UTF-8", "UTF-8 page")
    rec = show(db, r["notices"][0]["id"])
    text = rec["text"]
    check("为加快培育科技型企业" in text and "逾期不予受理" in text, "the body is kept")
    for chrome in ("网站首页", "当前位置", "分享到", "相关文章", "关于举办培训班的通知", "版权所有", "ICP", "统计代码", "浏览次数"):
        check(chrome not in text, f"page chrome dropped: {chrome}")
    check(rec["title"] == r["title"], "the stored title")
    check(rec["doc_number"] == "某科发〔2024〕21号", f"the 文号 from the page's fields ({rec['doc_number']})")
    check(rec["issued_on"] == "2024-04-28", f"the date ({rec['issued_on']})")
    check(rec["deadline"] == "2024-06-14", f"the deadline ({rec['deadline']})")
    check("0871-65123456" in rec["phones"], "the phone")
    src = rec["sources"][0]
    check(src["uri"] == base + "/tzgg/utf8.html", "the source is the URL")
    atts = {a["name"]: a for a in r["attachments"]}
    check(set(atts) == {"申报指南", "申报书模板"}, f"both attachments found ({list(atts)})")
    guide = atts.get("申报指南", {})
    check(guide.get("outcome") == "stored" and guide.get("kind") == "pdf", f"the PDF attachment is stored ({guide.get('error')})")
    if guide.get("notices"):
        g = show(db, guide["notices"][0]["id"])
        check("申报截止时间" in g["text"] and g["category"] == "附件", "the PDF's text, as an attachment")
        check(g["sources"][0]["uri"] == base + "/files/guide.pdf", "the attachment's URL is its source")
    form = atts.get("申报书模板", {})
    check(form.get("outcome") == "stored" and form.get("kind") == "docx", f"the DOCX attachment is stored ({form.get('error')})")
    if form.get("notices"):
        f = show(db, form["notices"][0]["id"])
        check("统一社会信用代码" in f["text"], "the DOCX's text")
    check(any(k.startswith("ua:zhengce/") for k in Site.counts), "an honest User-Agent")

    # encodings
    code, out, _ = fetch(db, base + "/tzgg/gbk-meta.html", base + "/tzgg/gbk-header.html", base + "/tzgg/broken.html")
    check([o["outcome"] for o in out] == ["stored"] * 3, f"GBK pages and broken HTML are stored ({[o.get('error') for o in out]})")
    check(out[0]["title"] == "关于组织申报专精特新中小企业的通知" and out[0]["encoding"] == "GB18030", "GB2312 declared in a <meta>")
    check(out[1]["title"] == "关于征集首台套重大技术装备项目的通知" and out[1]["encoding"] == "GB18030", "GBK declared in the header")
    broken = show(db, out[2]["notices"][0]["id"])
    check("逾期不予受理" in broken["text"] and "版权所有" not in broken["text"], "broken HTML: content found, chrome dropped")

    # conditional requests
    fetch(db, base + "/tzgg/etag.html")
    code, out, _ = fetch(db, base + "/tzgg/etag.html")
    check(code == 0 and out[0]["outcome"] == "not-modified" and out[0]["http_status"] == 304, "an unchanged page is a 304")
    code, out, _ = fetch(db, "--force", base + "/tzgg/etag.html")
    check(out[0]["outcome"] == "stored" and out[0]["notices"][0]["status"] == "unchanged", "--force fetches again")

    # redirects, errors, limits: each fails alone
    before = count(db)
    code, out, err = fetch(db, "--timeout", "2", base + "/tzgg/moved", base + "/loop/a", base + "/missing.html",
                           base + "/error.html", base + "/slow.html", base + "/huge.html", "ftp://127.0.0.1/x",
                           base + "/hostile/deep.html", base + "/hostile/attr.html")
    res = {o["url"].replace(base, ""): o for o in out}
    check(code == 1, f"exit 1 when some URLs fail ({code})")
    check(res["/tzgg/moved"]["outcome"] == "stored" and res["/tzgg/moved"]["final_url"] == base + "/tzgg/utf8.html",
          "a redirect is followed")
    check(res["/loop/a"]["outcome"] == "failed" and "redirect" in res["/loop/a"]["error"].lower(), "a redirect loop fails")
    check(res["/missing.html"]["error"] == "HTTP 404" and res["/error.html"]["error"] == "HTTP 500", "404 and 500 fail")
    check(res["/slow.html"]["outcome"] == "failed" and "time" in res["/slow.html"]["error"].lower(), "a stalled answer times out")
    check(res["/huge.html"]["outcome"] == "failed" and "larger" in res["/huge.html"]["error"], "a 100 MB answer is refused")
    check(res["ftp://127.0.0.1/x"]["outcome"] == "failed", "only http and https")
    for h in ("/hostile/deep.html", "/hostile/attr.html"):
        check(res[h]["outcome"] in ("stored", "failed"), f"{h}: an outcome, no crash")
    check(count(db) >= before, "nothing stored is lost")

    # hostile attachments: each fails alone, the page is stored
    code, out, _ = fetch(db, "--attachments", base + "/hostile/attachments.html")
    r = out[0]
    atts = {a["name"]: a for a in r["attachments"]}
    check(r["outcome"] == "stored", "a page with bad attachments is stored")
    check(atts["炸弹"]["outcome"] == "failed" and "64 MiB" in atts["炸弹"]["error"], f"a zip bomb is refused ({atts['炸弹'].get('error')})")
    check(atts["损坏的PDF"]["outcome"] == "failed" and "PDF" in atts["损坏的PDF"]["error"], "a damaged PDF fails alone")
    check(atts["不存在"]["outcome"] == "failed" and atts["不存在"]["error"] == "HTTP 404", "a missing attachment fails alone")

    code, out, err = fetch(db)
    check(code == 2, "fetch without a URL is a usage error")

    test_crawl(base, tmp)
    srv.shutdown()
    print(f"{checks - failures}/{checks} checks passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
