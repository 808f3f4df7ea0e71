"""``campaign studio``: a local web application in which a communicator imports a document,
checks and corrects what the generator understood, builds and publishes, without a terminal.

It only translates and calls: what it shows of a campaign is read by the campaign loader,
what it writes is the campaign's own Markdown (``edits``) kept with its previous versions
(``history``), and it builds and imports by running the ``campaign`` command (``jobs``).
"""
