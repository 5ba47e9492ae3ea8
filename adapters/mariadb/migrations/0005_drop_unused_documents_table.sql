-- 0005: the documents table of 0001 was never written. A document's
-- metadata and SHA-256 live with its bytes in the document store (a sidecar
-- next to the file, locally or on WebDAV), and every change that cites a
-- document records its id and SHA-256 in its audit event: a second copy in
-- the database would only be a second truth to keep in step.
REVOKE SELECT, INSERT ON documents FROM discipline_service;
DROP TABLE documents;
