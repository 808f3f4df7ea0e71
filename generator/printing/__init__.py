"""Print documents of a campaign: the leaflet, the handbook, the units' tickets and the print
pack a print shop runs as is, laid out over the posters' drawing."""
