//! The store side of people: writing what `freehold people` found (persons, their
//! accounts and the links between accounts) and recording the owner's decisions. Reading
//! them goes through [`Store::for_each_row_as`].

use freehold_model::{Cell, Person, PersonAccount, PersonDecision, PersonLink, Row, TableDef};
use rusqlite::types::{ToSql, ToSqlOutput, Value, ValueRef};

use crate::{Error, Store};

/// What linking found, to be stored in place of the previous run's result.
#[derive(Debug, Clone, Default)]
pub struct PeopleTables {
    /// Every person.
    pub persons: Vec<Person>,
    /// Every account's person.
    pub members: Vec<PersonAccount>,
    /// Every link with its evidence.
    pub links: Vec<PersonLink>,
}

struct Bind<'a>(&'a Cell<'a>);

impl ToSql for Bind<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self.0 {
            Cell::Null => ToSqlOutput::Owned(Value::Null),
            Cell::Int(n) => ToSqlOutput::Owned(Value::Integer(*n)),
            Cell::Real(x) => ToSqlOutput::Owned(Value::Real(*x)),
            Cell::Text(t) => ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes())),
        })
    }
}

fn insert_all<T: Row>(tx: &rusqlite::Transaction<'_>, rows: &[T]) -> Result<(), Error> {
    let def: &TableDef = T::DEF;
    let marks: Vec<String> = (1..=def.columns.len()).map(|i| format!("?{i}")).collect();
    let names: Vec<&str> = def.columns.iter().map(|c| c.name).collect();
    let mut stmt = tx.prepare(&format!(
        "INSERT INTO {} ({}) VALUES ({})",
        def.name,
        names.join(", "),
        marks.join(", ")
    ))?;
    for row in rows {
        let cells = row.cells();
        let binds: Vec<Bind<'_>> = cells.iter().map(Bind).collect();
        stmt.execute(rusqlite::params_from_iter(binds.iter()))?;
    }
    Ok(())
}

impl Store {
    /// Replaces the persons, their accounts and the links with `tables`, in one
    /// transaction. The owner's decisions are not touched.
    pub fn replace_people(&self, tables: &PeopleTables) -> Result<(), Error> {
        let tx = self.conn.unchecked_transaction()?;
        tx.execute_batch(
            "DELETE FROM persons; DELETE FROM person_accounts; DELETE FROM person_links;",
        )?;
        insert_all(&tx, &tables.persons)?;
        insert_all(&tx, &tables.members)?;
        insert_all(&tx, &tables.links)?;
        tx.commit()?;
        Ok(())
    }

    /// The owner's decisions, oldest first.
    pub fn person_decisions(&self) -> Result<Vec<PersonDecision>, Error> {
        let mut out = Vec::new();
        self.for_each_row_as::<PersonDecision>(|d| {
            out.push(d);
            Ok(())
        })?;
        Ok(out)
    }

    /// Records one decision of the owner (`accept`, `reject`, `link`, `unlink`) at
    /// `decided_at`, numbered after the ones before it.
    pub fn add_person_decision(
        &self,
        action: &str,
        account_a: &str,
        account_b: Option<&str>,
        decided_at: &str,
    ) -> Result<PersonDecision, Error> {
        let tx = self.conn.unchecked_transaction()?;
        let n: i64 = tx.query_row("SELECT COUNT(*) FROM person_decisions", [], |r| r.get(0))?;
        let decision = PersonDecision {
            id: format!("decision:{:06}", n + 1),
            action: action.to_string(),
            account_a: account_a.to_string(),
            account_b: account_b.map(str::to_string),
            decided_at: decided_at.to_string(),
            extra: None,
        };
        insert_all(&tx, std::slice::from_ref(&decision))?;
        tx.commit()?;
        Ok(decision)
    }
}
