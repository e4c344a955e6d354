//! Warta from Python: `warta.Coder` codes a text into the record contract's
//! records (`../shared/spec/event-record.md`) as Python dicts, with the
//! interpreter released while it codes, and a bug in a rule costing one
//! document (an `InputError`), never the interpreter. `code_many` codes
//! many on Warta's own threads into Arrow batches with the Parquet export's
//! schema, handed to pyarrow through the Arrow C stream interface.

/// As in the `warta` command: the coder allocates many small strings per
/// document, and mimalloc serves them faster than the system allocator
/// (measured by `bench/code_many.py`). Python's own objects are unaffected.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod arrow;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use warta_code::{Coder as RustCoder, Document};
use warta_lexicon::Lexicon;

pyo3::create_exception!(
    _warta,
    InputError,
    PyException,
    "A document Warta could not code: the message names it and says why."
);

/// The coder, with its lexicon loaded and its matchers built once.
///
/// `Coder()` uses the lexicon built into Warta; `Coder(lexicon="dir")`
/// loads one from a folder in the lexicon's format (`lexicon/README.md`).
#[pyclass(module = "warta", frozen)]
struct Coder {
    inner: RustCoder,
    version: String,
    /// Thread pools by size, kept so that their word caches stay warm
    /// from one call to the next (as `warta code` keeps one for a run).
    pools: Mutex<Vec<(usize, Arc<rayon::ThreadPool>)>>,
}

/// As `warta code`: a document that takes longer is skipped, not waited for.
const DOCUMENT_BUDGET: std::time::Duration = std::time::Duration::from_secs(120);

/// What `code_many` does with a document it cannot code.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OnError {
    Raise,
    Skip,
}

impl Coder {
    /// Codes an iterable of texts or dicts: the articles are taken from
    /// Python a chunk at a time (the interpreter held) while the pool codes
    /// the chunks already taken; then the interpreter is released until the
    /// last is coded.
    fn code_python_objects(
        &self,
        py: Python<'_>,
        documents: &Bound<'_, PyAny>,
        pool: &rayon::ThreadPool,
    ) -> PyResult<arrow::Coded> {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Document>>(8);
        std::thread::scope(|scope| {
            let coding = scope.spawn(|| {
                let prepare = |docs: Vec<Document>| (docs, Vec::new());
                arrow::code_chunks(
                    &self.inner,
                    pool,
                    receiver.into_iter(),
                    prepare,
                    DOCUMENT_BUDGET,
                )
            });
            let taken = (|| -> PyResult<()> {
                let mut chunk = Vec::with_capacity(arrow::CHUNK_DOCUMENTS);
                for (index, item) in documents.try_iter()?.enumerate() {
                    chunk.push(document_of(&item?, index)?);
                    if chunk.len() == arrow::CHUNK_DOCUMENTS {
                        let full = std::mem::replace(
                            &mut chunk,
                            Vec::with_capacity(arrow::CHUNK_DOCUMENTS),
                        );
                        // The coding side only stops early by panicking,
                        // which the join below reports.
                        let _ = sender.send(full);
                    }
                }
                if !chunk.is_empty() {
                    let _ = sender.send(chunk);
                }
                Ok(())
            })();
            drop(sender);
            let coded = py
                .detach(|| coding.join())
                .map_err(|_| InputError::new_err("the coder's threads failed; please report it"))?;
            // A bad item is reported even though the items before it were coded.
            taken.map(|()| coded)
        })
    }

    fn pool(&self, threads: Option<usize>) -> PyResult<Arc<rayon::ThreadPool>> {
        let n = match threads {
            Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        let mut pools = self.pools.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, pool)) = pools.iter().find(|(size, _)| *size == n) {
            return Ok(pool.clone());
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(|i| format!("warta-{i}"))
            .build()
            .map(Arc::new)
            .map_err(|e| PyValueError::new_err(format!("cannot start {n} threads: {e}")))?;
        pools.push((n, pool.clone()));
        Ok(pool)
    }
}

/// A text over the size limit, named; `None` when it may be coded.
fn over_limit(doc_id: &str, text: &str) -> Option<String> {
    // The same bound as for a file: past it a text is refused, not coded.
    let limit = warta_read::ReadOptions::default().max_document_bytes;
    (text.len() > limit).then(|| {
        format!(
            "{doc_id}: document is {:.1} MiB, over the {} MiB limit",
            text.len() as f64 / (1024.0 * 1024.0),
            limit / (1024 * 1024)
        )
    })
}

/// The documents of Arrow rows, and the rows that are not documents, named.
fn split_rows(
    rows: Vec<Result<warta_read::RawDocument, warta_read::ReadError>>,
) -> (Vec<Document>, Vec<String>) {
    let mut docs = Vec::with_capacity(rows.len());
    let mut failures = Vec::new();
    for row in rows {
        match row {
            Ok(raw) => docs.push(Document::from(raw)),
            Err(e) => failures.push(e.to_string()),
        }
    }
    (docs, failures)
}

/// A string field of an article dict: absent and `None` are both missing.
fn field(
    item: &Bound<'_, PyDict>,
    key: &Bound<'_, PyString>,
    index: usize,
) -> PyResult<Option<String>> {
    match item.get_item(key)? {
        None => Ok(None),
        Some(value) if value.is_none() => Ok(None),
        Some(value) => value.extract::<String>().map(Some).map_err(|_| {
            InputError::new_err(format!(
                "document {index}: {key} must be a string, not {}",
                value
                    .get_type()
                    .name()
                    .map_or_else(|_| "?".into(), |n| n.to_string())
            ))
        }),
    }
}

/// One input of `code_many`: a text, or a dict with `text` and any of
/// `id` (or `doc_id`), `title`, `date`, `source`, `url`, `language`, as a
/// JSON Lines article.
fn document_of(item: &Bound<'_, PyAny>, index: usize) -> PyResult<Document> {
    // No id yet: one is derived from the text on Warta's threads (see
    // `arrow::code_into_stream`), not here with the interpreter held.
    let document = |text: String, title: Option<String>| Document {
        doc_id: String::new(),
        text,
        title,
        date: None,
        source: None,
        url: None,
        language: None,
    };
    if item.is_instance_of::<PyString>() {
        return Ok(document(item.extract::<String>()?, None));
    }
    let Ok(dict) = item.cast::<PyDict>() else {
        return Err(PyTypeError::new_err(format!(
            "document {index}: expected a str or a dict with \"text\", not {}",
            item.get_type()
                .name()
                .map_or_else(|_| "?".into(), |n| n.to_string())
        )));
    };
    let py = item.py();
    // Interned keys: no new Python string per article and field.
    let key = |name| match name {
        "text" => pyo3::intern!(py, "text"),
        "title" => pyo3::intern!(py, "title"),
        "id" => pyo3::intern!(py, "id"),
        "doc_id" => pyo3::intern!(py, "doc_id"),
        "date" => pyo3::intern!(py, "date"),
        "source" => pyo3::intern!(py, "source"),
        "url" => pyo3::intern!(py, "url"),
        _ => pyo3::intern!(py, "language"),
    };
    let get = |name| field(dict, key(name), index);
    let text = get("text")?.ok_or_else(|| {
        InputError::new_err(format!("document {index}: the dict has no \"text\""))
    })?;
    let title = get("title")?;
    let mut doc = document(text, title);
    if let Some(id) = get("id")?.or(get("doc_id")?) {
        doc.doc_id = id;
    }
    doc.date = get("date")?;
    doc.source = get("source")?;
    doc.url = get("url")?;
    doc.language = get("language")?;
    Ok(doc)
}

#[pymethods]
impl Coder {
    #[new]
    #[pyo3(signature = (lexicon = None))]
    fn new(py: Python<'_>, lexicon: Option<PathBuf>) -> PyResult<Self> {
        py.detach(|| {
            let loaded = match &lexicon {
                Some(dir) => Lexicon::from_dir(dir),
                None => Lexicon::embedded(),
            };
            let loaded = loaded.map_err(|e| PyValueError::new_err(e.to_string()))?;
            let version = loaded.version.clone();
            Ok(Coder {
                inner: RustCoder::new(loaded),
                version,
                pools: Mutex::new(Vec::new()),
            })
        })
    }

    /// The lexicon's version (`lexicon/VERSION`).
    #[getter]
    fn lexicon_version(&self) -> &str {
        &self.version
    }

    /// Codes one text and returns its records, each a dict with exactly
    /// the fields of the record contract (as `warta code` prints them).
    ///
    /// `title` is coded like a sentence; `date` is the publication date in
    /// any shape an outlet prints; `doc_id` names the document in the
    /// records (by default a hash of the text and title, as for a JSON
    /// Lines row without an id); `language` is an ISO 639-1 code, else it
    /// is detected. A text Warta skips (another language, a sports report)
    /// gives no records.
    #[pyo3(signature = (text, *, title = None, date = None, doc_id = None, url = None, language = None))]
    #[allow(clippy::too_many_arguments)]
    fn code(
        &self,
        py: Python<'_>,
        text: String,
        title: Option<String>,
        date: Option<String>,
        doc_id: Option<String>,
        url: Option<String>,
        language: Option<String>,
    ) -> PyResult<Py<PyAny>> {
        let doc_id = doc_id.unwrap_or_else(|| warta_read::content_id(&text, title.as_deref()));
        if let Some(message) = over_limit(&doc_id, &text) {
            return Err(InputError::new_err(message));
        }
        let document = Document {
            doc_id,
            text,
            title,
            date,
            source: None,
            url,
            language,
        };
        let json = py.detach(|| {
            let coded = self.inner.code_guarded(&document).map_err(|panic| {
                format!(
                    "{}: the coder failed on this document ({panic}); please report it",
                    document.doc_id
                )
            })?;
            let lines: Vec<String> = coded.records.iter().map(|r| r.to_json_line()).collect();
            Ok::<String, String>(format!("[{}]", lines.join(",")))
        });
        let json = json.map_err(InputError::new_err)?;
        // The records' JSON is the contract; Python's json makes the dicts.
        let loads = py.import("json")?.getattr("loads")?;
        Ok(loads.call1((json,))?.unbind())
    }

    /// Codes many articles on Warta's own threads and returns their events
    /// as a `pyarrow.Table` with the Parquet export's schema
    /// (`docs/codebook.md`), one row per record, in input order. The
    /// table is built in Rust and handed over through the Arrow C stream
    /// interface; `.to_pandas()` works as usual.
    ///
    /// `documents` is an iterable of texts or of dicts with `text` and any
    /// of `id` (or `doc_id`), `title`, `date`, `source`, `url`,
    /// `language`, as a JSON Lines article; or a `pyarrow.Table` or
    /// `RecordBatch` with those columns (`date` may be a date), read
    /// without a Python object per article. `threads` defaults to one per
    /// core. A document that cannot be coded raises `InputError` naming it
    /// (`errors="raise"`), or is left out with a warning (`errors="skip"`).
    /// Events are not merged across documents: a store does that
    /// (`warta ingest`).
    #[pyo3(signature = (documents, *, threads = None, errors = "raise"))]
    fn code_many(
        &self,
        py: Python<'_>,
        documents: &Bound<'_, PyAny>,
        threads: Option<usize>,
        errors: &str,
    ) -> PyResult<Py<PyAny>> {
        let on_error = match errors {
            "raise" => OnError::Raise,
            "skip" => OnError::Skip,
            other => {
                return Err(PyValueError::new_err(format!(
                    "errors must be \"raise\" or \"skip\", not {other:?}"
                )))
            }
        };
        let pyarrow = py.import("pyarrow").map_err(|_| {
            pyo3::exceptions::PyImportError::new_err(
                "code_many returns a pyarrow.Table: pip install pyarrow (or warta[arrow])",
            )
        })?;
        let pool = self.pool(threads)?;
        let (stream, failures) = if documents.hasattr("__arrow_c_stream__")? {
            // A pyarrow Table or RecordBatch (a Spark partition): its columns
            // are read in Rust, with no Python object per article.
            let batches = arrow::import_stream(documents)?;
            let coded = py.detach(|| {
                // A missing or unreadable column refuses the whole input.
                let schema_only: Vec<_> = batches.iter().map(|b| b.slice(0, 0)).collect();
                warta_read::arrow::articles(&schema_only, "table", 0).map(|_| {
                    // Each slice of rows becomes documents on the thread
                    // that codes it.
                    let prepare = |(slice, first): (arrow_array::RecordBatch, usize)| {
                        match warta_read::arrow::articles(&[slice], "table", first) {
                            Ok(rows) => split_rows(rows),
                            Err(e) => (Vec::new(), vec![e.to_string()]),
                        }
                    };
                    let slices = arrow::row_slices(&batches).into_iter();
                    arrow::code_chunks(&self.inner, &pool, slices, prepare, DOCUMENT_BUDGET)
                })
            });
            // The input's buffers go back to pyarrow with the interpreter held.
            drop(batches);
            coded.map_err(|e| InputError::new_err(e.to_string()))?
        } else {
            self.code_python_objects(py, documents, &pool)?
        };
        if !failures.is_empty() {
            let message = failures.join("; ");
            match on_error {
                OnError::Raise => return Err(InputError::new_err(message)),
                OnError::Skip => {
                    let warn = py.import("warnings")?.getattr("warn")?;
                    warn.call1((format!("warta: documents left out: {message}"),))?;
                }
            }
        }
        let stream = stream.map_err(|e| PyValueError::new_err(e.to_string()))?;
        let reader = pyarrow
            .getattr("RecordBatchReader")?
            .call_method1("from_stream", (arrow::ArrowStream::new(stream),))?;
        Ok(reader.call_method0("read_all")?.unbind())
    }

    fn __repr__(&self) -> String {
        format!("warta.Coder(lexicon {})", self.version)
    }
}

/// Reads articles from files and folders as `warta code` does (text, HTML,
/// JSON Lines, WARC, gzip), and returns them as dicts for `code_many`:
/// `id`, `text`, `title`, `date`, `source`, `url`, `language`. A file that
/// cannot be read raises `InputError` naming it.
#[pyfunction]
#[pyo3(signature = (*paths))]
fn read_documents(py: Python<'_>, paths: Vec<PathBuf>) -> PyResult<Vec<Py<PyAny>>> {
    let read = py.detach(|| {
        warta_read::read_inputs(&paths, &warta_read::ReadOptions::default())
            .map(|item| item.map(Document::from).map_err(|e| e.to_string()))
            .collect::<Result<Vec<Document>, String>>()
    });
    let docs = read.map_err(InputError::new_err)?;
    docs.into_iter()
        .map(|doc| {
            let dict = PyDict::new(py);
            dict.set_item("id", doc.doc_id)?;
            dict.set_item("text", doc.text)?;
            dict.set_item("title", doc.title)?;
            dict.set_item("date", doc.date)?;
            dict.set_item("source", doc.source)?;
            dict.set_item("url", doc.url)?;
            dict.set_item("language", doc.language)?;
            Ok(dict.into_any().unbind())
        })
        .collect()
}

/// The schema of `code_many`'s tables and of the Parquet export, as a
/// `pyarrow.Schema` (`docs/codebook.md` describes each column).
#[pyfunction]
fn event_schema(py: Python<'_>) -> PyResult<Py<PyAny>> {
    let schema =
        warta_store::arrow::event_schema().map_err(|e| PyValueError::new_err(e.to_string()))?;
    let empty = arrow_array::RecordBatchIterator::new(std::iter::empty(), schema);
    let stream = arrow_array::ffi_stream::FFI_ArrowArrayStream::new(Box::new(empty));
    let reader = py
        .import("pyarrow")?
        .getattr("RecordBatchReader")?
        .call_method1("from_stream", (arrow::ArrowStream::new(stream),))?;
    Ok(reader.getattr("schema")?.unbind())
}

#[pymodule]
fn _warta(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Coder>()?;
    m.add_function(wrap_pyfunction!(event_schema, m)?)?;
    m.add_function(wrap_pyfunction!(read_documents, m)?)?;
    m.add("InputError", m.py().get_type::<InputError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
