"""Campaign files in, the validated model out: sources, checks, Vietnamese messages."""
