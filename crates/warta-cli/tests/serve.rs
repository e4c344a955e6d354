//! `warta serve` as a user starts it: on a port the system picks, over a
//! store built by `warta ingest` from the seed reports; and the refusals
//! (a missing database, an address other machines can reach).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use common::*;

/// Stops the server when the test ends, passed or not.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One GET over a fresh connection: status line and body.
fn http_get(addr: &str, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("answer");
    let (head, body) = answer.split_once("\r\n\r\n").expect("headers end");
    (
        head.lines().next().unwrap_or("").to_owned(),
        body.to_owned(),
    )
}

#[test]
fn serves_the_api_on_the_printed_address() {
    let dir = scratch("serve");
    let db = dir.join("events.db");
    let seeds = shared().join("seeds");
    let ingest = warta(&[
        "ingest",
        seeds.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(ingest.status.success(), "{}", stderr(&ingest));
    let child = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args([
            "serve",
            "--db",
            db.to_str().unwrap(),
            "--addr",
            "127.0.0.1:0",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("warta serve starts");
    let mut server = Server(child);
    let mut line = String::new();
    BufReader::new(server.0.stderr.take().expect("stderr"))
        .read_line(&mut line)
        .expect("first line");
    let addr = line
        .trim()
        .strip_prefix("warta: serving http://")
        .and_then(|rest| rest.strip_suffix('/'))
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    assert!(
        addr.starts_with("127.0.0.1:") && !addr.ends_with(":0"),
        "{addr}"
    );
    let (status, body) = http_get(&addr, "/api/stats");
    assert_eq!(status, "HTTP/1.1 200 OK");
    let stats: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(stats["documents"], 5);
    let (status, body) = http_get(&addr, "/");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(body.contains("<html"), "the page");
}

#[test]
fn a_missing_database_is_an_error_and_not_created() {
    let dir = scratch("serve-missing");
    let db = dir.join("nothing.db");
    let output = warta(&[
        "serve",
        "--db",
        db.to_str().unwrap(),
        "--addr",
        "127.0.0.1:0",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("no such database") && message.contains("warta ingest"),
        "{message}"
    );
    assert!(!db.exists());
}

#[test]
fn a_public_address_needs_public() {
    let dir = scratch("serve-public");
    let db = dir.join("nothing.db");
    let output = warta(&["serve", "--db", db.to_str().unwrap(), "--addr", "0.0.0.0:0"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("not a loopback address") && message.contains("--public"),
        "{message}"
    );
}
