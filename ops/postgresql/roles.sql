-- One login role per service, each owning a schema of its own named after it and nothing else: PostgreSQL's
-- default search_path ("$user", public) puts each service's tables in its own schema without further setting.
-- Neither may read or write the other's tables, create databases or roles, or create anything in public.
--
--   psql -v ON_ERROR_STOP=1 -v auth_password='…' -v groups_password='…' -d playball -f roles.sql
--
-- The passwords are passed as they are: psql quotes them (:'name'), whatever quotes or backslashes they hold.
-- Other roles of the cluster lose the right every role has by default to connect to the database and to create
-- temporary tables in it (PostgreSQL's superusers keep theirs).
--
-- then give the server AUTH_DB_USER=playball_auth, AUTH_DB_PASSWORD, GROUPS_DB_USER=playball_groups and
-- GROUPS_DB_PASSWORD. Run it again to reset the passwords; it keeps what exists.

SELECT 'CREATE ROLE playball_auth LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'playball_auth')
\gexec
SELECT 'CREATE ROLE playball_groups LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'playball_groups')
\gexec
ALTER ROLE playball_auth WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'auth_password';
ALTER ROLE playball_groups WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'groups_password';

CREATE SCHEMA IF NOT EXISTS playball_auth AUTHORIZATION playball_auth;
CREATE SCHEMA IF NOT EXISTS playball_groups AUTHORIZATION playball_groups;
REVOKE ALL ON SCHEMA playball_auth FROM PUBLIC;
REVOKE ALL ON SCHEMA playball_groups FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SELECT format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database())
\gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO playball_auth, playball_groups', current_database())
\gexec
