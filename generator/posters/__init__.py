"""Print-ready posters, banners and screen images rendered from a campaign's slogans."""

# Part of every poster's content hash: bump when the drawing changes, so caches redraw.
RENDERER_VERSION = "6"
