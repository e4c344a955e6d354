//! Size limits and streaming, checked with a counting allocator. This file
//! holds the only tests in its binary that allocate much, and they run one
//! at a time behind a lock, so the peak they see is their own.

use std::alloc::{GlobalAlloc, Layout, System};
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use warta_read::{read_inputs, ReadOptions};

/// Tracks live heap bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

static SERIAL: Mutex<()> = Mutex::new(());

/// Runs `f` and returns how far the live heap rose above where it started.
fn peak_growth(f: impl FnOnce()) -> usize {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    f();
    PEAK.load(Ordering::Relaxed).saturating_sub(base)
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("warta-read-mem-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

const MIB: usize = 1024 * 1024;

#[test]
fn a_50_mib_text_file_is_refused_fast_without_reading_it() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = scratch("big");
    let path = dir.join("besar.txt");
    // Sparse: no 50 MiB written to disk either.
    File::create(&path)
        .unwrap()
        .set_len(50 * MIB as u64)
        .unwrap();

    let started = Instant::now();
    let mut results = Vec::new();
    let growth = peak_growth(|| {
        results = read_inputs(std::slice::from_ref(&path), &ReadOptions::default()).collect();
    });
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(growth < MIB, "heap grew by {growth} bytes");
    assert_eq!(results.len(), 1);
    let err = results[0].as_ref().unwrap_err();
    assert_eq!(err.reason, "document is 50.0 MiB, over the 8 MiB limit");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn json_lines_stream_in_flat_memory() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = scratch("stream");
    let path = dir.join("banyak.jsonl");
    let mut out = BufWriter::new(File::create(&path).unwrap());
    let body = "Warga berkumpul di balai desa untuk membahas irigasi. ".repeat(20);
    for i in 0..30_000 {
        writeln!(out, "{{\"id\":\"d{i}\",\"text\":\"{body}\"}}").unwrap();
    }
    out.into_inner().unwrap().sync_all().unwrap();
    let size = fs::metadata(&path).unwrap().len() as usize;
    assert!(size > 30 * MIB);

    let mut documents = 0;
    let mut errors = 0;
    let growth = peak_growth(|| {
        for result in read_inputs(std::slice::from_ref(&path), &ReadOptions::default()) {
            match result {
                Ok(_) => documents += 1,
                Err(_) => errors += 1,
            }
        }
    });
    assert_eq!((documents, errors), (30_000, 0));
    assert!(
        growth < MIB,
        "heap grew by {growth} bytes for a {size}-byte file"
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_over_long_json_line_costs_the_limit_not_the_line() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = scratch("longline");
    let path = dir.join("panjang.jsonl");
    let mut out = BufWriter::new(File::create(&path).unwrap());
    writeln!(out, "{{\"id\":\"first\",\"text\":\"awal\"}}").unwrap();
    writeln!(out, "{{\"text\":\"{}\"}}", "x".repeat(12 * MIB)).unwrap();
    writeln!(out, "{{\"id\":\"last\",\"text\":\"akhir\"}}").unwrap();
    out.into_inner().unwrap().sync_all().unwrap();

    let options = ReadOptions {
        max_document_bytes: MIB,
    };
    let mut results = Vec::new();
    let growth = peak_growth(|| {
        results = read_inputs(std::slice::from_ref(&path), &options).collect();
    });
    assert_eq!(results.len(), 3);
    assert_eq!(results[0].as_ref().unwrap().doc_id, "first");
    let err = results[1].as_ref().unwrap_err();
    assert_eq!(err.line, Some(2));
    assert_eq!(err.reason, "document is 12.0 MiB, over the 1 MiB limit");
    assert_eq!(results[2].as_ref().unwrap().doc_id, "last");
    // About twice the limit at most: growing the line buffer briefly holds
    // the old and the new allocation. Nowhere near the 12 MiB of the line.
    assert!(growth < 3 * MIB, "heap grew by {growth} bytes");
    fs::remove_dir_all(dir).unwrap();
}
