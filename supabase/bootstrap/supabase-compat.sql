-- Supabase-compatible bootstrap for databases that are not Supabase (PGlite, plain PostgreSQL).
-- Creates what a Supabase project provides before our migrations run: the API roles, the
-- `auth` schema with `auth.users`, and `auth.uid()`, `auth.jwt()`, `auth.role()` reading
-- `request.jwt.claims` exactly as Supabase does. The migration runner skips this file where
-- `auth.users` already exists, so on Supabase its own auth stays untouched.

-- ---------------------------------------------------------------------------------------------
-- Roles (cluster-wide on a server: create only when missing)
-- ---------------------------------------------------------------------------------------------
do $$
begin
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

-- The connecting role must be able to switch into the API roles, as Supabase's `postgres` can.
do $$
begin
  execute format('grant anon, authenticated, service_role to %I', current_user);
end
$$;

-- Supabase's own default privileges: the API roles get every privilege on new objects in
-- `public`. Emulated here so our migrations are tested against what Supabase really does.
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;

create schema if not exists extensions;
grant usage on schema extensions to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- auth schema: the subset of Supabase's that our schema and policies rely on
-- ---------------------------------------------------------------------------------------------
create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

create table auth.users (
  id uuid primary key default gen_random_uuid(),
  email text unique,
  raw_user_meta_data jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_sign_in_at timestamptz
);
comment on table auth.users is 'Accounts; mirrors the columns of Supabase''s auth.users that Zeitspende uses.';

create function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

create function auth.uid() returns uuid
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create function auth.role() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

grant execute on function auth.jwt(), auth.uid(), auth.role() to anon, authenticated, service_role;
