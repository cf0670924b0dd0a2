//! Privacy by default: what a publishing exit may show (`shared/privacy.md` is the
//! contract). Only posts known to be public and written by an owner account are
//! published; everything else is withheld with a reason, and each reason has its own
//! opt-in. Private messages are never published, and no option changes that.

use std::collections::BTreeMap;
use std::fmt;

use freehold_model::Post;

/// Why a post was not published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// The platform did not record who could see it (Facebook posts, LinkedIn's
    /// `MEMBER_NETWORK`, posts without a visibility).
    UnknownAudience,
    /// Its audience was narrower than public: followers, friends, connections, a circle,
    /// a community, private.
    FriendsOnly,
    /// The owner deleted it on the platform (X keeps deleted tweets in the archive).
    Deleted,
    /// Someone else wrote it (a krabbel or wall post on the owner's page, a comment by
    /// another person), or it is the owner's comment on someone else's post.
    OthersPosts,
    /// Outside the chosen platforms, accounts or time range.
    NotSelected,
}

impl Reason {
    /// The option that would include this group, if any.
    pub fn flag(self) -> Option<&'static str> {
        match self {
            Reason::UnknownAudience => Some("--include unknown-audience"),
            Reason::FriendsOnly => Some("--include friends-only"),
            Reason::OthersPosts => Some("--include others-posts"),
            Reason::Deleted => Some("--include deleted"),
            Reason::NotSelected => None,
        }
    }

    /// A short description for the summary.
    pub fn describe(self) -> &'static str {
        match self {
            Reason::UnknownAudience => "posts whose audience the platform did not record",
            Reason::FriendsOnly => "posts for friends, followers, connections or a circle only",
            Reason::OthersPosts => {
                "posts and comments written by others, and your comments on their posts"
            }
            Reason::Deleted => "posts you deleted on the platform",
            Reason::NotSelected => "posts outside the chosen platforms, accounts or dates",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// The widenings the owner asked for, one per reason; there is no "all".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Include {
    /// `--include unknown-audience`.
    pub unknown_audience: bool,
    /// `--include friends-only`.
    pub friends_only: bool,
    /// `--include others-posts`.
    pub others_posts: bool,
    /// `--include deleted`.
    pub deleted: bool,
    /// `--include graph`: the accounts you follow or are connected to, and your likes
    /// (`activitystreams`: `following_accounts.csv`, `find-them-again.csv`, `likes.json`).
    pub graph: bool,
}

impl Include {
    /// Parses one `--include` value.
    pub fn add(&mut self, what: &str) -> Result<(), String> {
        match what {
            "unknown-audience" => self.unknown_audience = true,
            "friends-only" => self.friends_only = true,
            "others-posts" => self.others_posts = true,
            "deleted" => self.deleted = true,
            "graph" => self.graph = true,
            other => {
                return Err(format!(
                    "`{other}` is not something an export can include: use unknown-audience, friends-only, others-posts, deleted or graph (messages are never published)"
                ));
            }
        }
        Ok(())
    }

    fn allows(self, reason: Reason) -> bool {
        match reason {
            Reason::UnknownAudience => self.unknown_audience,
            Reason::FriendsOnly => self.friends_only,
            Reason::OthersPosts => self.others_posts,
            Reason::Deleted => self.deleted,
            Reason::NotSelected => false,
        }
    }
}

/// What the audience of a post was, by the platform's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Anyone could see it.
    Public,
    /// A narrower audience.
    Narrower,
    /// Not recorded.
    Unknown,
}

/// The audience of `post` by its platform's rule:
/// - X: public unless the visibility says otherwise (protected at the time, a circle, a
///   community);
/// - LinkedIn: `PUBLIC` is public; `MEMBER_NETWORK` (undocumented) is unknown; others
///   are narrower;
/// - Facebook and Hyves, and anything else: the visibility if recorded, else unknown.
pub fn audience(post: &Post) -> Audience {
    let raw = post
        .extra
        .as_ref()
        .and_then(|e| e.get("Visibility"))
        .and_then(|v| v.as_str());
    if post.platform == "linkedin" && raw.is_some_and(|r| r.eq_ignore_ascii_case("MEMBER_NETWORK"))
    {
        return Audience::Unknown;
    }
    match post.visibility.as_deref() {
        Some("public") => Audience::Public,
        Some(_) => Audience::Narrower,
        None if post.platform == "twitter" => Audience::Public,
        None => Audience::Unknown,
    }
}

/// Decides post by post, and counts.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    include: Include,
    owners: std::collections::HashSet<String>,
    published: u64,
    withheld: BTreeMap<Reason, u64>,
}

impl Policy {
    /// A policy for a database whose owner accounts are `owners`.
    pub fn new(include: Include, owners: impl IntoIterator<Item = String>) -> Policy {
        Policy {
            include,
            owners: owners.into_iter().collect(),
            ..Policy::default()
        }
    }

    /// Whether an account is one of the owner's.
    pub fn is_owner(&self, account: Option<&str>) -> bool {
        account.is_some_and(|a| self.owners.contains(a))
    }

    /// Why `post` may not be published, or `None` when it may. `parent_author` is the
    /// author of the post it replies to, when that post is in the database.
    pub fn judge(&self, post: &Post, parent_author: Option<Option<&str>>) -> Option<Reason> {
        let own = self.is_owner(post.author_account.as_deref());
        // A comment by the owner on someone else's post (or on a post we do not have, or
        // on none named, as Facebook's "commented on X's post": neither can be shown to
        // be the owner's) counts with others' posts.
        let on_others = post.kind == "comment"
            && match parent_author {
                Some(author) => !self.is_owner(author),
                None => true,
            };
        if !own || on_others {
            return Some(Reason::OthersPosts).filter(|r| !self.include.allows(*r));
        }
        let deleted = post
            .extra
            .as_ref()
            .and_then(|e| e.get("deleted"))
            .and_then(serde_json::Value::as_bool)
            == Some(true);
        if deleted && !self.include.allows(Reason::Deleted) {
            return Some(Reason::Deleted);
        }
        let reason = match audience(post) {
            Audience::Public => None,
            Audience::Narrower => Some(Reason::FriendsOnly),
            Audience::Unknown => Some(Reason::UnknownAudience),
        };
        reason.filter(|r| !self.include.allows(*r))
    }

    /// Counts a post published.
    pub fn count_published(&mut self) {
        self.published += 1;
    }

    /// Counts a post withheld.
    pub fn count_withheld(&mut self, reason: Reason, n: u64) {
        *self.withheld.entry(reason).or_default() += n;
    }

    /// The summary so far.
    pub fn summary(&self) -> Summary {
        Summary {
            published: self.published,
            withheld: self.withheld.clone(),
            messages_withheld: 0,
        }
    }
}

/// What a publishing export published and withheld.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Posts published.
    pub published: u64,
    /// Posts withheld, by reason.
    pub withheld: BTreeMap<Reason, u64>,
    /// Private messages in the database, none of which is ever published.
    pub messages_withheld: u64,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "published: {} posts", self.published)?;
        for (reason, n) in &self.withheld {
            match reason.flag() {
                Some(flag) => writeln!(f, "withheld: {n} {reason} (add {flag} to publish them)")?,
                None => writeln!(f, "withheld: {n} {reason}")?,
            }
        }
        if self.messages_withheld > 0 {
            writeln!(
                f,
                "withheld: {} private messages (never published)",
                self.messages_withheld
            )?;
        }
        Ok(())
    }
}

/// `--redact third-parties`: every account that is not the owner's gets a stable
/// pseudonym (the same person the same one in every file of an export, another one with
/// another `--redact-key`), and their handles and names are masked in the text that is
/// written, where the archive says who they are.
#[derive(Debug, Clone)]
pub struct Redactor {
    key: String,
}

impl Redactor {
    /// A redactor with `key` (a default one when `None`).
    pub fn new(key: Option<&str>) -> Redactor {
        Redactor {
            key: key.unwrap_or("freehold").to_string(),
        }
    }

    /// The pseudonym of an account (by its id, or a handle when that is all there is).
    pub fn pseudonym(&self, who: &str) -> String {
        let h = freehold_model::id::hash_parts(&[&self.key, who]);
        format!("person-{}", &h[..h.len().min(8)])
    }

    /// `text` with the account part of X and Twitter addresses (`x.com/<handle>/…`)
    /// replaced by a pseudonym, unless it is one of `keep` (the owner's handles).
    pub fn mask_profile_urls(&self, text: &str, keep: &[String]) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        loop {
            let Some((i, len)) = next_profile_host(rest) else {
                out.push_str(rest);
                return out;
            };
            out.push_str(&rest[..i + len]);
            rest = &rest[i + len..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let handle = &rest[..end];
            let reserved = ["i", "intent", "hashtag", "search", "home", "share"];
            if handle.is_empty()
                || reserved.contains(&handle)
                || keep.iter().any(|k| k.eq_ignore_ascii_case(handle))
            {
                out.push_str(handle);
            } else {
                out.push_str(&self.pseudonym(&handle.to_ascii_lowercase()));
            }
            rest = &rest[end..];
        }
    }

    /// `text` with each `(as written, pseudonym)` replaced, longest first so that a name
    /// inside a longer one is not replaced twice.
    pub fn mask(&self, text: &str, names: &[(String, String)]) -> String {
        let mut names: Vec<&(String, String)> = names
            .iter()
            .filter(|(n, _)| n.chars().count() >= 3)
            .collect();
        names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        let mut out = text.to_string();
        for (name, pseudonym) in names {
            out = out.replace(name.as_str(), pseudonym);
        }
        out
    }
}

/// Where the next `x.com/` or `twitter.com/` host starts in `text` (any letter case, as a
/// whole host: `www.x.com/` counts, `netflix.com/` does not), and its length.
fn next_profile_host(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let boundary = |i: usize| {
        i == 0 || {
            let b = bytes[i - 1];
            !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        }
    };
    ["x.com/", "twitter.com/"]
        .iter()
        .filter_map(|host| {
            let host = host.as_bytes();
            bytes
                .windows(host.len())
                .enumerate()
                .find(|(i, w)| w.eq_ignore_ascii_case(host) && boundary(*i))
                .map(|(i, _)| (i, host.len()))
        })
        .min()
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_whole_x_and_twitter_hosts_are_profile_urls() {
        let r = super::Redactor::new(None);
        let masked = r.mask_profile_urls(
            "see https://netflix.com/title and https://www.X.com/someone and twitter.com/me",
            &["me".to_string()],
        );
        assert!(masked.contains("https://netflix.com/title"), "{masked}");
        assert!(!masked.contains("someone"), "{masked}");
        assert!(masked.contains("https://www.X.com/person-"), "{masked}");
        assert!(masked.ends_with("twitter.com/me"), "{masked}");
    }

    use super::*;

    fn post(platform: &str, author: &str, visibility: Option<&str>) -> Post {
        Post {
            id: "p".into(),
            platform: platform.into(),
            kind: "status".into(),
            author_account: Some(author.into()),
            visibility: visibility.map(str::to_string),
            ..Post::default()
        }
    }

    #[test]
    fn only_public_posts_of_the_owner_are_published_by_default() {
        let policy = Policy::new(Include::default(), ["me".to_string()]);
        assert_eq!(policy.judge(&post("twitter", "me", None), None), None);
        assert_eq!(
            policy.judge(&post("twitter", "me", Some("followers")), None),
            Some(Reason::FriendsOnly)
        );
        assert_eq!(
            policy.judge(&post("facebook", "me", None), None),
            Some(Reason::UnknownAudience)
        );
        assert_eq!(
            policy.judge(&post("hyves", "friend", Some("public")), None),
            Some(Reason::OthersPosts)
        );
        let mut linkedin = post("linkedin", "me", Some("connections"));
        linkedin.extra = Some(serde_json::Map::from_iter([(
            "Visibility".to_string(),
            serde_json::Value::from("MEMBER_NETWORK"),
        )]));
        assert_eq!(policy.judge(&linkedin, None), Some(Reason::UnknownAudience));
        let mut comment = post("hyves", "me", Some("public"));
        comment.kind = "comment".into();
        comment.in_reply_to = Some("q".into());
        assert_eq!(
            policy.judge(&comment, Some(Some("friend"))),
            Some(Reason::OthersPosts)
        );
        assert_eq!(policy.judge(&comment, Some(Some("me"))), None);
    }

    #[test]
    fn pseudonyms_are_stable_per_key_and_names_are_masked() {
        let a = Redactor::new(None);
        let b = Redactor::new(Some("other"));
        assert_eq!(a.pseudonym("tw:account:1"), a.pseudonym("tw:account:1"));
        assert_ne!(a.pseudonym("tw:account:1"), a.pseudonym("tw:account:2"));
        assert_ne!(a.pseudonym("tw:account:1"), b.pseudonym("tw:account:1"));
        let p = a.pseudonym("tw:account:1");
        let names = vec![
            ("@lan_nguyen".to_string(), format!("@{p}")),
            ("Lan Nguyễn".to_string(), p.clone()),
        ];
        assert_eq!(
            a.mask("Dank @lan_nguyen! Lan Nguyễn is de beste.", &names),
            format!("Dank @{p}! {p} is de beste.")
        );
    }

    #[test]
    fn each_widening_is_its_own_flag() {
        let mut include = Include::default();
        include.add("unknown-audience").unwrap();
        let policy = Policy::new(include, ["me".to_string()]);
        assert_eq!(policy.judge(&post("facebook", "me", None), None), None);
        assert_eq!(
            policy.judge(&post("twitter", "me", Some("followers")), None),
            Some(Reason::FriendsOnly)
        );
        assert!(Include::default().add("messages").is_err());
        assert!(Include::default().add("all").is_err());
    }
}
