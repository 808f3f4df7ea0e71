"""The reporting loop: the periods a campaign reports on, what units count, their returned
workbooks collected into a plain-text store, the figures added up, and the draft report.

The core (``periods``, ``reporters``, ``indicators``, ``store``, ``progress``) needs only the
campaign model; the readers and writers of workbooks and Word files import openpyxl and
python-docx when they run (the ``report`` extra).
"""
