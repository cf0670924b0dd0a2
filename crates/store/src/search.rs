//! Full-text search: FTS5 indexes over post text and titles, message text and profile
//! values (`posts_fts`, `messages_fts`, `profile_fields_fts`, external-content tables
//! over the model's own rows, so Datasette offers its search box on those tables). They
//! are derived data, not part of the versioned schema: created when missing and rebuilt
//! at the end of every import that wrote to their table, inside the import's
//! transaction, so they are always in step and an import again changes nothing.

use rusqlite::Connection;

use crate::{Error, Store};

/// Each index: its table, the table it covers, and the columns.
const INDEXES: &[(&str, &str, &str)] = &[
    ("posts_fts", "posts", "text, title"),
    ("messages_fts", "messages", "text"),
    ("profile_fields_fts", "profile_fields", "value"),
];

/// Creates the indexes that are missing and rebuilds those whose table is in `tables`
/// (all when `None`).
pub(crate) fn refresh(conn: &Connection, tables: Option<&[&str]>) -> Result<(), Error> {
    for (fts, table, columns) in INDEXES {
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = ?1)",
            [fts],
            |r| r.get(0),
        )?;
        if !exists {
            conn.execute_batch(&format!(
                "CREATE VIRTUAL TABLE {fts} USING fts5({columns}, content='{table}', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')"
            ))?;
        }
        if !exists || tables.is_none_or(|t| t.contains(table)) {
            conn.execute_batch(&format!("INSERT INTO {fts} ({fts}) VALUES ('rebuild')"))?;
        }
    }
    Ok(())
}

/// Which records a search looks at. Empty lists mean all.
#[derive(Debug, Clone, Default)]
pub struct SearchFilter {
    /// Only these platforms.
    pub platforms: Vec<String>,
    /// Only these kinds: `post` kinds (`tweet`, `share`, ...), `message`, `profile`.
    pub kinds: Vec<String>,
    /// At most this many hits (0: 100).
    pub limit: usize,
}

/// One record that matched.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    /// `posts`, `messages` or `profile_fields`.
    pub table: &'static str,
    /// The row's id.
    pub id: String,
    /// Its platform.
    pub platform: String,
    /// The post's kind, `message`, or the profile field's name.
    pub kind: String,
    /// When it was written or sent, if known.
    pub date: Option<String>,
    /// The matching text, the match in `[` `]`.
    pub snippet: String,
}

impl Store {
    /// The records whose text matches every word of `query`, best first (FTS5's rank),
    /// then by date. Words are matched as written (quotes and operators are not query
    /// syntax), ignoring case and accents; a word ending in `*` matches as a prefix.
    pub fn search(&self, query: &str, filter: &SearchFilter) -> Result<Vec<Hit>, Error> {
        let words: Vec<String> = query
            .split_whitespace()
            .map(|w| {
                let (w, prefix) = match w.strip_suffix('*') {
                    Some(w) => (w, true),
                    None => (w, false),
                };
                format!(
                    "\"{}\"{}",
                    w.replace('"', "\"\""),
                    if prefix { "*" } else { "" }
                )
            })
            .filter(|w| w != "\"\"" && w != "\"\"*")
            .collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let matcher = words.join(" ");
        let limit = if filter.limit == 0 { 100 } else { filter.limit };
        let wants = |kind: &str| filter.kinds.is_empty() || filter.kinds.iter().any(|k| k == kind);
        let mut hits = Vec::new();
        #[allow(clippy::type_complexity)]
        let queries: [(&str, &'static str, String, bool); 3] = [
            (
                "posts_fts",
                "posts",
                "SELECT p.id, p.platform, p.kind, p.created_at, snippet(posts_fts, -1, '[', ']', '…', 12), rank
                 FROM posts_fts JOIN posts p ON p.rowid = posts_fts.rowid WHERE posts_fts MATCH ?1"
                    .to_string(),
                true,
            ),
            (
                "messages_fts",
                "messages",
                "SELECT m.id, c.platform, 'message', m.sent_at, snippet(messages_fts, -1, '[', ']', '…', 12), rank
                 FROM messages_fts JOIN messages m ON m.rowid = messages_fts.rowid
                 JOIN conversations c ON c.id = m.conversation_id WHERE messages_fts MATCH ?1"
                    .to_string(),
                wants("message"),
            ),
            (
                "profile_fields_fts",
                "profile_fields",
                "SELECT f.id, a.platform, f.field, f.started_at, snippet(profile_fields_fts, -1, '[', ']', '…', 12), rank
                 FROM profile_fields_fts JOIN profile_fields f ON f.rowid = profile_fields_fts.rowid
                 JOIN accounts a ON a.id = f.account_id WHERE profile_fields_fts MATCH ?1"
                    .to_string(),
                wants("profile"),
            ),
        ];
        let exists: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'posts_fts')",
            [],
            |r| r.get(0),
        )?;
        if !exists {
            // A database from before the indexes: build them now.
            refresh(&self.conn, None)?;
        }
        let mut ranked: Vec<(f64, Hit)> = Vec::new();
        for (_, table, sql, wanted) in queries {
            if !wanted {
                continue;
            }
            let mut stmt = self.conn.prepare(&sql)?;
            let mut rows = stmt.query([&matcher])?;
            while let Some(row) = rows.next()? {
                let hit = Hit {
                    table,
                    id: row.get(0)?,
                    platform: row.get(1)?,
                    kind: row.get(2)?,
                    date: row.get(3)?,
                    snippet: row.get::<_, Option<String>>(4)?.unwrap_or_default(),
                };
                if !filter.platforms.is_empty() && !filter.platforms.contains(&hit.platform) {
                    continue;
                }
                if table == "posts" && !filter.kinds.is_empty() && !filter.kinds.contains(&hit.kind)
                {
                    continue;
                }
                ranked.push((row.get(5)?, hit));
            }
        }
        ranked.sort_by(|a, b| {
            a.0.partial_cmp(&b.0)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| b.1.date.cmp(&a.1.date))
                .then_with(|| a.1.id.cmp(&b.1.id))
        });
        hits.extend(ranked.into_iter().take(limit).map(|(_, h)| h));
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_not_query_syntax_and_accents_do_not_matter() {
        let store = Store::in_memory().unwrap();
        store
            .conn
            .execute_batch(
                "INSERT INTO posts (id, platform, kind, text, created_at) VALUES
                   ('p1', 'twitter', 'tweet', 'Poffertjes bakken met de buren', '2024-02-10'),
                   ('p2', 'linkedin', 'share', 'Café \"OR\" NEAR(x)', '2025-01-01');",
            )
            .unwrap();
        refresh(&store.conn, None).unwrap();
        let hits = store
            .search("poffertjes", &SearchFilter::default())
            .unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].id, "p1");
        assert!(
            hits[0].snippet.contains("[Poffertjes]"),
            "{}",
            hits[0].snippet
        );
        assert_eq!(
            store
                .search("cafe", &SearchFilter::default())
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            store
                .search("\"OR\" NEAR(x)", &SearchFilter::default())
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            store
                .search("poff*", &SearchFilter::default())
                .unwrap()
                .len(),
            1
        );
        let only_linkedin = SearchFilter {
            platforms: vec!["linkedin".into()],
            ..SearchFilter::default()
        };
        assert!(
            store
                .search("poffertjes", &only_linkedin)
                .unwrap()
                .is_empty()
        );
    }
}
