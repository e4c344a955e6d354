//! Coding many documents into Arrow batches, and handing them to pyarrow as
//! an Arrow C stream (`__arrow_c_stream__`, the PyCapsule interface).

use std::sync::Mutex;

use arrow_array::ffi_stream::{FFI_ArrowArrayStream, RecordBatchStreamReader};
use arrow_array::{RecordBatch, RecordBatchIterator};
use arrow_schema::ArrowError;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use warta_code::{Budget, Coder, Document};
use warta_store::arrow::{event_batch, event_schema};
use warta_store::StoredEvent;

/// What coding many documents comes to: the stream of their events, and
/// the documents that failed, named.
pub(crate) type Coded = (Result<FFI_ArrowArrayStream, ArrowError>, Vec<String>);

/// Documents per piece of work: each is coded and turned into one Arrow
/// batch on one thread, so that building batches overlaps coding, and a
/// batch stays small.
pub(crate) const CHUNK_DOCUMENTS: usize = 32;

/// Codes chunks of documents on `pool` as they arrive (the caller may still
/// be taking the next ones from Python), each document within `budget`, and
/// returns the stream of their events in input order with the documents
/// that failed, named. A document without an id (empty) is named by a hash
/// of its text and title, as `Coder.code` names it.
///
/// A chunk is anything `prepare` turns into documents (and the failures of
/// items that are not documents), on the pool's thread that codes it.
pub(crate) fn code_chunks<T: Send>(
    coder: &Coder,
    pool: &rayon::ThreadPool,
    chunks: impl Iterator<Item = T>,
    prepare: impl Fn(T) -> (Vec<Document>, Vec<String>) + Sync,
    budget: std::time::Duration,
) -> Coded {
    let schema = match event_schema() {
        Ok(schema) => schema,
        Err(e) => return (Err(e), Vec::new()),
    };
    let code_one = |doc: &mut Document| -> Result<Vec<StoredEvent>, String> {
        if doc.doc_id.is_empty() {
            doc.doc_id = warta_read::content_id(&doc.text, doc.title.as_deref());
        }
        if let Some(message) = crate::over_limit(&doc.doc_id, &doc.text) {
            return Err(message);
        }
        let coded = coder
            .code_guarded_within(doc, &Budget::within(budget))
            .map_err(|panic| {
                format!(
                    "{}: the coder failed on this document ({panic})",
                    doc.doc_id
                )
            })?;
        let (source, url, date) = (coded.source, coded.url, coded.publication_date);
        Ok(coded
            .records
            .into_iter()
            .map(|r| StoredEvent::unmerged(r, source.clone(), url.clone(), date.clone()))
            .collect())
    };
    type Piece = (Result<RecordBatch, ArrowError>, Vec<String>);
    let pieces: Mutex<Vec<(usize, Piece)>> = Mutex::new(Vec::new());
    // In place: this thread hands out the chunks as they come, and the
    // pool's threads code them.
    pool.in_place_scope(|scope| {
        for (index, chunk) in chunks.enumerate() {
            let (pieces, schema, code_one, prepare) = (&pieces, &schema, &code_one, &prepare);
            scope.spawn(move |_| {
                let mut events = Vec::new();
                let (mut docs, mut failures) = prepare(chunk);
                for doc in &mut docs {
                    match code_one(doc) {
                        Ok(mut some) => events.append(&mut some),
                        Err(message) => failures.push(message),
                    }
                }
                let piece = (event_batch(schema, &events), failures);
                pieces
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((index, piece));
            });
        }
    });
    let mut pieces = pieces.into_inner().unwrap_or_else(|e| e.into_inner());
    pieces.sort_by_key(|(index, _)| *index);
    let mut batches = Vec::with_capacity(pieces.len());
    let mut failures = Vec::new();
    for (_, (batch, mut failed)) in pieces {
        batches.push(batch);
        failures.append(&mut failed);
    }
    let stream = batches
        .into_iter()
        .collect::<Result<Vec<_>, _>>()
        .map(|batches| {
            // Empty pieces (sports pages, other languages) add nothing.
            let batches = batches.into_iter().filter(|b| b.num_rows() > 0);
            let reader = RecordBatchIterator::new(batches.map(Ok), schema);
            FFI_ArrowArrayStream::new(Box::new(reader))
        });
    (stream, failures)
}

/// The record batches of a Python object that exports an Arrow C stream
/// (`__arrow_c_stream__`: a pyarrow Table, RecordBatch or reader).
/// Arrow input in slices of [`CHUNK_DOCUMENTS`] rows (no copy), each with
/// the number of its first row.
pub(crate) fn row_slices(batches: &[RecordBatch]) -> Vec<(RecordBatch, usize)> {
    let mut slices = Vec::new();
    let mut first = 0;
    for batch in batches {
        let mut offset = 0;
        while offset < batch.num_rows() {
            let len = CHUNK_DOCUMENTS.min(batch.num_rows() - offset);
            slices.push((batch.slice(offset, len), first + offset));
            offset += len;
        }
        first += batch.num_rows();
    }
    slices
}

pub(crate) fn import_stream(object: &Bound<'_, PyAny>) -> PyResult<Vec<RecordBatch>> {
    let capsule = object.call_method0("__arrow_c_stream__")?;
    let capsule = capsule
        .cast::<PyCapsule>()
        .map_err(|_| PyTypeError::new_err("__arrow_c_stream__ did not return a capsule"))?;
    let pointer = capsule.pointer_checked(Some(c"arrow_array_stream"))?;
    // SAFETY: the capsule holds a valid ArrowArrayStream (the name was
    // checked); `from_raw` moves it out and leaves a released one behind, so
    // the capsule's destructor does not release it a second time.
    let reader = unsafe { RecordBatchStreamReader::from_raw(pointer.as_ptr().cast()) }
        .map_err(|e| PyValueError::new_err(format!("cannot read the Arrow input: {e}")))?;
    reader
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| PyValueError::new_err(format!("cannot read the Arrow input: {e}")))
}

/// An Arrow C stream for one consumer: pyarrow (or any reader of the
/// PyCapsule interface) takes it once.
#[pyclass(module = "warta", frozen)]
pub(crate) struct ArrowStream {
    stream: Mutex<Option<FFI_ArrowArrayStream>>,
}

impl ArrowStream {
    pub(crate) fn new(stream: FFI_ArrowArrayStream) -> Self {
        ArrowStream {
            stream: Mutex::new(Some(stream)),
        }
    }
}

#[pymethods]
impl ArrowStream {
    /// The stream as a capsule named "arrow_array_stream"; dropped unread,
    /// the capsule releases it.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        // The schema is fixed (the codebook's); a reader casts if it wants.
        let _ = requested_schema;
        let stream = self
            .stream
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .ok_or_else(|| PyValueError::new_err("the Arrow stream was already read"))?;
        PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
    }
}
