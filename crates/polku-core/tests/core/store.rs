use super::*;
use polku_core::{CoreError, Store};
use polku_domain::protocol::{Mutation, PushRequest};
use std::io::{BufRead, BufReader, Write as _};
use std::process::{Command, Stdio};

#[test]
fn records_survive_closing_and_reopening_the_database() {
    let f = Fixture::open();
    let c = f.client("Aino K.");
    let f = f.reopen();
    assert_eq!(
        f.polku.client_get(c.id).expect("still there").input.name,
        "Aino K."
    );
}

#[test]
fn a_text_file_is_refused_as_not_a_polku_database_and_left_unchanged() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "kauppalista: maitoa, leipää\n").expect("write");
    let err = Store::open(&path).expect_err("must refuse");
    assert!(matches!(err, CoreError::NotPolkuDatabase { ref path } if path.ends_with("notes.db")));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "kauppalista: maitoa, leipää\n",
        "a refused file must not be touched"
    );
}

#[test]
fn another_programs_sqlite_database_is_refused_and_keeps_its_tables() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(
            "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('pulla');",
        )
        .expect("seed");
    }
    let before = std::fs::read(&path).expect("read");
    let err = Store::open(&path).expect_err("must refuse");
    assert!(matches!(err, CoreError::NotPolkuDatabase { .. }), "{err}");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "bytes unchanged"
    );
}

#[test]
fn a_database_from_a_newer_polku_is_refused_without_being_downgraded() {
    let f = Fixture::open();
    f.client("Aino K.");
    let path = f.db_path();
    drop(f.polku);
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.pragma_update(None, "user_version", 99).expect("bump");
    }
    let err = Store::open(&path).expect_err("must refuse");
    assert!(
        matches!(err, CoreError::DatabaseNewer { found: 99, .. }),
        "{err}"
    );
    let conn = rusqlite::Connection::open(&path).expect("open");
    let v: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(v, 99, "the newer schema version must be kept");
    let n: i64 = conn
        .query_row("SELECT count(*) FROM clients", [], |r| r.get(0))
        .expect("count");
    assert_eq!(n, 1, "the newer database keeps its data");
}

#[test]
fn a_corrupt_database_gives_an_error_naming_the_file() {
    let f = Fixture::open();
    f.client("Aino K.");
    let path = f.db_path();
    drop(f.polku);
    // Checkpointed on close; now smash the schema page after the 100-byte header.
    let mut bytes = std::fs::read(&path).expect("read");
    for b in bytes.iter_mut().skip(100).take(3_000) {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).expect("write");
    let err = Store::open(&path).expect_err("must refuse");
    match err {
        CoreError::DatabaseCorrupt { path: p, .. } | CoreError::NotPolkuDatabase { path: p } => {
            assert_eq!(p, path)
        }
        other => panic!("expected a corrupt-file error naming the file, got {other}"),
    }
    assert_eq!(
        std::fs::read(&path).expect("read"),
        bytes,
        "nothing rewritten"
    );
}

#[test]
fn an_empty_file_becomes_a_new_database() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").expect("touch");
    Store::open(&path).expect("an empty file is a new database");
}

/// Child half of the kill -9 test: writes contacts forever, printing each committed count.
#[test]
#[ignore = "run only as the child of committed_writes_survive_kill_9_of_the_writer"]
fn child_writer_process() {
    let Ok(path) = std::env::var("POLKU_CHILD_DB") else {
        return;
    };
    let polku = Polku::open(
        std::path::Path::new(&path),
        Arc::new(FixedClock::new(now())),
    )
    .expect("open");
    let e = polku
        .employer_create(employer("Kesko Oy", "Tampere"))
        .expect("employer");
    let mut out = std::io::stdout();
    for i in 1.. {
        polku.contact_create(contact(e.id, now())).expect("save");
        writeln!(out, "{i}").expect("stdout");
        out.flush().expect("flush");
    }
}

#[test]
fn committed_writes_survive_kill_9_of_the_writer() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("killed.db");
    let mut child = Command::new(std::env::current_exe().expect("exe"))
        .args([
            "--exact",
            "store::child_writer_process",
            "--ignored",
            "--nocapture",
            "--quiet",
        ])
        .env("POLKU_CHILD_DB", &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn writer");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut committed = 0u64;
    while committed < 200 {
        let line = lines.next().expect("writer output").expect("line");
        if let Ok(n) = line.trim().parse() {
            committed = n;
        }
    }
    child.kill().expect("SIGKILL"); // std's kill is SIGKILL on Unix
    child.wait().expect("reap");

    let store = Store::open(&path).expect("reopens after kill -9");
    let conn = store.read();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity");
    assert_eq!(check, "ok");
    let n: u64 = conn
        .query_row("SELECT count(*) FROM employer_contacts", [], |r| r.get(0))
        .expect("count");
    assert!(
        n >= committed,
        "{committed} reported committed, only {n} found"
    );
    let outbox: u64 = conn
        .query_row(
            "SELECT count(*) FROM outbox WHERE entity = 'employer_contact'",
            [],
            |r| r.get(0),
        )
        .expect("outbox");
    assert_eq!(
        outbox, n,
        "every stored contact has its outbox entry (same transaction)"
    );
}

/// Three outbox entries: a client created, its notes edited, an employer created.
fn create_edit_create(f: &Fixture, notes: &str) {
    let c = f.client("Aino K.");
    f.polku
        .client_update(
            c.id,
            ClientInput {
                notes: notes.into(),
                ..c.input.clone()
            },
        )
        .expect("edit");
    f.employer("Kesko Oy", "Tampere");
}

/// The next push batch, read back as the server would.
fn next_request(f: &Fixture, after: Option<u64>, max: u32) -> Option<PushRequest> {
    let sent = f.polku.sync().outbox_batch(after, max).expect("batch")?;
    let request: PushRequest = serde_json::from_slice(&sent.json).expect("a push request");
    assert_eq!(
        (sent.from_seq, sent.to_seq),
        (request.from_seq, request.to_seq)
    );
    Some(request)
}

#[test]
fn the_batch_sent_is_a_push_request_carrying_each_outbox_entry_as_stored() {
    let f = Fixture::open();
    create_edit_create(&f, "Kiinnostunut \"varasto\"työstä");

    // The outbox's own rows, read independently of the code that writes the batch.
    let object = |text: Option<String>| {
        text.map(|t| match serde_json::from_str(&t).expect("json") {
            serde_json::Value::Object(m) => m,
            other => panic!("not an object: {other}"),
        })
    };
    let rows: Vec<Mutation> = {
        let conn = f.polku.store().read();
        let mut stmt = conn
            .prepare("SELECT seq, entity, record_id, hlc, fields, base FROM outbox ORDER BY seq")
            .expect("prepare");
        stmt.query_map([], |r| {
            let (entity, id, hlc): (String, String, String) = (r.get(1)?, r.get(2)?, r.get(3)?);
            Ok(Mutation {
                seq: r.get::<_, i64>(0)? as u64,
                entity: entity.parse().expect("entity"),
                record_id: id.parse().expect("record id"),
                hlc: hlc.parse().expect("clock"),
                fields: object(r.get(4)?).unwrap_or_default(),
                base: object(r.get(5)?)
                    .map(|b| serde_json::from_value(serde_json::Value::Object(b)).expect("clocks")),
            })
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
    };
    let expected = PushRequest {
        device_id: f.polku.device(),
        from_seq: 1,
        to_seq: 3,
        mutations: rows,
    };
    assert_eq!(
        next_request(&f, None, 10),
        Some(expected),
        "creates, an edit with base clocks, escapes"
    );

    let in_flight = next_request(&f, None, 2).expect("1..=2");
    let following =
        next_request(&f, Some(in_flight.to_seq), 10).expect("the one after the batch in flight");
    assert_eq!((following.from_seq, following.to_seq), (3, 3));
    f.polku.sync().acknowledge(3).expect("ack");
    assert!(next_request(&f, None, 10).is_none());
}

#[test]
fn a_server_answer_beyond_the_outbox_does_not_swallow_later_writes() {
    let f = Fixture::open();
    f.client("Aino K.");
    // A server holding more of this device's seqs than it wrote (the device restored from a
    // backup) answers far ahead.
    f.polku.sync().acknowledge(50).expect("ack");
    f.client("Olli M.");
    let next =
        next_request(&f, None, 10).expect("the write after the answer still waits to be sent");
    assert_eq!((next.from_seq, next.to_seq), (2, 2));
}

#[test]
fn the_outbox_hands_out_contiguous_well_formed_batches_until_acknowledged() {
    let f = Fixture::open();
    create_edit_create(&f, "Kiinnostunut varastotyöstä");

    let batch = next_request(&f, None, 2).expect("something to send");
    assert_eq!((batch.from_seq, batch.to_seq), (1, 2));
    batch.validate().expect("the server would accept its shape");
    assert!(
        batch.mutations[0].base.is_none(),
        "a create has no base clocks"
    );
    let edit = &batch.mutations[1];
    assert_eq!(edit.fields.keys().collect::<Vec<_>>(), ["notes"]);
    assert!(edit.base.as_ref().is_some_and(|b| b.contains_key("notes")));

    f.polku.sync().acknowledge(2).expect("ack");
    f.polku.sync().acknowledge(1).expect("a late, older answer");
    let next = next_request(&f, None, 10).expect("the employer");
    assert_eq!(
        (next.from_seq, next.to_seq),
        (3, 3),
        "acknowledging never moves backwards"
    );
    f.polku.sync().acknowledge(3).expect("ack");
    assert!(next_request(&f, None, 10).is_none());
    assert_eq!(f.polku.sync().unsent_count().expect("count"), 0);
}

#[test]
fn a_database_of_schema_3_is_upgraded_with_its_unsent_changes_still_sent() {
    // A device that last ran before the outbox lost `created_at` (migration 0005), with a
    // client waiting to be sent.
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("polku.db");
    let client = polku_domain::ClientId::new();
    {
        let mut conn = rusqlite::Connection::open(&path).expect("open");
        conn.pragma_update(None, "application_id", polku_core::store::APPLICATION_ID)
            .expect("id");
        polku_core::store::migrations::migrations()
            .to_version(&mut conn, 3)
            .expect("schema 3");
        conn.execute(
            "INSERT INTO outbox (entity, record_id, hlc, fields, base, created_at)
             VALUES ('client', ?1, ?2, '{\"name\":\"Aino K.\"}', NULL, '2026-11-01T10:00:00.000Z')",
            [
                client.to_string(),
                format!(
                    "001761991200000-0000000000-{}",
                    polku_domain::DeviceId::new()
                ),
            ],
        )
        .expect("an unsent change");
    }
    let store = Store::open(&path).expect("upgraded");
    let version: usize = store
        .read()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version, polku_core::store::migrations::latest_version());
    drop(store);
    let polku = polku_core::Polku::open(
        &path,
        std::sync::Arc::new(polku_core::FixedClock::new(now())),
    )
    .expect("open");
    let batch = polku
        .sync()
        .outbox_batch(None, 10)
        .expect("batch")
        .expect("waiting");
    let request: PushRequest = serde_json::from_slice(&batch.json).expect("a push request");
    assert_eq!(request.mutations.len(), 1);
    assert_eq!(
        request.mutations[0].record_id.to_string(),
        client.to_string()
    );
    assert_eq!(request.mutations[0].fields["name"], "Aino K.");
}

#[test]
fn a_refetchable_write_leaves_every_later_commit_waiting_for_the_disk_also_when_it_fails() {
    const FULL: i64 = 2;
    let f = Fixture::open();
    let store = f.polku.store();
    assert_eq!(store.writer_synchronous().expect("pragma"), FULL);
    store
        .write_refetchable(|tx| Ok(tx.execute_batch("SELECT 1")?))
        .expect("write");
    assert_eq!(store.writer_synchronous().expect("pragma"), FULL);
    let failed = store.write_refetchable(|tx| {
        tx.execute_batch("INSERT INTO no_such_table VALUES (1)")?;
        Ok(())
    });
    assert!(failed.is_err());
    assert_eq!(store.writer_synchronous().expect("pragma"), FULL);
    // And the failed transaction left nothing open: an ordinary write goes through.
    f.client("Aino K.");
}
