//! Articles handed over as Arrow record batches (a pyarrow Table, a Spark
//! partition): one document per row, from the columns a JSON Lines article
//! has (`id`, `text`, `title`, `date`, `source`, `url`, `language`).

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType,
};
use arrow_array::{Array, RecordBatch};
use arrow_schema::{DataType, TimeUnit};

use crate::{content_id, encoding, RawDocument, ReadError};

/// One column's values as optional strings (text columns, and dates or
/// timestamps as `YYYY-MM-DD`), or why it cannot be read.
type Reader<'a> = Box<dyn Fn(usize) -> Option<String> + 'a>;

fn reader<'a>(array: &'a dyn Array, name: &str) -> Result<Reader<'a>, String> {
    let present = move |i: usize| array.is_valid(i);
    macro_rules! date {
        ($type:ty) => {{
            let values = array.as_primitive::<$type>();
            Box::new(move |i| {
                present(i)
                    .then(|| values.value_as_date(i))
                    .flatten()
                    .map(|d| d.format("%Y-%m-%d").to_string())
            })
        }};
    }
    Ok(match array.data_type() {
        // A column with no value in it (pyarrow's type for all-None).
        DataType::Null => Box::new(|_| None),
        DataType::Utf8 => {
            let values = array.as_string::<i32>();
            Box::new(move |i| present(i).then(|| values.value(i).to_owned()))
        }
        DataType::LargeUtf8 => {
            let values = array.as_string::<i64>();
            Box::new(move |i| present(i).then(|| values.value(i).to_owned()))
        }
        DataType::Utf8View => {
            let values = array.as_string_view();
            Box::new(move |i| present(i).then(|| values.value(i).to_owned()))
        }
        DataType::Date32 => date!(Date32Type),
        DataType::Date64 => date!(Date64Type),
        DataType::Timestamp(TimeUnit::Second, _) => date!(TimestampSecondType),
        DataType::Timestamp(TimeUnit::Millisecond, _) => date!(TimestampMillisecondType),
        DataType::Timestamp(TimeUnit::Microsecond, _) => date!(TimestampMicrosecondType),
        DataType::Timestamp(TimeUnit::Nanosecond, _) => date!(TimestampNanosecondType),
        other => {
            return Err(format!(
                "column {name:?} is {other}; Warta reads strings (and dates for \"date\")"
            ))
        }
    })
}

/// The documents of Arrow batches, in order: each row a document, or why
/// it is not one (a null text), named `origin` row N (`first_row` numbers
/// the rows across calls). Only `text` is required; `doc_id` is taken for
/// `id`; `date` may be a string, a date or a timestamp. A batch without a
/// text column, or with a column of a type Warta cannot read, is refused.
pub fn articles(
    batches: &[RecordBatch],
    origin: &str,
    first_row: usize,
) -> Result<Vec<Result<RawDocument, ReadError>>, ReadError> {
    let refuse = |reason: String| ReadError {
        origin: origin.to_owned(),
        line: None,
        reason,
    };
    let mut out = Vec::new();
    let mut row = first_row;
    for batch in batches {
        let schema = batch.schema();
        let column = |name: &str| -> Result<Option<Reader<'_>>, ReadError> {
            match schema.index_of(name) {
                Ok(i) => reader(batch.column(i).as_ref(), name)
                    .map(Some)
                    .map_err(&refuse),
                Err(_) => Ok(None),
            }
        };
        let text = column("text")?.ok_or_else(|| {
            let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
            refuse(format!(
                "no \"text\" column (the columns are {})",
                names.join(", ")
            ))
        })?;
        let id = match column("id")? {
            Some(id) => Some(id),
            None => column("doc_id")?,
        };
        let [title, date, source, url, language] =
            ["title", "date", "source", "url", "language"].map(column);
        let (title, date, source, url, language) = (title?, date?, source?, url?, language?);
        let get = |r: &Option<Reader<'_>>, i: usize| r.as_ref().and_then(|read| read(i));
        for i in 0..batch.num_rows() {
            let at = format!("{origin} row {row}");
            row += 1;
            let Some(body) = text(i) else {
                out.push(Err(ReadError {
                    origin: at,
                    line: None,
                    reason: "the text is null".into(),
                }));
                continue;
            };
            let title = get(&title, i);
            out.push(Ok(RawDocument {
                doc_id: get(&id, i).unwrap_or_else(|| content_id(&body, title.as_deref())),
                origin: at,
                text: encoding::normalize_newlines(body),
                title,
                date: get(&date, i),
                url: get(&url, i),
                source: get(&source, i),
                language: get(&language, i),
                notes: Vec::new(),
            }));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow_array::{Date32Array, Int64Array, StringArray};
    use arrow_schema::{Field, Schema};

    use super::*;

    fn batch(columns: Vec<(&str, Arc<dyn Array>)>) -> RecordBatch {
        let fields: Vec<Field> = columns
            .iter()
            .map(|(n, a)| Field::new(*n, a.data_type().clone(), true))
            .collect();
        RecordBatch::try_new(
            Arc::new(Schema::new(fields)),
            columns.into_iter().map(|(_, a)| a).collect(),
        )
        .unwrap()
    }

    #[test]
    fn rows_become_documents_with_their_metadata() {
        let b = batch(vec![
            ("id", Arc::new(StringArray::from(vec![Some("a1"), None]))),
            (
                "text",
                Arc::new(StringArray::from(vec![Some("Satu."), Some("Dua.")])),
            ),
            ("date", Arc::new(Date32Array::from(vec![Some(19829), None]))),
        ]);
        let docs = articles(&[b], "table", 0).unwrap();
        let first = docs[0].as_ref().unwrap();
        assert_eq!(first.doc_id, "a1");
        assert_eq!(first.date.as_deref(), Some("2024-04-16"));
        let second = docs[1].as_ref().unwrap();
        assert_eq!(second.doc_id, content_id("Dua.", None));
        assert_eq!(second.date, None);
    }

    #[test]
    fn a_null_text_is_named_by_its_row_and_the_rest_go_on() {
        let b = batch(vec![(
            "text",
            Arc::new(StringArray::from(vec![Some("Satu."), None, Some("Tiga.")])),
        )]);
        let docs = articles(&[b], "table", 10).unwrap();
        assert!(docs[0].is_ok() && docs[2].is_ok());
        assert_eq!(
            docs[1].as_ref().unwrap_err().to_string(),
            "table row 11: the text is null"
        );
    }

    #[test]
    fn a_missing_text_column_or_a_wrong_type_is_refused_by_name() {
        let no_text = batch(vec![("body", Arc::new(StringArray::from(vec!["x"])))]);
        let message = articles(&[no_text], "t", 0).unwrap_err().to_string();
        assert!(message.contains("no \"text\" column") && message.contains("body"));
        let numbers = batch(vec![("text", Arc::new(Int64Array::from(vec![1])))]);
        let message = articles(&[numbers], "t", 0).unwrap_err().to_string();
        assert!(message.contains("column \"text\" is Int64"), "{message}");
    }
}
