//! The JSON Schema (2020-12) of the export document, generated from [`TABLES`].

use serde_json::{Map, Value, json};

use crate::TABLES;
use crate::table::TableDef;

/// The version of the model. `PRAGMA user_version` in SQLite, `schema_version` in JSON.
pub const SCHEMA_VERSION: i64 = 6;

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

/// The schema reference (`docs/schema.md`) as Markdown, generated from [`TABLES`].
pub fn schema_markdown() -> String {
    use std::fmt::Write as _;
    let mut md = String::new();
    let _ = writeln!(md, "# Schema reference (version {SCHEMA_VERSION})\n");
    md.push_str(
        "Generated from the model crate by `freehold schema --format markdown`; a test keeps it in step \
         with `schemas/freehold.sql` and `schemas/freehold.schema.json`. \
         Every timestamp is ISO 8601 text: `Z` when the instant is known in UTC, no offset for a \
         wall-clock time without a zone, and only as precise as the source (`2024-01`). \
         `extra` holds the source fields that have no column, as a JSON object.\n\n",
    );
    for table in TABLES {
        let _ = writeln!(md, "## `{}`\n", table.name);
        let _ = writeln!(md, "{}\n", table.doc.trim());
        let _ = writeln!(
            md,
            "Key: {}\n",
            table
                .key
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        md.push_str("| column | type | null | meaning |\n|---|---|---|---|\n");
        for c in table.columns {
            let _ = writeln!(
                md,
                "| `{}` | {} | {} | {} |",
                c.name,
                c.kind.json_type(),
                if c.nullable { "yes" } else { "no" },
                c.doc.trim().replace('\n', " ").replace('|', "\\|")
            );
        }
        md.push('\n');
    }
    md
}

/// Datasette's metadata for a freehold database whose file is called `database` (without
/// `.sqlite`): every table's and column's description from the schema reference, and a
/// label column (`accounts` by `display_name`, `conversations` by `title`, others by
/// their `title` or `name`) so that Datasette shows a name wherever another table refers
/// to a row by its id.
///
/// ```
/// let meta = freehold_model::datasette_metadata("freehold");
/// let accounts = &meta["databases"]["freehold"]["tables"]["accounts"];
/// assert_eq!(accounts["label_column"], "display_name");
/// assert!(accounts["description"].as_str().unwrap().len() > 10);
/// ```
pub fn datasette_metadata(database: &str) -> Value {
    let mut tables = Map::new();
    for table in TABLES {
        let mut entry = Map::new();
        entry.insert("description".into(), first_paragraph(table.doc).into());
        if let Some(label) = label_column(table) {
            entry.insert("label_column".into(), label.into());
        }
        let columns: Map<String, Value> = table
            .columns
            .iter()
            .map(|c| (c.name.to_string(), first_paragraph(c.doc).into()))
            .collect();
        entry.insert("columns".into(), columns.into());
        // The store's full-text indexes (external content over the table's rowid).
        if ["posts", "messages", "profile_fields"].contains(&table.name) {
            entry.insert("fts_table".into(), format!("{}_fts", table.name).into());
            entry.insert("fts_pk".into(), "rowid".into());
        }
        tables.insert(table.name.to_string(), entry.into());
    }
    json!({
        "title": "freehold",
        "description": "Social-network export archives in freehold's normalised model; see docs/schema.md.",
        "databases": { database: { "tables": tables } },
    })
}

/// The column Datasette names a row by.
fn label_column(table: &TableDef) -> Option<&'static str> {
    ["display_name", "title", "name", "handle"]
        .into_iter()
        .find(|c| table.column(c).is_some())
}

fn first_paragraph(doc: &str) -> String {
    doc.split("\n\n")
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
