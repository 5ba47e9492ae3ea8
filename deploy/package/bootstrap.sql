-- asn-discipline: the database, its two accounts and the service role, for
-- the agency's DBA to run once as a MariaDB administrator (10.6 or later):
--
--   sed -e "s/@OWNER_PASSWORD@/$(cat /etc/asn-discipline/owner.pw)/" \
--       -e "s/@SERVICE_PASSWORD@/$(cat /etc/asn-discipline/svc.pw)/" \
--       /usr/share/asn-discipline/bootstrap.sql | mariadb
--
-- The same statements as deploy/lib/mariadb.sh's db_bootstrap (what the
-- demo and the tests run). The server itself applies the schema migrations
-- at start with the owner account and then works with the service account
-- only: the role discipline_service may read and write the case tables but
-- only INSERT and SELECT on audit_events (the service cannot rewrite
-- history). The migrations grant the role its table rights.
--
-- Accounts are @'localhost' (the server reaches MariaDB on its Unix
-- socket). When the database runs on another host, create them for the
-- application host instead (e.g. 'discipline_svc'@'10.1.2.3') and require
-- TLS (ALTER USER ... REQUIRE SSL).
--
-- Galera cluster: run this once, on any one node; CREATE USER, GRANT and
-- CREATE ROLE replicate as DDL (total order isolation) to every node. Every
-- table of the schema is InnoDB with a primary key, as Galera needs. Run
-- each replica of the service with --db_wsrep_sync_wait=1 (reads see every
-- committed write) and its own --instance_name; the background jobs (SIASN
-- sender, escalation) run on one replica at a time under database leases.

CREATE DATABASE IF NOT EXISTS `discipline` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE ROLE IF NOT EXISTS discipline_service;

-- The migration owner: applies migrations (which grant the service role its
-- table rights). Used only at the server's start.
CREATE USER IF NOT EXISTS 'discipline_owner'@'localhost' IDENTIFIED BY '@OWNER_PASSWORD@';
GRANT ALL PRIVILEGES ON `discipline`.* TO 'discipline_owner'@'localhost' WITH GRANT OPTION;
GRANT discipline_service TO 'discipline_owner'@'localhost' WITH ADMIN OPTION;

-- The service account: the role only.
CREATE USER IF NOT EXISTS 'discipline_svc'@'localhost' IDENTIFIED BY '@SERVICE_PASSWORD@';
GRANT discipline_service TO 'discipline_svc'@'localhost';
SET DEFAULT ROLE discipline_service FOR 'discipline_svc'@'localhost';

-- Backups (mariadb-backup, docs/operations.md): an account of its own.
-- CREATE USER IF NOT EXISTS 'discipline_backup'@'localhost' IDENTIFIED BY '...';
-- GRANT RELOAD, PROCESS, LOCK TABLES, BINLOG MONITOR ON *.* TO 'discipline_backup'@'localhost';
