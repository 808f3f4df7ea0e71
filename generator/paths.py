"""Where the generated pages and files live in the docs tree: one place for every path, so
that pages, menu and cached output agree."""

from __future__ import annotations

from dataclasses import dataclass

HOME = "index.md"
# A poster's thumbnail (the gallery's picture): WebP, which Lighthouse asks of a gallery.
THUMBNAIL_SUFFIX = ".webp"
# Top-level folders of the site that are not campaigns: the news (blog), search, theme assets,
# stylesheets, posters, the guide. A campaign with one of these ids would replace them.
RESERVED_IDS = frozenset({"assets", "search", "posters", "tin-tuc", "stylesheets",
                          "javascripts", "huong-dan", "pagefind", "404"})


# The project's folder of the reports collected from the units (beside campaigns/).
REPORTS_DIR = "reports"

# Under a campaign: the units' pages, and each unit's posters under the campaign's posters.
UNITS_FOLDER = "don-vi"


@dataclass(frozen=True)
class CampaignPaths:
    """Where each page of one campaign lives in the docs tree."""

    campaign_id: str

    def _at(self, name: str) -> str:
        return f"{self.campaign_id}/{name}"

    @property
    def overview(self) -> str:
        return self._at("index.md")

    @property
    def full_text(self) -> str:
        """The document itself, one link from the citizens' overview."""
        return self._at("toan-van.md")

    @property
    def topics(self) -> str:
        return self._at("noi-dung.md")

    @property
    def forms(self) -> str:
        return self._at("hinh-thuc.md")

    @property
    def agencies(self) -> str:
        return self._at("trach-nhiem/index.md")

    def agency(self, agency_id: str) -> str:
        return self._at(f"trach-nhiem/{agency_id}.md")

    @property
    def units(self) -> str:
        return self._at(f"{UNITS_FOLDER}/index.md")

    def unit(self, unit_id: str) -> str:
        return self._at(f"{UNITS_FOLDER}/{unit_id}.md")

    @property
    def documents(self) -> str:
        return self._at("van-ban.md")

    @property
    def slogans(self) -> str:
        return self._at("khau-hieu.md")

    @property
    def gallery(self) -> str:
        return self._at("an-pham.md")

    @property
    def indices(self) -> str:
        return self._at("chi-so.md")

    @property
    def calendar(self) -> str:
        return self._at("lich-bao-cao.ics")

    @property
    def broadcast(self) -> str:
        """The loudspeaker pack's page: the reads, their audio and when to broadcast."""
        return self._at("phat-thanh.md")

    def broadcast_file(self, suffix: str) -> str:
        """A file of the loudspeaker pack: '<id>/phat-thanh/<id>-phat-thanh-1.txt'."""
        return self._at(f"phat-thanh/{self.campaign_id}-phat-thanh{suffix}")

    @property
    def messages(self) -> str:
        """The message pack's page: posts for chat apps and social pages, the SMS."""
        return self._at("tin-nhan.md")

    def message_file(self, name: str) -> str:
        """A file of the message pack: '<id>/tin-nhan/<id>-bai-dang-chien-dich.txt'."""
        return self._at(f"tin-nhan/{self.campaign_id}-{name}.txt")

    def cover(self, suffix: str) -> str:
        """The cover picture, 'bia.png' beside the overview."""
        return self._at(f"bia{suffix}")

    def poster(self, name: str) -> str:
        return f"posters/{self.campaign_id}/{name}"

    def pack(self, unit_id: str | None = None) -> str:
        """The print pack's name under the campaign's posters: the campaign's, or a unit's."""
        if unit_id is None:
            return f"{self.campaign_id}-goi-in.zip"
        return f"{unit_posters(unit_id)}/{self.campaign_id}-{unit_id}-goi-in.zip"


def unit_posters(unit_id: str) -> str:
    """The folder of a unit's posters under its campaign's posters."""
    return f"{UNITS_FOLDER}/{unit_id}"


def unit_page_url(campaign_url: str, unit_id: str) -> str:
    """A unit's page under its campaign's address (the site uses directory URLs)."""
    return f"{campaign_url.rstrip('/')}/{UNITS_FOLDER}/{unit_id}/"
