//! The typed read path: the model's own record types, streamed in a stable order, with
//! the filters that exits need. Exporters never write SQL.
//!
//! ```
//! use freehold_store::{PostFilter, Store};
//!
//! let store = Store::in_memory()?;
//! let owners = store.owners()?;
//! assert!(owners.is_empty());
//! let filter = PostFilter {
//!     owner_only: true,
//!     platforms: vec!["twitter".into()],
//!     since: Some("2020-01-01".into()),
//!     ..PostFilter::default()
//! };
//! let mut seen = 0;
//! store.for_each_post(&filter, |post| {
//!     seen += 1;
//!     assert_eq!(post.post.platform, "twitter");
//!     Ok::<(), freehold_store::Error>(())
//! })?;
//! assert_eq!(seen, 0);
//! # Ok::<(), freehold_store::Error>(())
//! ```

use freehold_model::{
    Account, Attachment, Cell, Media, Post, PostEntity, Reaction, Relationship, Row, TableDef,
};
use rusqlite::types::ValueRef;

use crate::{Error, Store};

/// Which posts to read. Empty lists mean "all".
#[derive(Debug, Clone, Default)]
pub struct PostFilter {
    /// Only posts written by an owner account (`accounts.is_owner`).
    pub owner_only: bool,
    /// Only these platforms (`twitter`, `facebook`, `linkedin`, `hyves`).
    pub platforms: Vec<String>,
    /// Only posts written by these accounts.
    pub authors: Vec<String>,
    /// Only these kinds (`tweet`, `share`, `blog`, ...).
    pub kinds: Vec<String>,
    /// Only posts created at or after this time (an ISO 8601 prefix: `2020`, `2020-06-01`).
    pub since: Option<String>,
    /// Only posts created before this time (an ISO 8601 prefix; `2021` means before 2021).
    pub until: Option<String>,
}

/// The order posts are read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PostOrder {
    /// Newest first (by `created_at`, then id; undated posts last).
    #[default]
    NewestFirst,
    /// Oldest first (undated posts first).
    OldestFirst,
}

/// A post with what it carries: its hashtags, mentions and links, and its media in
/// attachment order.
#[derive(Debug, Clone, PartialEq)]
pub struct PostView {
    /// The post.
    pub post: Post,
    /// Its entities, in key order.
    pub entities: Vec<PostEntity>,
    /// Its media, with the attachment that places each.
    pub media: Vec<(Attachment, Media)>,
}

impl Store {
    /// Every row of table `T` in key order, as `T`.
    pub fn for_each_row_as<T: Row>(
        &self,
        mut f: impl FnMut(T) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let sql = format!(
            "SELECT {} FROM \"{}\" ORDER BY {}",
            columns(T::DEF),
            T::DEF.name,
            T::DEF.key.join(", ")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            f(read_row(row)?)?;
        }
        Ok(())
    }

    /// The owner accounts, one per platform archive imported, by id.
    pub fn owners(&self) -> Result<Vec<Account>, Error> {
        self.accounts_where("is_owner = 1", &[])
    }

    /// One account by id.
    pub fn account(&self, id: &str) -> Result<Option<Account>, Error> {
        Ok(self.accounts_where("id = ?1", &[id])?.into_iter().next())
    }

    fn accounts_where(&self, filter: &str, params: &[&str]) -> Result<Vec<Account>, Error> {
        let sql = format!(
            "SELECT {} FROM accounts WHERE {filter} ORDER BY id",
            columns(Account::DEF)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(read_row(row)?);
        }
        Ok(out)
    }

    /// The profile fields of an account, by field and value.
    pub fn profile_fields(
        &self,
        account: &str,
    ) -> Result<Vec<freehold_model::ProfileField>, Error> {
        let sql = format!(
            "SELECT {} FROM profile_fields WHERE account_id = ?1 ORDER BY field, value, id",
            columns(freehold_model::ProfileField::DEF)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([account])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(read_row(row)?);
        }
        Ok(out)
    }

    /// How many posts `filter` selects.
    pub fn count_posts(&self, filter: &PostFilter) -> Result<u64, Error> {
        let (clause, params) = post_clause(filter);
        let n: i64 = self.conn.query_row(
            &format!("SELECT COUNT(*) FROM posts p WHERE {clause}"),
            rusqlite::params_from_iter(params.iter()),
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// The posts `filter` selects, newest first, each with its entities and media. `f`
    /// may fail with an error of its own (anything a store error converts into).
    pub fn for_each_post<E: From<Error>>(
        &self,
        filter: &PostFilter,
        f: impl FnMut(PostView) -> Result<(), E>,
    ) -> Result<(), E> {
        self.for_each_post_in(filter, PostOrder::NewestFirst, f)
    }

    /// [`Store::for_each_post`] in a chosen order.
    pub fn for_each_post_in<E: From<Error>>(
        &self,
        filter: &PostFilter,
        order: PostOrder,
        mut f: impl FnMut(PostView) -> Result<(), E>,
    ) -> Result<(), E> {
        let (clause, params) = post_clause(filter);
        let order = match order {
            PostOrder::NewestFirst => "p.created_at IS NULL, p.created_at DESC, p.id DESC",
            PostOrder::OldestFirst => "p.created_at IS NOT NULL, p.created_at, p.id",
        };
        // Three cursors in the same order, walked in step: the posts, their entities and
        // their media. One statement each for the whole stream, not two queries a post.
        let sql = format!(
            "SELECT {} FROM posts p WHERE {clause} ORDER BY {order}",
            prefixed(Post::DEF, "p")
        );
        let entities_sql = format!(
            "SELECT p.id, {} FROM posts p JOIN post_entities e ON e.post_id = p.id
             WHERE {clause} ORDER BY {order}, e.id",
            prefixed(PostEntity::DEF, "e")
        );
        let media_sql = format!(
            "SELECT p.id, {}, {} FROM posts p
             JOIN attachments a ON a.owner_kind = 'post' AND a.owner_id = p.id
             JOIN media m ON m.id = a.media_id
             WHERE {clause} ORDER BY {order}, a.position, a.id",
            prefixed(Attachment::DEF, "a"),
            prefixed(Media::DEF, "m")
        );
        let params = rusqlite::params_from_iter(params.iter());
        let mut stmt = self.conn.prepare(&sql).map_err(Error::from)?;
        let mut ent_stmt = self.conn.prepare(&entities_sql).map_err(Error::from)?;
        let mut med_stmt = self.conn.prepare(&media_sql).map_err(Error::from)?;
        let mut rows = stmt.query(params.clone()).map_err(Error::from)?;
        let mut ent_rows = ent_stmt.query(params.clone()).map_err(Error::from)?;
        let mut med_rows = med_stmt.query(params).map_err(Error::from)?;
        let mut ent_next = next_keyed(&mut ent_rows, |row| {
            PostEntity::from_cells((1..=PostEntity::DEF.columns.len()).map(|i| cell(row, i)))
        })?;
        let split = Attachment::DEF.columns.len();
        let read_media = |row: &rusqlite::Row<'_>| -> Result<(Attachment, Media), String> {
            let a = Attachment::from_cells((1..=split).map(|i| cell(row, i)))?;
            let m = Media::from_cells(
                (split + 1..=split + Media::DEF.columns.len()).map(|i| cell(row, i)),
            )?;
            Ok((a, m))
        };
        let mut med_next = next_keyed(&mut med_rows, read_media)?;
        while let Some(row) = rows.next().map_err(Error::from)? {
            let post: Post = read_row(row)?;
            let mut entities = Vec::new();
            while ent_next.as_ref().is_some_and(|(id, _)| *id == post.id) {
                if let Some((_, e)) = ent_next.take() {
                    entities.push(e);
                }
                ent_next = next_keyed(&mut ent_rows, |row| {
                    PostEntity::from_cells(
                        (1..=PostEntity::DEF.columns.len()).map(|i| cell(row, i)),
                    )
                })?;
            }
            let mut media = Vec::new();
            while med_next.as_ref().is_some_and(|(id, _)| *id == post.id) {
                if let Some((_, m)) = med_next.take() {
                    media.push(m);
                }
                med_next = next_keyed(&mut med_rows, read_media)?;
            }
            f(PostView {
                post,
                entities,
                media,
            })?;
        }
        Ok(())
    }

    /// Starts a read transaction that lasts until the returned guard is dropped: every
    /// read in between sees one state of the database (an import that commits meanwhile
    /// is not half seen), and SQLite does not take and release its lock per query.
    pub fn read_snapshot(&self) -> Result<ReadSnapshot<'_>, Error> {
        let open = self.conn.is_autocommit();
        if open {
            self.conn.execute_batch("BEGIN DEFERRED")?;
        }
        Ok(ReadSnapshot { store: self, open })
    }

    /// The posts `filter` selects, newest first, without their entities and media (a
    /// cheaper pass, for deciding what to export).
    pub fn for_each_post_plain(
        &self,
        filter: &PostFilter,
        mut f: impl FnMut(Post) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let (clause, params) = post_clause(filter);
        let sql = format!(
            "SELECT {} FROM posts p WHERE {clause} ORDER BY p.created_at IS NULL, p.created_at DESC, p.id DESC",
            prefixed(Post::DEF, "p")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
        while let Some(row) = rows.next()? {
            f(read_row(row)?)?;
        }
        Ok(())
    }

    /// The author of a post: `None` when the post is not in the database, `Some(None)`
    /// when it has no author.
    pub fn post_author(&self, id: &str) -> Result<Option<Option<String>>, Error> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT author_account FROM posts WHERE id = ?1")?;
        let mut rows = stmt.query([id])?;
        Ok(match rows.next()? {
            Some(row) => Some(row.get(0)?),
            None => None,
        })
    }

    /// Rows of one table of the model.
    pub fn count_rows(&self, table: &str) -> Result<u64, Error> {
        if !freehold_model::TABLES.iter().any(|t| t.name == table) {
            return Err(Error::Integrity(format!("no table {table} in the model")));
        }
        let n: i64 =
            self.conn
                .query_row(&format!("SELECT COUNT(*) FROM \"{table}\""), [], |r| {
                    r.get(0)
                })?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// The media attached to a row (`owner_kind` `post`, `account`, `album`, ...), in
    /// attachment order.
    pub fn media_of(&self, owner_kind: &str, owner_id: &str) -> Result<Vec<Media>, Error> {
        let sql = format!(
            "SELECT {} FROM attachments a JOIN media m ON m.id = a.media_id
             WHERE a.owner_kind = ?1 AND a.owner_id = ?2 ORDER BY a.position, a.id",
            prefixed(Media::DEF, "m")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([owner_kind, owner_id])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(read_row(row)?);
        }
        Ok(out)
    }

    /// One post by id, with its entities and media.
    pub fn post(&self, id: &str) -> Result<Option<PostView>, Error> {
        let sql = format!("SELECT {} FROM posts WHERE id = ?1", columns(Post::DEF));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([id])?;
        match rows.next()? {
            Some(row) => {
                let post = read_row(row)?;
                drop(rows);
                Ok(Some(self.view(post)?))
            }
            None => Ok(None),
        }
    }

    /// The ids of the posts that reply to `id`, oldest first.
    pub fn replies_to(&self, id: &str) -> Result<Vec<String>, Error> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM posts WHERE in_reply_to = ?1 ORDER BY created_at IS NULL, created_at, id",
        )?;
        let ids = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(ids)
    }

    /// The ties of the owner accounts of these `kinds` (`follows`, `friend`,
    /// `connection`, ...), in either direction, by id.
    pub fn owner_ties(&self, kinds: &[&str]) -> Result<Vec<Relationship>, Error> {
        let marks: Vec<String> = (1..=kinds.len()).map(|i| format!("?{i}")).collect();
        let sql = format!(
            "SELECT {} FROM relationships r WHERE r.kind IN ({}) AND (
                r.from_account IN (SELECT id FROM accounts WHERE is_owner = 1)
                OR r.to_account IN (SELECT id FROM accounts WHERE is_owner = 1))
             ORDER BY r.id",
            prefixed(Relationship::DEF, "r"),
            if marks.is_empty() {
                "NULL".to_string()
            } else {
                marks.join(", ")
            }
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(kinds.iter()))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(read_row(row)?);
        }
        Ok(out)
    }

    /// The reactions of the owner accounts to posts (not messages), by id.
    pub fn for_each_owner_reaction(
        &self,
        mut f: impl FnMut(Reaction) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let sql = format!(
            "SELECT {} FROM reactions r WHERE r.target_message IS NULL
               AND r.actor_account IN (SELECT id FROM accounts WHERE is_owner = 1)
             ORDER BY r.id",
            prefixed(Reaction::DEF, "r")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            f(read_row(row)?)?;
        }
        Ok(())
    }

    fn view(&self, post: Post) -> Result<PostView, Error> {
        let entities = {
            let sql = format!(
                "SELECT {} FROM post_entities WHERE post_id = ?1 ORDER BY id",
                columns(PostEntity::DEF)
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query([&post.id])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                out.push(read_row(row)?);
            }
            out
        };
        let media = {
            let sql = format!(
                "SELECT {}, {} FROM attachments a JOIN media m ON m.id = a.media_id
                 WHERE a.owner_kind = 'post' AND a.owner_id = ?1 ORDER BY a.position, a.id",
                prefixed(Attachment::DEF, "a"),
                prefixed(Media::DEF, "m")
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query([&post.id])?;
            let mut out = Vec::new();
            let split = Attachment::DEF.columns.len();
            while let Some(row) = rows.next()? {
                let a = Attachment::from_cells((0..split).map(|i| cell(row, i)))
                    .map_err(Error::Integrity)?;
                let m = Media::from_cells(
                    (split..split + Media::DEF.columns.len()).map(|i| cell(row, i)),
                )
                .map_err(Error::Integrity)?;
                out.push((a, m));
            }
            out
        };
        Ok(PostView {
            post,
            entities,
            media,
        })
    }
}

/// A read transaction of [`Store::read_snapshot`]; ends when dropped.
#[derive(Debug)]
pub struct ReadSnapshot<'s> {
    store: &'s Store,
    open: bool,
}

impl Drop for ReadSnapshot<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = self.store.conn.execute_batch("COMMIT");
        }
    }
}

/// The next row of a cursor whose first column is a post id: the id and the rest read
/// by `read`.
fn next_keyed<T>(
    rows: &mut rusqlite::Rows<'_>,
    read: impl Fn(&rusqlite::Row<'_>) -> Result<T, String>,
) -> Result<Option<(String, T)>, Error> {
    match rows.next()? {
        Some(row) => {
            let id: String = row.get(0)?;
            Ok(Some((id, read(row).map_err(Error::Integrity)?)))
        }
        None => Ok(None),
    }
}

/// The `WHERE` clause and its parameters for a filter, on `posts p`.
fn post_clause(filter: &PostFilter) -> (String, Vec<String>) {
    let mut clauses = vec!["1".to_string()];
    let mut params: Vec<String> = Vec::new();
    let list = |column: &str, values: &[String], params: &mut Vec<String>| -> Option<String> {
        if values.is_empty() {
            return None;
        }
        let marks: Vec<String> = values
            .iter()
            .map(|v| {
                params.push(v.clone());
                format!("?{}", params.len())
            })
            .collect();
        Some(format!("{column} IN ({})", marks.join(", ")))
    };
    if filter.owner_only {
        clauses
            .push("p.author_account IN (SELECT id FROM accounts WHERE is_owner = 1)".to_string());
    }
    if let Some(c) = list("p.platform", &filter.platforms, &mut params) {
        clauses.push(c);
    }
    if let Some(c) = list("p.author_account", &filter.authors, &mut params) {
        clauses.push(c);
    }
    if let Some(c) = list("p.kind", &filter.kinds, &mut params) {
        clauses.push(c);
    }
    if let Some(since) = &filter.since {
        params.push(since.clone());
        clauses.push(format!("p.created_at >= ?{}", params.len()));
    }
    if let Some(until) = &filter.until {
        params.push(until.clone());
        clauses.push(format!("p.created_at < ?{}", params.len()));
    }
    (clauses.join(" AND "), params)
}

fn columns(def: &TableDef) -> String {
    def.columns
        .iter()
        .map(|c| format!("\"{}\"", c.name))
        .collect::<Vec<_>>()
        .join(", ")
}

fn prefixed(def: &TableDef, alias: &str) -> String {
    def.columns
        .iter()
        .map(|c| format!("{alias}.\"{}\"", c.name))
        .collect::<Vec<_>>()
        .join(", ")
}

fn cell<'r>(row: &'r rusqlite::Row<'_>, i: usize) -> Cell<'r> {
    match row.get_ref(i) {
        Ok(ValueRef::Integer(n)) => Cell::Int(n),
        Ok(ValueRef::Real(x)) => Cell::Real(x),
        Ok(ValueRef::Text(t) | ValueRef::Blob(t)) => Cell::Text(String::from_utf8_lossy(t)),
        Ok(ValueRef::Null) | Err(_) => Cell::Null,
    }
}

fn read_row<T: Row>(row: &rusqlite::Row<'_>) -> Result<T, Error> {
    T::from_cells((0..T::DEF.columns.len()).map(|i| cell(row, i))).map_err(Error::Integrity)
}
