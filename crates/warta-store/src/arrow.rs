//! Events as Arrow record batches with exactly the Parquet export's schema
//! (the same columns, types and nulls, from the same rows), for Python's
//! `code_many` and Spark, which hand them over without copying.

use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int32Array, Int64Array, RecordBatch,
    StringArray,
};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use parquet::basic::{LogicalType, Repetition, Type as PhysicalType};
use parquet::schema::parser::parse_message_type;
use parquet::schema::types::Type;

use crate::export::{parquet_row, Cell, PARQUET_SCHEMA};
use crate::query::StoredEvent;

/// The element field of a `list<string>` column, named as Parquet readers
/// (pyarrow, Spark) name it when they read the export.
fn list_element() -> Field {
    Field::new("element", DataType::Utf8, false)
}

/// The Arrow type of one Parquet export column.
fn arrow_field(column: &Type) -> Result<Field, ArrowError> {
    let info = column.get_basic_info();
    let nullable = info.repetition() != Repetition::REQUIRED;
    let data_type = if column.is_group() {
        DataType::List(Arc::new(list_element()))
    } else {
        match (column.get_physical_type(), info.logical_type_ref()) {
            (PhysicalType::BYTE_ARRAY, _) => DataType::Utf8,
            (PhysicalType::INT32, Some(LogicalType::Date)) => DataType::Date32,
            (PhysicalType::INT32, _) => DataType::Int32,
            (PhysicalType::INT64, _) => DataType::Int64,
            (PhysicalType::DOUBLE, _) => DataType::Float64,
            (PhysicalType::BOOLEAN, _) => DataType::Boolean,
            (other, _) => {
                return Err(ArrowError::SchemaError(format!(
                    "column {}: {other} is not a type the export writes",
                    column.name()
                )))
            }
        }
    };
    Ok(Field::new(column.name(), data_type, nullable))
}

/// The Parquet export's schema as an Arrow schema, derived from it so that
/// the two cannot drift apart.
pub fn event_schema() -> Result<SchemaRef, ArrowError> {
    let parquet =
        parse_message_type(PARQUET_SCHEMA).map_err(|e| ArrowError::SchemaError(e.to_string()))?;
    let fields = parquet
        .get_fields()
        .iter()
        .map(|f| arrow_field(f))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Arc::new(Schema::new(fields)))
}

/// The events as one record batch of [`event_schema`], one row each, the
/// same cells as a Parquet export of them.
pub fn event_batch(schema: &SchemaRef, events: &[StoredEvent]) -> Result<RecordBatch, ArrowError> {
    let mut columns: Vec<Vec<Cell>> = schema
        .fields()
        .iter()
        .map(|_| Vec::with_capacity(events.len()))
        .collect();
    for event in events {
        for (column, cell) in columns.iter_mut().zip(parquet_row(event)) {
            column.push(cell);
        }
    }
    let arrays = schema
        .fields()
        .iter()
        .zip(columns)
        .map(|(field, cells)| column_array(field, cells))
        .collect::<Result<Vec<_>, _>>()?;
    RecordBatch::try_new(schema.clone(), arrays)
}

fn mismatch(field: &Field) -> ArrowError {
    ArrowError::SchemaError(format!(
        "column {}: a cell does not match its type",
        field.name()
    ))
}

fn column_array(field: &Field, cells: Vec<Cell>) -> Result<ArrayRef, ArrowError> {
    // Each arm takes the cells of its kind; any other is a bug, named.
    macro_rules! collect {
        ($variant:ident, $array:ty) => {{
            let values = cells
                .into_iter()
                .map(|c| match c {
                    Cell::$variant(v) => Ok(v),
                    _ => Err(mismatch(field)),
                })
                .collect::<Result<Vec<_>, _>>()?;
            Arc::new(<$array>::from(values)) as ArrayRef
        }};
    }
    Ok(match field.data_type() {
        DataType::Utf8 => collect!(Text, StringArray),
        DataType::Int32 => collect!(Int32, Int32Array),
        DataType::Date32 => collect!(Int32, Date32Array),
        DataType::Int64 => collect!(Int64, Int64Array),
        DataType::Float64 => collect!(Double, Float64Array),
        DataType::Boolean => collect!(Bool, BooleanArray),
        DataType::List(_) => {
            let mut builder = ListBuilder::new(StringBuilder::new()).with_field(list_element());
            for cell in cells {
                let Cell::List(items) = cell else {
                    return Err(mismatch(field));
                };
                // An empty list is null, as in the Parquet file.
                if items.is_empty() {
                    builder.append_null();
                } else {
                    for item in items {
                        builder.values().append_value(item);
                    }
                    builder.append(true);
                }
            }
            Arc::new(builder.finish())
        }
        other => {
            return Err(ArrowError::SchemaError(format!(
                "column {}: {other} is not a type the export writes",
                field.name()
            )))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::Array;
    use warta_record::EventRecord;

    fn record() -> EventRecord {
        let party = |name: &str, country: &str| warta_record::Entity {
            text: name.into(),
            name: Some(name.into()),
            country: Some(country.into()),
            sector: Some("GOV".into()),
        };
        EventRecord {
            id: "5f1c2a9e0b7d4c3a8e6f1b2d3c4a5e6f".into(),
            doc_id: "d1".into(),
            language: "id".into(),
            event_type: "CONSULT".into(),
            mode: Some("phone".into()),
            modes: vec!["phone".into()],
            context: vec![],
            cameo: "040".into(),
            quad_class: 1,
            intensity: 1.0,
            actor: vec![party("Menteri Luar Negeri", "IDN")],
            recipient: vec![party("Menteri Luar Negeri", "MYS")],
            date: Some("2024-04-15".into()),
            date_precision: Some("day".into()),
            date_source: "text".into(),
            background: false,
            location: None,
            size: warta_record::Size::default(),
            quote: None,
            sentence_index: 0,
            sentence: "Menlu Indonesia menelepon Menlu Malaysia, Senin (15/4).".into(),
            span: [0, 55],
            trigger: "menelepon".into(),
            rule: "id/test".into(),
            confidence: 0.9,
        }
    }

    #[test]
    fn the_schema_has_every_parquet_column_in_order() {
        let schema = event_schema().unwrap();
        let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
        assert_eq!(names, crate::parquet_columns());
        let field = |n: &str| schema.field_with_name(n).unwrap().clone();
        assert_eq!(field("event_date").data_type(), &DataType::Date32);
        assert!(!field("event_id").is_nullable());
        assert!(field("mode").is_nullable());
        assert_eq!(
            field("actor_countries").data_type(),
            &DataType::List(Arc::new(list_element()))
        );
    }

    #[test]
    fn a_batch_holds_the_parquet_cells_with_nulls_for_missing_values() {
        let schema = event_schema().unwrap();
        let event = StoredEvent::unmerged(
            record(),
            Some("antara".into()),
            None,
            Some("2024-04-16".into()),
        );
        let batch = event_batch(&schema, std::slice::from_ref(&event)).unwrap();
        assert_eq!(batch.num_rows(), 1);
        let column = |n: &str| batch.column_by_name(n).unwrap().clone();
        let ids = column("event_id");
        let ids = ids.as_any().downcast_ref::<StringArray>().unwrap();
        assert_eq!(ids.value(0), event.event_id);
        assert!(column("url").is_null(0));
        assert!(column("context").is_null(0));
        let first_seen = column("first_seen");
        let first_seen = first_seen.as_any().downcast_ref::<Date32Array>().unwrap();
        assert_eq!(first_seen.value(0), 19829, "2024-04-16 in days since 1970");
        let global = column("global_event_id");
        let global = global.as_any().downcast_ref::<Int64Array>().unwrap();
        assert!(global.value(0) > 0);
    }

    #[test]
    fn no_events_give_an_empty_batch_of_the_schema() {
        let schema = event_schema().unwrap();
        let batch = event_batch(&schema, &[]).unwrap();
        assert_eq!(batch.num_rows(), 0);
        assert_eq!(batch.schema(), schema);
    }
}
