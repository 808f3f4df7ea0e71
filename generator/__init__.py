"""Campaign site generator: campaign YAML in; site pages, slogans and posters out."""

__version__ = "0.1.0"
