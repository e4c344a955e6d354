//! `warta serve`: the explorer (`warta-serve`) on a local address, over an
//! existing event store.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;

use warta_lexicon::Lexicon;
use warta_serve::Explorer;

pub fn run(
    lexicon: Lexicon,
    db: &Path,
    addr: SocketAddr,
    public: bool,
) -> anyhow::Result<ExitCode> {
    if !public && !addr.ip().is_loopback() {
        anyhow::bail!(
            "refusing to listen on {addr}: not a loopback address, and the explorer has no \
             login, so anyone who can reach it could read the whole store; pass --public to \
             serve it anyway"
        );
    }
    // Serving never creates a database: a mistyped path must not look empty.
    if !db.is_file() {
        anyhow::bail!(
            "{}: no such database; build one with `warta ingest PATH --db {}`",
            db.display(),
            db.display()
        );
    }
    let explorer = Explorer::open(db, lexicon, public)?;
    warta_serve::run(explorer, addr, |bound| {
        eprintln!("warta: serving http://{bound}/");
    })?;
    Ok(ExitCode::SUCCESS)
}
