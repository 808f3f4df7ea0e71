"""Print-ready posters, banners and screen images rendered from a campaign's slogans."""
