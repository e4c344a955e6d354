//! End-to-end reading of files on disk: bad inputs, encodings, JSON Lines,
//! WARC.gz, directories, and the shared corpus and seeds.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;
use warta_read::{read_bytes, read_inputs, RawDocument, ReadError, ReadOptions};

/// A fresh directory under the system temp dir, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("warta-read-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn read(paths: &[PathBuf]) -> Vec<Result<RawDocument, ReadError>> {
    read_inputs(paths, &ReadOptions::default()).collect()
}

fn only_error(results: &[Result<RawDocument, ReadError>]) -> &ReadError {
    assert_eq!(results.len(), 1, "{results:?}");
    results[0].as_ref().unwrap_err()
}

#[test]
fn empty_file_is_an_error() {
    let dir = Scratch::new("empty");
    let path = dir.write("kosong.txt", b"");
    let results = read(std::slice::from_ref(&path));
    let err = only_error(&results);
    assert_eq!(err.reason, "empty file");
    assert_eq!(err.origin, path.display().to_string());
}

#[test]
fn binary_file_is_an_error() {
    let dir = Scratch::new("binary");
    let mut bytes = b"\x7fELF\x02\x01\x01\0\0\0".to_vec();
    bytes.extend((0..2000u32).map(|i| (i * 7 % 256) as u8));
    let path = dir.write("program.txt", &bytes);
    let results = read(&[path]);
    assert_eq!(only_error(&results).reason, "binary file, not text");
}

#[test]
fn windows_1252_text_is_decoded_with_a_note() {
    let dir = Scratch::new("cp1252");
    let path = dir.write(
        "kafe.txt",
        b"Wali kota meresmikan caf\xe9 baru di taman kota.\r\nAcara itu ramai.\r\n",
    );
    let results = read(&[path]);
    let doc = results[0].as_ref().unwrap();
    assert_eq!(doc.doc_id, "kafe");
    assert_eq!(
        doc.text,
        "Wali kota meresmikan café baru di taman kota.\nAcara itu ramai.\n"
    );
    assert_eq!(doc.notes.len(), 1);
    assert!(doc.notes[0].starts_with("not UTF-8; decoded as windows-1252"));
}

#[test]
fn json_lines_with_a_malformed_line_in_the_middle() {
    let dir = Scratch::new("jsonl");
    let path = dir.write(
        "berita.jsonl",
        concat!(
            "{\"id\":\"b1\",\"text\":\"Gubernur membuka pasar.\",\"date\":\"2024-01-02\"}\n",
            "{\"id\":\"b2\",\"text\":\"Bupati menutup jalan.\"}\n",
            "{\"id\":\"b3\",\"text\":\"kutip tidak ditutup}\n",
            "\n",
            "{\"id\":\"b4\",\"text\":\"Camat meninjau banjir.\"}\n",
        )
        .as_bytes(),
    );
    let results = read(&[path]);
    assert_eq!(results.len(), 4, "{results:?}");
    let ids: Vec<_> = results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|d| d.doc_id.as_str())
        .collect();
    assert_eq!(ids, ["b1", "b2", "b4"]);
    let err = results[2].as_ref().unwrap_err();
    assert_eq!(err.line, Some(3));
    assert!(err.reason.starts_with("invalid JSON: "), "{}", err.reason);
    assert!(
        err.to_string().contains("berita.jsonl:3: invalid JSON"),
        "{err}"
    );
    assert_eq!(
        results[3].as_ref().unwrap().origin.rsplit(':').next(),
        Some("5")
    );
}

/// A WARC response record holding a small HTML page.
fn response_record(n: usize) -> Vec<u8> {
    let html = format!(
        "<html><head><title>Berita {n}</title></head><body><article>\
         <p>Paragraf pertama berita nomor {n} tentang rapat dewan kota.</p>\
         <p>Paragraf kedua berita nomor {n} tentang hasil rapat itu.</p>\
         </article></body></html>"
    );
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
         Content-Length: {}\r\n\r\n{html}",
        html.len()
    );
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:rec-{n}>\r\n\
         WARC-Date: 2024-03-01T10:00:00Z\r\nWARC-Target-URI: https://kota.invalid/{n}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n\
         {http}\r\n\r\n",
        http.len()
    )
    .into_bytes()
}

/// Gzip each record as its own member, as crawlers do.
fn gzip_members(records: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for record in records {
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(record).unwrap();
        out.extend(gz.finish().unwrap());
    }
    out
}

#[test]
fn warc_gz_reads_all_records() {
    let dir = Scratch::new("warcgz");
    let records: Vec<_> = (1..=3).map(response_record).collect();
    let path = dir.write("crawl.warc.gz", &gzip_members(&records));
    let results = read(&[path]);
    let ids: Vec<_> = results
        .iter()
        .map(|r| r.as_ref().unwrap().doc_id.as_str())
        .collect();
    assert_eq!(ids, ["urn:uuid:rec-1", "urn:uuid:rec-2", "urn:uuid:rec-3"]);
    let doc = results[1].as_ref().unwrap();
    assert_eq!(doc.url.as_deref(), Some("https://kota.invalid/2"));
    assert_eq!(doc.title.as_deref(), Some("Berita 2"));
    assert!(doc.text.contains("Paragraf pertama berita nomor 2"));
    assert!(doc.text.contains("\n\n"), "{:?}", doc.text);
}

#[test]
fn truncated_warc_gz_gives_the_records_so_far_then_one_error() {
    let dir = Scratch::new("truncated");
    let records: Vec<_> = (1..=3).map(response_record).collect();
    let whole = gzip_members(&records);
    let first_two = gzip_members(&records[..2]).len();
    // Cut in the middle of the third member.
    let cut = first_two + (whole.len() - first_two) / 2;
    let path = dir.write("crawl.warc.gz", &whole[..cut]);
    let results = read(std::slice::from_ref(&path));
    assert_eq!(results.len(), 3, "{results:?}");
    assert_eq!(results[0].as_ref().unwrap().doc_id, "urn:uuid:rec-1");
    assert_eq!(results[1].as_ref().unwrap().doc_id, "urn:uuid:rec-2");
    let err = results[2].as_ref().unwrap_err();
    assert_eq!(err.origin, path.display().to_string());
    assert!(
        err.reason.starts_with("WARC input stops at byte ")
            && err.reason.contains("after 2 records"),
        "{}",
        err.reason
    );

    // Garbage instead of the third member: same shape of answer.
    let mut corrupt = gzip_members(&records[..2]);
    corrupt.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff]);
    let path = dir.write("corrupt.warc.gz", &corrupt);
    let results = read(&[path]);
    assert_eq!(results.len(), 3, "{results:?}");
    assert!(results[2]
        .as_ref()
        .unwrap_err()
        .reason
        .contains("after 2 records"));
}

#[cfg(unix)]
#[test]
fn directory_with_unreadable_entries_goes_on() {
    use std::os::unix::fs::{symlink, PermissionsExt};

    let dir = Scratch::new("unreadable");
    dir.write("a.txt", b"Satu berita pendek.");
    let locked = dir.write("b_locked.txt", b"Berita yang dikunci.");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    symlink(dir.0.join("tidak-ada.txt"), dir.0.join("c_broken.txt")).unwrap();
    dir.write("d.txt", b"Berita terakhir.");
    // Root reads files whatever their mode; then the locked file is fine.
    let root_reads_anyway = fs::read(&locked).is_ok();

    let results = read(std::slice::from_ref(&dir.0));
    let summary: Vec<_> = results
        .iter()
        .map(|r| match r {
            Ok(doc) => doc.doc_id.clone(),
            Err(e) => format!(
                "error {}: {}",
                Path::new(&e.origin).file_name().unwrap().to_string_lossy(),
                e.reason
            ),
        })
        .collect();
    let locked_entry = if root_reads_anyway {
        "b_locked".to_owned()
    } else {
        "error b_locked.txt: permission denied".to_owned()
    };
    assert_eq!(
        summary,
        [
            "a".to_owned(),
            locked_entry,
            "error c_broken.txt: broken symbolic link (its target does not exist)".to_owned(),
            "d".to_owned(),
        ]
    );
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn nonexistent_path_and_order_of_paths() {
    let dir = Scratch::new("order");
    let z = dir.write("z.txt", b"Terakhir di daftar, pertama dibaca.");
    dir.write("sub/b.txt", b"Berkas b.");
    dir.write("sub/a.html", b"<html><body><p>Berkas a.</p></body></html>");
    dir.write("sub/skip.csv", b"x,y");
    let missing = dir.0.join("hilang.txt");
    let results = read(&[z, missing.clone(), dir.0.join("sub")]);
    assert_eq!(results.len(), 4, "{results:?}");
    assert_eq!(results[0].as_ref().unwrap().doc_id, "z");
    let err = results[1].as_ref().unwrap_err();
    assert_eq!(err.origin, missing.display().to_string());
    assert_eq!(err.reason, "no such file or directory");
    assert_eq!(results[2].as_ref().unwrap().doc_id, "a");
    assert_eq!(results[2].as_ref().unwrap().text, "Berkas a.");
    assert_eq!(results[3].as_ref().unwrap().doc_id, "b");
}

#[test]
fn two_files_of_one_name_in_two_folders_are_two_documents() {
    // A crawl laid out by outlet: x/a/berita.txt and x/b/berita.txt.
    let dir = Scratch::new("same-name");
    dir.write("a/berita.txt", b"Berita dari a.");
    dir.write("b/berita.txt", b"Berita dari b.");
    let results = read(std::slice::from_ref(&dir.0));
    let ids: Vec<&str> = results
        .iter()
        .map(|r| r.as_ref().unwrap().doc_id.as_str())
        .collect();
    assert_eq!(ids, ["a/berita", "b/berita"]);
    // Given by itself, a file is its name.
    let alone = read(&[dir.0.join("a/berita.txt")]);
    assert_eq!(alone[0].as_ref().unwrap().doc_id, "berita");
}

#[test]
fn explicit_files_with_unknown_extensions_are_sniffed() {
    let dir = Scratch::new("sniff");
    let jsonl = dir.write("ekspor.data", b"{\"text\":\"Isi berita.\"}\n");
    let html = dir.write(
        "halaman.php",
        b"<!DOCTYPE html><html><body><p>Isi halaman.</p></body></html>",
    );
    let results = read(&[jsonl, html]);
    let id = &results[0].as_ref().unwrap().doc_id;
    assert!(
        id.starts_with("ekspor:") && id.len() == "ekspor:".len() + 16,
        "{id}"
    );
    assert_eq!(results[1].as_ref().unwrap().text, "Isi halaman.");
}

#[test]
fn read_bytes_uses_the_name() {
    let options = ReadOptions::default();
    let docs = read_bytes("catatan.txt", b"Rapat ditunda.", &options);
    assert_eq!(docs[0].as_ref().unwrap().doc_id, "catatan");
    let docs = read_bytes("-", b"Rapat ditunda.", &options);
    assert_eq!(docs[0].as_ref().unwrap().doc_id, "stdin");
    let docs = read_bytes("-", b"{\"id\":\"q\",\"text\":\"Rapat.\"}", &options);
    assert_eq!(docs[0].as_ref().unwrap().doc_id, "q");
    let docs = read_bytes("x.txt", b"", &options);
    assert_eq!(docs[0].as_ref().unwrap_err().reason, "empty file");
}

const INDOSUM: &str = "/work/shared/corpus/indosum/dev.01.jsonl";

#[test]
fn indosum_rows_from_the_corpus() {
    let path = PathBuf::from(INDOSUM);
    if !path.exists() {
        eprintln!("skipped: {INDOSUM} is absent");
        return;
    }
    let rows: Vec<serde_json::Value> = fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let docs: Vec<RawDocument> = read(std::slice::from_ref(&path))
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(docs.len(), rows.len());

    let (doc, row) = (&docs[0], &rows[0]);
    assert_eq!(doc.doc_id, row["id"].as_str().unwrap());
    assert_eq!(doc.url.as_deref(), row["source_url"].as_str());
    assert_eq!(doc.source.as_deref(), row["source"].as_str());
    if doc.doc_id.starts_with("1490674536-") {
        assert_eq!(doc.date.as_deref(), Some("2017-03-28"));
    }
    let paragraphs = row["paragraphs"].as_array().unwrap().len();
    assert_eq!(doc.text.split("\n\n").count(), paragraphs);
    for doc in &docs {
        let date = doc.date.as_deref().unwrap();
        assert!(date.len() == 10 && date.starts_with("20"), "{date}");
        assert!(
            !doc.text.contains(" ,") && !doc.text.contains(" ."),
            "{}",
            doc.doc_id
        );
        assert!(doc.notes.is_empty());
    }
}

const SEEDS: &str = "/work/shared/seeds";

#[test]
fn the_five_seeds() {
    let dir = PathBuf::from(SEEDS);
    if !dir.exists() {
        eprintln!("skipped: {SEEDS} is absent");
        return;
    }
    let mut stems: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    stems.sort();
    let docs: Vec<RawDocument> = read(&[dir]).into_iter().map(Result::unwrap).collect();
    let ids: Vec<_> = docs.iter().map(|d| d.doc_id.clone()).collect();
    assert_eq!(ids, stems);
    assert_eq!(docs.len(), 5);
    assert!(docs.iter().any(|d| d.doc_id == "000_46f39e8ef6f38860"));
    for doc in &docs {
        assert!(doc.text.len() > 500);
        assert!(!doc.text.contains('\r'));
    }
}
