"""Builds: the project read once, one cache, the generated site content, the output swap."""
