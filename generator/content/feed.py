"""The news section's RSS 2.0 feed, read from the blog posts' front matter.

Material's blog plugin writes the news pages but no feed; the common RSS plugin reads git
history and fetches remote images, which an offline build must not do. Posts carry their date,
slug, title, description and categories in front matter, which is all a feed needs.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import yaml

BLOG_DIR = "tin-tuc"
FEED_PATH = f"{BLOG_DIR}/rss.xml"
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_ATOM = "http://www.w3.org/2005/Atom"


def read_posts(docs_dir: Path) -> list[dict[str, Any]]:
    """Published posts, newest first; drafts and posts without a date are left out."""
    posts = []
    for path in sorted((docs_dir / BLOG_DIR / "posts").glob("*.md")):
        match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
        meta = yaml.safe_load(match[1]) if match else None
        if not isinstance(meta, dict) or meta.get("draft") or "date" not in meta:
            continue
        date = meta["date"]
        if isinstance(date, dict):  # Material also accepts {created: ..., updated: ...}
            date = date.get("created")
        if not isinstance(date, dt.date):
            continue
        posts.append({**meta, "date": date, "slug": str(meta.get("slug") or path.stem)})
    return sorted(posts, key=lambda p: (p["date"], p["slug"]), reverse=True)


def rss_feed(posts: list[dict[str, Any]], site_name: str, site_url: str) -> bytes:
    """RSS 2.0 with an atom:link to itself; dates in RFC 822 as the format requires."""
    ET.register_namespace("atom", _ATOM)
    base = site_url.rstrip("/") + "/"
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = f"{site_name}: Tin tức"
    ET.SubElement(channel, "link").text = f"{base}{BLOG_DIR}/"
    ET.SubElement(channel, "description").text = f"Tin tức của {site_name}"
    ET.SubElement(channel, "language").text = "vi"
    ET.SubElement(channel, f"{{{_ATOM}}}link", href=f"{base}{FEED_PATH}", rel="self",
                  type="application/rss+xml")
    if posts:
        ET.SubElement(channel, "lastBuildDate").text = _rfc822(posts[0]["date"])
    for post in posts:
        item = ET.SubElement(channel, "item")
        url = f"{base}{BLOG_DIR}/{post['slug']}/"
        ET.SubElement(item, "title").text = str(post.get("title") or post["slug"])
        ET.SubElement(item, "link").text = url
        ET.SubElement(item, "guid", isPermaLink="true").text = url
        ET.SubElement(item, "pubDate").text = _rfc822(post["date"])
        if post.get("description"):
            ET.SubElement(item, "description").text = str(post["description"])
        for category in post.get("categories") or []:
            ET.SubElement(item, "category").text = str(category)
    return bytes(ET.tostring(rss, encoding="utf-8", xml_declaration=True))


def _rfc822(day: dt.date) -> str:
    moment = day if isinstance(day, dt.datetime) else dt.datetime.combine(day, dt.time())
    return format_datetime(moment.replace(tzinfo=moment.tzinfo or dt.UTC))
