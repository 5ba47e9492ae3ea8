-- Demo SIMPEG in PostgreSQL: shape A ("position tree", as simpeg_a.sql) in
-- PostgreSQL's dialect, with the riwayat hukuman disiplin the mapping reads
-- as prior punishments. Built from the staging tables (staging.sql) by
-- deploy/lib/postgres.sh pg_seed_demo.
CREATE TABLE instansi (
  kode VARCHAR(32) PRIMARY KEY, nama VARCHAR(255) NOT NULL, lingkungan VARCHAR(8) NOT NULL,
  ppk_jabatan VARCHAR(255) NOT NULL, ppk_nama VARCHAR(255) NOT NULL, zona_waktu VARCHAR(64) NOT NULL);
CREATE TABLE unor (
  id SERIAL PRIMARY KEY, kode VARCHAR(64) NOT NULL UNIQUE, nama VARCHAR(255) NOT NULL,
  kode_instansi VARCHAR(32) NOT NULL);
CREATE TABLE jabatan (
  id INTEGER PRIMARY KEY, nama VARCHAR(255) NOT NULL, jenis VARCHAR(8) NOT NULL,
  id_bos INTEGER NULL, id_unor INTEGER NOT NULL);
CREATE INDEX ON jabatan (id_bos);
CREATE TABLE pegawai (
  nip_baru CHAR(18) PRIMARY KEY, nama VARCHAR(255) NOT NULL, status_kepegawaian VARCHAR(8) NOT NULL,
  gol_ruang VARCHAR(8) NOT NULL, id_jabatan INTEGER NULL, pns_id VARCHAR(64) NULL, email VARCHAR(255) NULL);
CREATE INDEX ON pegawai (id_jabatan);
-- The riwayat hukuman disiplin: the SIMPEG's own punishment codes, the PP
-- 94/2021 provision (the nature of the violation), the SK.
CREATE TABLE riwayat_hukdis (
  id SERIAL PRIMARY KEY, nip_baru CHAR(18) NOT NULL, jenis_hukuman VARCHAR(16) NOT NULL,
  pasal VARCHAR(32) NULL, nomor_sk VARCHAR(64) NOT NULL, tanggal_sk DATE NOT NULL, tmt_hukuman DATE NULL);
CREATE INDEX ON riwayat_hukdis (nip_baru);

INSERT INTO instansi
SELECT agency_code, name,
       CASE environment WHEN 'PUSAT' THEN 'P' WHEN 'PROVINSI' THEN 'D1' WHEN 'KABUPATEN_KOTA' THEN 'D2'
                        WHEN 'PERWAKILAN_LUAR_NEGERI' THEN 'LN' END,
       ppk_title, ppk_name, time_zone
FROM demo_agencies;

INSERT INTO unor (kode, nama, kode_instansi)
SELECT unit_code, MAX(unit_name), MAX(agency_code) FROM demo_personnel GROUP BY unit_code ORDER BY unit_code;

-- One position per employee, in NIP order.
CREATE TEMPORARY TABLE pos_of AS SELECT nip, CAST(ROW_NUMBER() OVER (ORDER BY nip) AS INTEGER) AS pos_id
FROM demo_personnel;
INSERT INTO jabatan (id, nama, jenis, id_bos, id_unor)
SELECT po.pos_id, d.position_title,
       CASE d.position_kind
         WHEN 'JPT_UTAMA' THEN 'JPTU' WHEN 'JPT_MADYA' THEN 'JPTM' WHEN 'JPT_PRATAMA' THEN 'JPTP'
         WHEN 'ADMINISTRATOR' THEN 'ADM' WHEN 'PENGAWAS' THEN 'PGW' WHEN 'PELAKSANA' THEN 'PLK'
         WHEN 'FUNGSIONAL_AHLI_UTAMA' THEN 'FAU' WHEN 'FUNGSIONAL_AHLI_MADYA' THEN 'FAMD'
         WHEN 'FUNGSIONAL_AHLI_MUDA' THEN 'FAMU' WHEN 'FUNGSIONAL_AHLI_PERTAMA' THEN 'FAP'
         WHEN 'FUNGSIONAL_KETERAMPILAN' THEN 'FT' END,
       sup.pos_id, u.id
FROM demo_personnel d JOIN pos_of po ON po.nip = d.nip JOIN unor u ON u.kode = d.unit_code
LEFT JOIN pos_of sup ON sup.nip = d.superior_nip;

INSERT INTO pegawai
SELECT d.nip, d.name, d.employee_type, d.rank_code, po.pos_id,
       CONCAT_WS('-', SUBSTR(MD5(d.nip), 1, 8), SUBSTR(MD5(d.nip), 9, 4), SUBSTR(MD5(d.nip), 13, 4),
                 SUBSTR(MD5(d.nip), 17, 4), SUBSTR(MD5(d.nip), 21, 12)),
       CONCAT(d.nip, '@', LOWER(d.agency_code), '.example.go.id')
FROM demo_personnel d JOIN pos_of po ON po.nip = d.nip;

-- Andi Saputra's teguran tertulis of 2025 for a violation of PP 94/2021
-- Pasal 3 huruf d (before this service was installed), and a record the
-- mapping cannot read as a PP 94/2021 punishment (an old PP 53/2010 code).
INSERT INTO riwayat_hukdis (nip_baru, jenis_hukuman, pasal, nomor_sk, tanggal_sk, tmt_hukuman) VALUES
  ('199006052015031005', 'HD-TT', 'PP94.3.d', '800/SIMPEG-PG/2025', DATE '2025-06-02', DATE '2025-06-16'),
  ('199006052015031005', 'PP53-X', NULL, '862/LAMA/2012', DATE '2012-03-01', NULL);

DROP TABLE demo_personnel;
DROP TABLE demo_agencies;
