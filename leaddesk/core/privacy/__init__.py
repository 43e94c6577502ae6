"""Data protection (DSGVO/GDPR): erase a person for good, answer an access request, suppress
erased people in imports, propose leads due for erasure, and keep an audit log.

* :mod:`.erase` — Art. 17 erasure with an anonymous skeleton, and re-applying it after a restore;
* :mod:`.suppression` — salted hashes of erased / "do not contact" people, checked on entry;
* :mod:`.access` — Art. 15: everything held about one person as plain data (JSON);
* :mod:`.retention` — leads due for erasure under the retention settings;
* :mod:`.audit` — append-only log with masked names.
"""
