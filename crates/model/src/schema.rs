//! The JSON Schema (2020-12) of the export document, generated from [`TABLES`].

use serde_json::{Map, Value, json};

use crate::TABLES;
use crate::table::TableDef;

/// The version of the model. `PRAGMA user_version` in SQLite, `schema_version` in JSON.
pub const SCHEMA_VERSION: i64 = 1;

/// The JSON Schema of the document written by `freehold export --format json`.
///
/// Each table is also a `$defs` entry, which is the schema of one line of the NDJSON
/// export of that table.
///
/// ```
/// let schema = freehold_model::json_schema();
/// assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
/// assert!(schema["$defs"]["accounts"]["properties"]["handle"].is_object());
/// ```
pub fn json_schema() -> Value {
    let mut defs = Map::new();
    let mut properties = Map::new();
    properties.insert(
        "schema_version".into(),
        json!({"const": SCHEMA_VERSION, "description": "The model version."}),
    );
    properties.insert(
        "generator".into(),
        json!({"type": "string", "description": "The tool and version that wrote the document."}),
    );
    let mut required = vec![json!("schema_version"), json!("generator")];
    for table in TABLES {
        defs.insert(table.name.into(), table_schema(table));
        properties.insert(
            table.name.into(),
            json!({"type": "array", "items": {"$ref": format!("#/$defs/{}", table.name)}}),
        );
        required.push(json!(table.name));
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://freehold.invalid/schemas/freehold.schema.json",
        "title": "freehold export",
        "description": "One normalised model of social-network export archives.",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
        "$defs": defs,
    })
}

fn table_schema(table: &TableDef) -> Value {
    let mut properties = Map::new();
    for column in table.columns {
        let ty = column.kind.json_type();
        let ty = if column.nullable {
            json!([ty, "null"])
        } else {
            json!(ty)
        };
        properties.insert(
            column.name.into(),
            json!({"type": ty, "description": column.doc.trim()}),
        );
    }
    let required: Vec<Value> = table.columns.iter().map(|c| json!(c.name)).collect();
    json!({
        "type": "object",
        "description": table.doc.trim(),
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}
