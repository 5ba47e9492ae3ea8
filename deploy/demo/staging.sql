-- Staging for the demo SIMPEG schemas: the fixtures' canonical rows, loaded by
-- deploy/seed_demo.sh with LOAD DATA LOCAL INFILE. Each schema then builds its
-- own tables from these and drops them.
CREATE TABLE demo_personnel (
  nip CHAR(18) PRIMARY KEY, name VARCHAR(255), employee_type VARCHAR(8), rank_code VARCHAR(8),
  position_kind VARCHAR(32), position_title VARCHAR(255), unit_code VARCHAR(64), unit_name VARCHAR(255),
  agency_code VARCHAR(32), environment VARCHAR(32), superior_nip VARCHAR(18));
CREATE TABLE demo_agencies (
  agency_code VARCHAR(32) PRIMARY KEY, name VARCHAR(255), environment VARCHAR(32), ppk_title VARCHAR(255),
  ppk_name VARCHAR(255), time_zone VARCHAR(64));
