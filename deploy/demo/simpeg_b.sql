-- Demo SIMPEG, shape B ("unit head with history"): employees keyed by an
-- internal id with the NIP stored in display form (with spaces), rank and
-- position in riwayat_* history tables by TMT (an older row and the current
-- one), units in a tree whose head is unit_organisasi.pemimpin_pegawai_id,
-- numeric codes. Built from the staging tables.
CREATE TABLE ref_instansi (
  id INT AUTO_INCREMENT PRIMARY KEY, kode_instansi VARCHAR(32) NOT NULL UNIQUE, nama_instansi VARCHAR(255) NOT NULL,
  jenis_instansi TINYINT NOT NULL, ppk_jabatan VARCHAR(255) NOT NULL, ppk_nama VARCHAR(255) NOT NULL,
  zona VARCHAR(64) NOT NULL);
CREATE TABLE unit_organisasi (
  id INT AUTO_INCREMENT PRIMARY KEY, kode_unor VARCHAR(64) NOT NULL UNIQUE, nama_unor VARCHAR(255) NOT NULL,
  induk_id INT NULL, instansi_id INT NOT NULL, pemimpin_pegawai_id INT NULL);
CREATE TABLE pegawai (
  id INT AUTO_INCREMENT PRIMARY KEY, nip VARCHAR(24) NOT NULL, nama VARCHAR(255) NOT NULL,
  jenis_pegawai TINYINT NOT NULL, KEY (nip));
CREATE TABLE riwayat_pangkat (
  id INT AUTO_INCREMENT PRIMARY KEY, pegawai_id INT NOT NULL, golongan VARCHAR(8) NOT NULL,
  tmt_golongan DATE NOT NULL, KEY (pegawai_id, tmt_golongan));
CREATE TABLE riwayat_jabatan (
  id INT AUTO_INCREMENT PRIMARY KEY, pegawai_id INT NOT NULL, unor_id INT NOT NULL,
  nama_jabatan VARCHAR(255) NOT NULL, id_jenis_jabatan INT NOT NULL, tmt_jabatan DATE NOT NULL,
  KEY (pegawai_id, tmt_jabatan));

INSERT INTO ref_instansi (kode_instansi, nama_instansi, jenis_instansi, ppk_jabatan, ppk_nama, zona)
SELECT agency_code, name,
       CASE environment WHEN 'PUSAT' THEN 1 WHEN 'PROVINSI' THEN 2 WHEN 'KABUPATEN_KOTA' THEN 3
                        WHEN 'PERWAKILAN_LUAR_NEGERI' THEN 4 END,
       ppk_title, ppk_name, time_zone
FROM demo_agencies ORDER BY agency_code;

INSERT INTO pegawai (nip, nama, jenis_pegawai)
SELECT CONCAT(SUBSTR(nip, 1, 8), ' ', SUBSTR(nip, 9, 6), ' ', SUBSTR(nip, 15, 1), ' ', SUBSTR(nip, 16, 3)), name,
       CASE employee_type WHEN 'PNS' THEN 1 WHEN 'CPNS' THEN 2 WHEN 'PPPK' THEN 3 END
FROM demo_personnel ORDER BY name;

-- Units: the head is the structural member whose superior sits outside the
-- unit; the parent is the unit of the superior of a member whose superior
-- sits outside it.
CREATE TEMPORARY TABLE unit_calc AS
SELECT d.unit_code,
       MAX(d.unit_name) AS unit_name,
       MAX(d.agency_code) AS agency_code,
       MAX(CASE WHEN d.position_kind IN ('JPT_UTAMA', 'JPT_MADYA', 'JPT_PRATAMA', 'ADMINISTRATOR', 'PENGAWAS')
                 AND (s.unit_code IS NULL OR s.unit_code <> d.unit_code) THEN d.nip END) AS head_nip,
       MAX(CASE WHEN s.unit_code <> d.unit_code THEN s.unit_code END) AS parent_code
FROM demo_personnel d LEFT JOIN demo_personnel s ON s.nip = d.superior_nip
GROUP BY d.unit_code;
INSERT INTO unit_organisasi (kode_unor, nama_unor, instansi_id)
SELECT c.unit_code, c.unit_name, i.id FROM unit_calc c JOIN ref_instansi i ON i.kode_instansi = c.agency_code
ORDER BY c.unit_code;
CREATE TEMPORARY TABLE unit_ids AS SELECT id, kode_unor FROM unit_organisasi;
UPDATE unit_organisasi u
  JOIN unit_calc c ON c.unit_code = u.kode_unor
  LEFT JOIN unit_ids parent ON parent.kode_unor = c.parent_code
  LEFT JOIN pegawai h ON REPLACE(h.nip, ' ', '') = c.head_nip
SET u.induk_id = parent.id, u.pemimpin_pegawai_id = h.id;

-- History: an older rank and post, then the current ones.
INSERT INTO riwayat_pangkat (pegawai_id, golongan, tmt_golongan)
SELECT p.id, CASE WHEN d.employee_type = 'PPPK' THEN d.rank_code ELSE 'II/a' END, '2012-04-01'
FROM demo_personnel d JOIN pegawai p ON REPLACE(p.nip, ' ', '') = d.nip;
INSERT INTO riwayat_pangkat (pegawai_id, golongan, tmt_golongan)
SELECT p.id, d.rank_code, '2024-04-01'
FROM demo_personnel d JOIN pegawai p ON REPLACE(p.nip, ' ', '') = d.nip;
INSERT INTO riwayat_jabatan (pegawai_id, unor_id, nama_jabatan, id_jenis_jabatan, tmt_jabatan)
SELECT p.id, u.id, 'Pelaksana (jabatan lama)', 40, '2013-01-02'
FROM demo_personnel d JOIN pegawai p ON REPLACE(p.nip, ' ', '') = d.nip JOIN unit_organisasi u ON u.kode_unor = d.unit_code;
INSERT INTO riwayat_jabatan (pegawai_id, unor_id, nama_jabatan, id_jenis_jabatan, tmt_jabatan)
SELECT p.id, u.id, d.position_title,
       CASE d.position_kind
         WHEN 'JPT_UTAMA' THEN 11 WHEN 'JPT_MADYA' THEN 12 WHEN 'JPT_PRATAMA' THEN 13
         WHEN 'ADMINISTRATOR' THEN 21 WHEN 'PENGAWAS' THEN 22 WHEN 'PELAKSANA' THEN 40
         WHEN 'FUNGSIONAL_AHLI_UTAMA' THEN 31 WHEN 'FUNGSIONAL_AHLI_MADYA' THEN 32
         WHEN 'FUNGSIONAL_AHLI_MUDA' THEN 33 WHEN 'FUNGSIONAL_AHLI_PERTAMA' THEN 34
         WHEN 'FUNGSIONAL_KETERAMPILAN' THEN 35 END,
       '2023-07-03'
FROM demo_personnel d JOIN pegawai p ON REPLACE(p.nip, ' ', '') = d.nip JOIN unit_organisasi u ON u.kode_unor = d.unit_code;

DROP TABLE demo_personnel;
DROP TABLE demo_agencies;
