//! Reading on its own thread, a batch ahead of the coders. Reading and
//! converting input (IndoSum's token arrays, HTML, WARC) is a third of an
//! end-to-end run; done in turn with coding it leaves the cores idle.

use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, IntoIter};
use std::thread::JoinHandle;

use warta_read::{read_inputs, RawDocument, ReadError, ReadOptions};

/// Documents sent to the coders at a time.
const CHUNK: usize = 64;
/// Chunks read ahead: bounds the memory held whatever the input size.
const AHEAD: usize = 8;

type Item = Result<RawDocument, ReadError>;

/// The inputs of `paths`, in order, as `read_inputs` gives them, read on
/// another thread.
pub fn read_ahead(paths: &[PathBuf]) -> ReadAhead {
    let (send, receive) = sync_channel::<Vec<Item>>(AHEAD);
    let paths = paths.to_vec();
    let reader = std::thread::spawn(move || {
        let mut chunk = Vec::with_capacity(CHUNK);
        for item in read_inputs(&paths, &ReadOptions::default()) {
            chunk.push(item);
            if chunk.len() == CHUNK {
                // The consumer stopped (an output error): stop reading too.
                if send.send(std::mem::take(&mut chunk)).is_err() {
                    return;
                }
            }
        }
        if !chunk.is_empty() {
            let _ = send.send(chunk);
        }
    });
    ReadAhead {
        chunks: receive.into_iter(),
        current: Vec::new().into_iter(),
        reader: Some(reader),
    }
}

pub struct ReadAhead {
    chunks: IntoIter<Vec<Item>>,
    current: std::vec::IntoIter<Item>,
    reader: Option<JoinHandle<()>>,
}

impl Iterator for ReadAhead {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.current.next() {
                return Some(item);
            }
            match self.chunks.next() {
                Some(chunk) => self.current = chunk.into_iter(),
                None => {
                    // The reader is done; if it died, say so rather than
                    // end the input early without a word.
                    let reader = self.reader.take()?;
                    return reader.join().err().map(|_| {
                        Err(ReadError {
                            origin: "input".into(),
                            line: None,
                            reason: "internal error while reading; later inputs were not read"
                                .into(),
                        })
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_what_read_inputs_gives_in_order() {
        let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
        let direct: Vec<String> =
            read_inputs(std::slice::from_ref(&seeds), &ReadOptions::default())
                .map(|r| r.map(|d| d.doc_id).unwrap_or_else(|e| e.reason))
                .collect();
        let ahead: Vec<String> = read_ahead(&[seeds])
            .map(|r| r.map(|d| d.doc_id).unwrap_or_else(|e| e.reason))
            .collect();
        assert_eq!(direct.len(), 5);
        assert_eq!(ahead, direct);
    }
}
