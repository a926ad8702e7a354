-- relprep team schema 1: the records, who made them, who must act on them, and who may
-- change what. Applied by `relprep db upgrade`, inside one transaction with the row in
-- relprep.schema_migrations that records it.
--
-- Each record is kept whole as the JSON the app's codec writes (`record`), so every field
-- round-trips exactly (including a time's UTC offset). The columns the app searches and
-- sorts by are generated from it, so they can never disagree with the record, and indexed.
-- Who created a record and who owns it are set by the database, never taken from the app.

-- The team's group roles (cluster-wide). README "Team" creates them first when the person
-- upgrading may not create roles; then this does nothing.
DO $roles$
BEGIN
    IF to_regrole('relprep_rep') IS NULL THEN
        CREATE ROLE relprep_rep NOLOGIN;
    END IF;
    IF to_regrole('relprep_manager') IS NULL THEN
        CREATE ROLE relprep_manager NOLOGIN IN ROLE relprep_rep;
    END IF;
END
$roles$;

-- The schema relprep and relprep.schema_migrations exist already (relprep.store.postgres.schema).
GRANT USAGE ON SCHEMA relprep TO relprep_rep;
GRANT SELECT ON relprep.schema_migrations TO relprep_rep;

-- ISO 8601 text with an explicit offset (the codec refuses times without one) and ISO dates
-- parse the same under every TimeZone and DateStyle, so these casts are immutable in practice.
CREATE FUNCTION relprep.moment(text) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN $1::timestamptz;

CREATE FUNCTION relprep.day(text) RETURNS date
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN $1::date;

CREATE FUNCTION relprep.is_manager() RETURNS boolean
    LANGUAGE sql STABLE
    RETURN pg_has_role('relprep_manager', 'MEMBER');

CREATE TABLE relprep.customers (
    id          text PRIMARY KEY,
    record      jsonb NOT NULL,
    version     integer NOT NULL CHECK (version > 0),
    created_by  text NOT NULL DEFAULT current_user,
    owner       text NOT NULL DEFAULT current_user
);

CREATE TABLE relprep.debriefs (
    id          text PRIMARY KEY,
    record      jsonb NOT NULL,
    version     integer NOT NULL CHECK (version > 0),
    created_by  text NOT NULL DEFAULT current_user,
    customer_id text NOT NULL GENERATED ALWAYS AS (record ->> 'customer_id') STORED,
    held_at     timestamptz NOT NULL GENERATED ALWAYS AS (relprep.moment(record ->> 'when')) STORED
);
-- a customer's history, oldest first; the newest debriefs right across customers and years
CREATE INDEX debriefs_customer_history ON relprep.debriefs (customer_id, held_at);
CREATE INDEX debriefs_newest ON relprep.debriefs (held_at DESC);

CREATE TABLE relprep.reminders (
    id          text PRIMARY KEY,
    record      jsonb NOT NULL,
    version     integer NOT NULL CHECK (version > 0),
    created_by  text NOT NULL DEFAULT current_user,
    owner       text NOT NULL DEFAULT current_user,
    customer_id text NOT NULL GENERATED ALWAYS AS (record ->> 'customer_id') STORED,
    due         date NOT NULL GENERATED ALWAYS AS (relprep.day(record ->> 'due')) STORED,
    created_at  timestamptz NOT NULL GENERATED ALWAYS AS (relprep.moment(record ->> 'created')) STORED,
    done        boolean NOT NULL GENERATED ALWAYS AS (record ->> 'done_at' IS NOT NULL) STORED,
    debrief_id  text GENERATED ALWAYS AS (record ->> 'debrief_id') STORED
);
-- what is still to do (Today, Reminders), a customer's reminders, a debrief's reminders,
-- one rep's open reminders (mine)
CREATE INDEX reminders_open_by_due ON relprep.reminders (due, created_at) WHERE NOT done;
CREATE INDEX reminders_of_customer ON relprep.reminders (customer_id, due, created_at);
CREATE INDEX reminders_of_debrief ON relprep.reminders (debrief_id) WHERE debrief_id IS NOT NULL;
CREATE INDEX reminders_open_of_owner ON relprep.reminders (owner, due) WHERE NOT done;

CREATE TABLE relprep.preps (
    id          text PRIMARY KEY,
    record      jsonb NOT NULL,
    version     integer NOT NULL CHECK (version > 0),
    created_by  text NOT NULL DEFAULT current_user,
    customer_id text NOT NULL GENERATED ALWAYS AS (record ->> 'customer_id') STORED,
    meeting_at  timestamptz NOT NULL GENERATED ALWAYS AS (relprep.moment(record ->> 'meeting')) STORED
);
CREATE INDEX preps_customer_history ON relprep.preps (customer_id, meeting_at);

-- Unsaved form contents: each rep's own, invisible to the others.
CREATE TABLE relprep.drafts (
    owner   text NOT NULL DEFAULT current_user,
    key     text NOT NULL,
    fields  jsonb NOT NULL,
    PRIMARY KEY (owner, key)
);

-- One counter, raised once by every transaction that changes a record, when it commits; the
-- same moment it is announced on the channel relprep_changes (LISTEN/NOTIFY) for open screens.
CREATE TABLE relprep.changes (
    only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    counter   bigint NOT NULL
);
INSERT INTO relprep.changes (counter) VALUES (0);

-- Identity and versions are the database's to set: created_by is whoever inserted the row
-- (current_user, whatever the client sent) and never changes; a version only goes up, even
-- for an edit made with psql.
CREATE FUNCTION relprep.stamp() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.created_by := current_user;
    ELSE
        NEW.created_by := OLD.created_by;
        IF NEW.version <= OLD.version THEN
            NEW.version := OLD.version + 1;
        END IF;
    END IF;
    RETURN NEW;
END
$$;

-- An owner is an existing role; a customer is handed over by a manager only.
CREATE FUNCTION relprep.check_owner() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.owner IS NOT DISTINCT FROM OLD.owner THEN
        RETURN NEW;
    END IF;
    IF to_regrole(quote_ident(NEW.owner)) IS NULL THEN
        RAISE EXCEPTION 'there is no database role called %', NEW.owner
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'customers' AND NOT relprep.is_manager() THEN
        RAISE EXCEPTION 'only a relprep_manager may hand a customer over'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER check_owner BEFORE INSERT OR UPDATE OF owner ON relprep.customers
    FOR EACH ROW EXECUTE FUNCTION relprep.check_owner();
CREATE TRIGGER check_owner BEFORE INSERT OR UPDATE OF owner ON relprep.reminders
    FOR EACH ROW EXECUTE FUNCTION relprep.check_owner();

-- SECURITY DEFINER: reps may read the counter but not write it.
CREATE FUNCTION relprep.note_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    raised bigint;
BEGIN
    IF current_setting('relprep.change_noted_in', true) IS DISTINCT FROM txid_current()::text THEN
        PERFORM set_config('relprep.change_noted_in', txid_current()::text, true);
        UPDATE relprep.changes SET counter = counter + 1 RETURNING counter INTO raised;
        PERFORM pg_notify('relprep_changes', raised::text);
    END IF;
    RETURN NULL;
END
$$;

DO $tables$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['customers', 'debriefs', 'reminders', 'preps'] LOOP
        EXECUTE format(
            'CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON relprep.%I
                 FOR EACH ROW EXECUTE FUNCTION relprep.stamp()', name);
        EXECUTE format(
            'CREATE CONSTRAINT TRIGGER note_change AFTER INSERT OR UPDATE OR DELETE ON relprep.%I
                 DEFERRABLE INITIALLY DEFERRED
                 FOR EACH ROW EXECUTE FUNCTION relprep.note_change()', name);
        EXECUTE format('ALTER TABLE relprep.%I ENABLE ROW LEVEL SECURITY', name);
        EXECUTE format(
            'GRANT SELECT, INSERT, UPDATE, DELETE ON relprep.%I TO relprep_rep', name);
        -- everyone on the team reads everything
        EXECUTE format(
            'CREATE POLICY team_reads ON relprep.%I FOR SELECT USING (true)', name);
    END LOOP;
END
$tables$;

-- Customers are the team's: any rep adds one (owning it) and updates it (saving a debrief
-- updates its last contact); handing one over is the manager's (relprep.stamp); deleting too.
CREATE POLICY reps_add ON relprep.customers FOR INSERT
    WITH CHECK (owner = current_user OR relprep.is_manager());
CREATE POLICY reps_update ON relprep.customers FOR UPDATE USING (true) WITH CHECK (true);
CREATE POLICY manager_deletes ON relprep.customers FOR DELETE USING (relprep.is_manager());

-- Debriefs and preps: their author's; the manager's too.
DO $authored$
DECLARE
    name text;
    mine constant text := '(created_by = current_user OR relprep.is_manager())';
BEGIN
    FOREACH name IN ARRAY ARRAY['debriefs', 'preps'] LOOP
        EXECUTE format('CREATE POLICY author_writes ON relprep.%I FOR INSERT WITH CHECK %s',
                       name, mine);
        EXECUTE format('CREATE POLICY author_updates ON relprep.%I FOR UPDATE USING %s '
                       'WITH CHECK %s', name, mine, mine);
        EXECUTE format('CREATE POLICY author_deletes ON relprep.%I FOR DELETE USING %s',
                       name, mine);
    END LOOP;
END
$authored$;

-- Reminders: their owner's (the rep who must act); the manager's too, who alone may give
-- one to someone else.
CREATE POLICY owner_writes ON relprep.reminders FOR INSERT
    WITH CHECK (owner = current_user OR relprep.is_manager());
CREATE POLICY owner_updates ON relprep.reminders FOR UPDATE
    USING (owner = current_user OR relprep.is_manager())
    WITH CHECK (owner = current_user OR relprep.is_manager());
CREATE POLICY owner_deletes ON relprep.reminders FOR DELETE
    USING (owner = current_user OR relprep.is_manager());

ALTER TABLE relprep.drafts ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON relprep.drafts TO relprep_rep;
CREATE POLICY own_drafts ON relprep.drafts
    USING (owner = current_user) WITH CHECK (owner = current_user);

GRANT SELECT ON relprep.changes TO relprep_rep;
