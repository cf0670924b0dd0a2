//! An error as the person reads it: its message and causes, each said once.

use std::error::Error;

/// The message of `error` followed by those of its causes, joined by `: `, leaving out a
/// cause whose text is already said (many errors put their cause in their own message
/// and also return it as their source; SQLite's `Error code 26: …` repeats the text
/// before it).
pub fn message(error: &anyhow::Error) -> String {
    chain(error.chain())
}

/// [`message`] for any chain of errors, outermost first.
pub fn chain<'a>(errors: impl IntoIterator<Item = &'a (dyn Error + 'static)>) -> String {
    let mut out = String::new();
    for e in errors {
        let text = e.to_string();
        let bare = strip_code(&text);
        if bare.is_empty() || out.contains(bare) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

/// Whether `error` comes from writing to a pipe whose reader has gone (`| head`).
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// `file is not a database` for SQLite's `Error code 26: file is not a database`.
fn strip_code(text: &str) -> &str {
    text.strip_prefix("Error code ")
        .and_then(|rest| rest.split_once(": "))
        .filter(|(code, _)| code.bytes().all(|b| b.is_ascii_digit()))
        .map_or(text, |(_, rest)| rest)
}

#[cfg(test)]
mod tests {
    use super::message;

    #[test]
    fn each_cause_is_said_once() {
        let io = std::io::Error::from(std::io::ErrorKind::NotFound);
        let text = io.to_string();
        let e = anyhow::Error::new(io).context(format!("cannot read x.zip: {text}"));
        assert_eq!(message(&e), format!("cannot read x.zip: {text}"));
        let e = anyhow::anyhow!("Error code 26: file is not a database")
            .context("file is not a database")
            .context("cannot open the database a.sqlite");
        assert_eq!(
            message(&e),
            "cannot open the database a.sqlite: file is not a database"
        );
        let e = anyhow::anyhow!("inner").context("outer");
        assert_eq!(message(&e), "outer: inner");
    }
}
