"""Print-ready posters, banners and screen images rendered from a campaign's slogans, and the
campaign's leaflet, handbook and print pack."""

import logging

# Part of every poster's content hash: bump when the drawing changes, so caches redraw.
RENDERER_VERSION = "6"

# pikepdf says at import, at INFO, that it logs: a line in every build's output otherwise.
logging.getLogger("pikepdf._core").setLevel(logging.WARNING)
