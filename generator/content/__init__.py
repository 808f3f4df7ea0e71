"""The site's content as pure functions of the campaigns: pages, menu, citations, calendar,
feed, search, and the Vietnamese conventions they share."""
