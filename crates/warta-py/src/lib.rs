//! Warta from Python: `warta.Coder` codes a text into the record contract's
//! records (`../shared/spec/event-record.md`) as Python dicts, with the
//! interpreter released while it codes, and a bug in a rule costing one
//! document (an `InputError`), never the interpreter.

use std::path::PathBuf;

use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
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
        // The same bound as for a file: past it a text is refused, not coded.
        let limit = warta_read::ReadOptions::default().max_document_bytes;
        if text.len() > limit {
            return Err(InputError::new_err(format!(
                "{doc_id}: document is {:.1} MiB, over the {} MiB limit",
                text.len() as f64 / (1024.0 * 1024.0),
                limit / (1024 * 1024)
            )));
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

    fn __repr__(&self) -> String {
        format!("warta.Coder(lexicon {})", self.version)
    }
}

#[pymodule]
fn _warta(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Coder>()?;
    m.add("InputError", m.py().get_type::<InputError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
