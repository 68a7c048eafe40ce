#!/usr/bin/env python3
"""crawl-site.py: the fixture site of bench/crawl-bench.sh, on loopback.

SITES sites of NOTICES notices each, under /s{k}/: list pages of 50 links
(/s{k}/list/index.html, index_1.html …) and notice pages in the shape of a
government CMS page (navigation, breadcrumbs, an article with 发布时间 and
文号, a footer), each different, about 6 KB of HTML. Pages are made once,
at start, and served from memory, so the server costs little next to the
crawler. Prints the port, then serves until killed.

usage: crawl-site.py SITES NOTICES
"""
import http.server
import random
import socketserver
import sys

SITES, NOTICES, PER_LIST = int(sys.argv[1]), int(sys.argv[2]), 50
rng = random.Random(7)
WORDS = ["高新技术企业", "专精特新", "智能制造", "绿色工厂", "科技型中小企业", "首台套", "工业互联网",
         "数字化转型", "技术改造", "研发费用", "知识产权", "孵化器", "众创空间", "产学研", "创新平台"]
PLACES = ["北京市", "上海市", "广东省", "浙江省", "江苏省", "四川省", "湖北省", "陕西省", "云南省", "河北省"]


def notice(site, n):
    w = rng.sample(WORDS, 3)
    place = PLACES[(site + n) % len(PLACES)]
    month, day = 1 + n % 12, 1 + n % 28
    title = f"{place}关于开展2024年度{w[0]}{w[1]}申报工作的通知（第{site}-{n}号）"
    paras = "".join(
        f"<p>{rng.choice(WORDS)}是推动{rng.choice(WORDS)}的重要抓手，各地要结合实际，认真组织{rng.choice(WORDS)}"
        f"相关工作，做好政策宣传和服务保障，第{i}项要求请各单位认真落实。</p>" for i in range(12))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_通知公告</title>
<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="2024-{month:02d}-{day:02d}"></head><body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; 通知公告</div>
<div class="article"><h1>{title}</h1><div class="info">发布时间：2024-{month:02d}-{day:02d}　文号：某发〔2024〕{site * 10000 + n}号</div>
<div class="content"><p>各有关单位：</p><p>为推进{w[2]}工作，现将有关事项通知如下。</p>{paras}
<p>申报截止时间为2024年{month}月{day}日。联系电话：010-6{site:03d}{n:04d}</p><p>{place}科学技术厅</p><p>2024年{month}月{day}日</p></div></div>
<div class="footer">版权所有 网站标识码 ICP备案</div></body></html>""".encode()


def list_page(site, page):
    first = page * PER_LIST
    links = "".join(f'<li><a href="/s{site}/art/{n}.html">通知{n}</a></li>'
                    for n in range(first, min(first + PER_LIST, NOTICES)))
    return f"<html><head><meta charset='utf-8'></head><body><ul>{links}</ul></body></html>".encode()


PAGES = {}
for s in range(SITES):
    for n in range(NOTICES):
        PAGES[f"/s{s}/art/{n}.html"] = notice(s, n)
    for p in range((NOTICES + PER_LIST - 1) // PER_LIST):
        PAGES[f"/s{s}/list/index{'' if p == 0 else f'_{p}'}.html"] = list_page(s, p)
PAGES["/robots.txt"] = b"User-agent: *\nAllow: /\n"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        body = PAGES.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


srv = Server(("127.0.0.1", 0), Handler)
print(srv.server_address[1], flush=True)
srv.serve_forever()
