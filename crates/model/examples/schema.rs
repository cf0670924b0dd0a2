//! Prints the JSON Schema of the freehold export document, and the tables with their keys.
#![allow(clippy::print_stdout)]

fn main() {
    for table in freehold_model::TABLES {
        println!("{} (key: {})", table.name, table.key.join(", "));
    }
    let schema = serde_json::to_string_pretty(&freehold_model::json_schema()).unwrap_or_default();
    println!("{schema}");
}
