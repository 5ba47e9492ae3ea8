-- Demo SIMPEG, shape A ("position tree"): employees keyed by nip_baru, rank and
-- position on the employee row, positions in a tree (jabatan.id_bos), codes of
-- its own for position kinds and environments. Built from the staging tables.
CREATE TABLE instansi (
  kode VARCHAR(32) PRIMARY KEY, nama VARCHAR(255) NOT NULL, lingkungan VARCHAR(8) NOT NULL,
  ppk_jabatan VARCHAR(255) NOT NULL, ppk_nama VARCHAR(255) NOT NULL, zona_waktu VARCHAR(64) NOT NULL);
CREATE TABLE unor (
  id INT AUTO_INCREMENT PRIMARY KEY, kode VARCHAR(64) NOT NULL UNIQUE, nama VARCHAR(255) NOT NULL,
  kode_instansi VARCHAR(32) NOT NULL);
CREATE TABLE jabatan (
  id INT AUTO_INCREMENT PRIMARY KEY, nama VARCHAR(255) NOT NULL, jenis VARCHAR(8) NOT NULL,
  id_bos INT NULL, id_unor INT NOT NULL, KEY (id_bos));
CREATE TABLE pegawai (
  nip_baru CHAR(18) PRIMARY KEY, nama VARCHAR(255) NOT NULL, status_kepegawaian VARCHAR(8) NOT NULL,
  gol_ruang VARCHAR(8) NOT NULL, id_jabatan INT NULL,
  -- SIASN's person id (pnsOrangId); the demo's are derived from the NIP.
  pns_id VARCHAR(64) NULL,
  -- The employee's e-mail address (for notifications); the demo's are made
  -- from the NIP and the agency.
  email VARCHAR(255) NULL, KEY (id_jabatan));

INSERT INTO instansi
SELECT agency_code, name,
       CASE environment WHEN 'PUSAT' THEN 'P' WHEN 'PROVINSI' THEN 'D1' WHEN 'KABUPATEN_KOTA' THEN 'D2'
                        WHEN 'PERWAKILAN_LUAR_NEGERI' THEN 'LN' END,
       ppk_title, ppk_name, time_zone
FROM demo_agencies;

INSERT INTO unor (kode, nama, kode_instansi)
SELECT unit_code, MAX(unit_name), MAX(agency_code) FROM demo_personnel GROUP BY unit_code ORDER BY unit_code;

-- One position per employee, in NIP order.
CREATE TEMPORARY TABLE pos_of (nip CHAR(18) PRIMARY KEY, pos_id INT AUTO_INCREMENT UNIQUE);
INSERT INTO pos_of (nip) SELECT nip FROM demo_personnel ORDER BY nip;
INSERT INTO jabatan (id, nama, jenis, id_bos, id_unor)
SELECT po.pos_id, d.position_title,
       CASE d.position_kind
         WHEN 'JPT_UTAMA' THEN 'JPTU' WHEN 'JPT_MADYA' THEN 'JPTM' WHEN 'JPT_PRATAMA' THEN 'JPTP'
         WHEN 'ADMINISTRATOR' THEN 'ADM' WHEN 'PENGAWAS' THEN 'PGW' WHEN 'PELAKSANA' THEN 'PLK'
         WHEN 'FUNGSIONAL_AHLI_UTAMA' THEN 'FAU' WHEN 'FUNGSIONAL_AHLI_MADYA' THEN 'FAMD'
         WHEN 'FUNGSIONAL_AHLI_MUDA' THEN 'FAMU' WHEN 'FUNGSIONAL_AHLI_PERTAMA' THEN 'FAP'
         WHEN 'FUNGSIONAL_KETERAMPILAN' THEN 'FT' END,
       NULL, u.id
FROM demo_personnel d JOIN pos_of po ON po.nip = d.nip JOIN unor u ON u.kode = d.unit_code;
CREATE TEMPORARY TABLE pos_of2 AS SELECT * FROM pos_of;
UPDATE jabatan j
  JOIN pos_of po ON po.pos_id = j.id
  JOIN demo_personnel d ON d.nip = po.nip
  JOIN pos_of2 sup ON sup.nip = d.superior_nip
SET j.id_bos = sup.pos_id;

INSERT INTO pegawai
SELECT d.nip, d.name, d.employee_type, d.rank_code, po.pos_id,
       CONCAT_WS('-', SUBSTR(MD5(d.nip), 1, 8), SUBSTR(MD5(d.nip), 9, 4), SUBSTR(MD5(d.nip), 13, 4),
                 SUBSTR(MD5(d.nip), 17, 4), SUBSTR(MD5(d.nip), 21, 12)),
       CONCAT(d.nip, '@', LOWER(d.agency_code), '.example.go.id')
FROM demo_personnel d JOIN pos_of po ON po.nip = d.nip;

DROP TABLE demo_personnel;
DROP TABLE demo_agencies;
