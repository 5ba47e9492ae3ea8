-- 0017: the SIASN outbox records how far a record got, so that nothing is
-- posted twice for one punishment, also across a crash between SIASN's
-- hukdis/save and the attachment of the SK (upload-dok-rw):
--   siasn_id             SIASN's rwHukdisId once a save answered; kept when a
--                        remedy puts a new record (it is saved again under
--                        this id, never as a second record)
--   stage                0 the save is due, 1 the SK's attachment is due
--   save_sent            1 while a save of a new record (no siasn_id yet) may
--                        have reached SIASN without its answer: the sender
--                        looks for it in the employee's riwayat before saving
--   nip                  the employee, for that look-up (rw-hukdis/{nip})
--   sk_document_id       the signed SK to attach; sk_dokumen_ref its SIASN
--                        dokumen reference (882)
--   attached_document_id the SK attached last (not attached again on an
--                        update of the same record)
ALTER TABLE siasn_outbox
  ADD COLUMN stage TINYINT NOT NULL DEFAULT 0,
  ADD COLUMN save_sent TINYINT NOT NULL DEFAULT 0,
  ADD COLUMN nip VARCHAR(32) NOT NULL DEFAULT '',
  ADD COLUMN sk_document_id VARCHAR(128) NOT NULL DEFAULT '',
  ADD COLUMN sk_dokumen_ref VARCHAR(16) NOT NULL DEFAULT '',
  ADD COLUMN attached_document_id VARCHAR(128) NOT NULL DEFAULT '';
