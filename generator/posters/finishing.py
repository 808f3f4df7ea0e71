"""Finishing a banner or panel: a hem folded back and sewn round the edge, and grommets (khoen)
through it to hang it by.

The hem is part of the trimmed size but is not seen once sewn, so text and the QR code keep
clear of it (layout.safe_margin_px); grommets sit in the middle of the hem, at both ends of
each edge and at most ``grommet_spacing_mm`` apart.
"""

from __future__ import annotations

import dataclasses
import math

from generator.campaign.model import PosterSettings
from generator.posters.formats import PosterFormat


def finished(fmt: PosterFormat, settings: PosterSettings) -> PosterFormat:
    """The format with the campaign's hem and grommet spacing when it is a large format."""
    if not fmt.is_large:
        return fmt
    return dataclasses.replace(fmt, hem_mm=settings.hem_mm,
                               grommet_spacing_mm=settings.grommet_spacing_mm)


def grommets(fmt: PosterFormat) -> list[tuple[float, float]]:
    """Grommet centres in mm from the trim's lower left corner, corners included, evenly
    spaced along each edge."""
    if not fmt.is_large or fmt.grommet_spacing_mm <= 0:
        return []
    inset = max(fmt.hem_mm / 2, 10.0)
    x0, y0, x1, y1 = inset, inset, fmt.width_mm - inset, fmt.height_mm - inset
    points: dict[tuple[float, float], None] = {}
    for (ax, ay), (bx, by) in (((x0, y0), (x1, y0)), ((x0, y1), (x1, y1)),
                               ((x0, y0), (x0, y1)), ((x1, y0), (x1, y1))):
        length = math.hypot(bx - ax, by - ay)
        steps = max(1, math.ceil(length / fmt.grommet_spacing_mm - 1e-9))
        for i in range(steps + 1):
            points[(round(ax + (bx - ax) * i / steps, 2),
                    round(ay + (by - ay) * i / steps, 2))] = None
    return list(points)
