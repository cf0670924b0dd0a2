//! Recognising a Facebook export and its era by content.

use freehold_archive::{Archive, Detection, Entry};

use crate::util::PLATFORM;

freehold_archive::layouts! {
    /// The eras of the Facebook export.
    pub enum Layout {
        /// JSON, 2018 – 2020: `profile_information/`, `friends/`, `posts/`, `messages/inbox/`,
        /// bare keys (`profile`, `friends`, `status_updates`).
        Json2018 => "facebook/json-2018",
        /// JSON, 2021 – 2023: `friends_and_followers/`, `comments_and_reactions/`, `_v2` keys.
        Json2021 => "facebook/json-2021",
        /// JSON, 2024 on: `your_facebook_activity/`, `connections/`, `personal_information/`.
        Json2024 => "facebook/json-2024",
        /// JSON, 2025/2026 variant: `this_profile's_activity_across_facebook/`.
        Json2026 => "facebook/json-2026",
        /// HTML, 2018 – 2021 ("uiBoxWhite" markup).
        HtmlUiBox => "facebook/html-uibox",
        /// HTML, 2022 on (`_a6-g` markup).
        HtmlA6g => "facebook/html-a6g",
        /// The Messenger end-to-end-encrypted "secure storage" download (camelCase JSON).
        SecureStorage => "facebook/messenger-secure-storage",
    }
}

impl Layout {
    /// Whether the export is HTML.
    pub fn is_html(self) -> bool {
        matches!(self, Layout::HtmlUiBox | Layout::HtmlA6g)
    }
}

/// Folder names Facebook uses at the top of an export (any era), lower-cased with
/// apostrophes spelled `_`. Give them to `Archive::open_many` when opening the parts of
/// one multi-zip export, so a media-only part holding just `your_facebook_activity/` is
/// not unwrapped.
pub const EXPORT_ROOTS: &[&str] = &[
    "your_facebook_activity",
    "your_activity_across_facebook",
    "this_profile_s_activity_across_facebook",
    "personal_information",
    "connections",
    "logged_information",
    "security_and_login_information",
    "apps_and_websites_off_of_facebook",
    "ads_information",
    "preferences",
    "profile_information",
    "friends",
    "friends_and_followers",
    "following_and_followers",
    "posts",
    "messages",
    "comments",
    "comments_and_reactions",
    "likes_and_reactions",
    "groups",
    "events",
    "search_history",
    "search",
    "photos_and_videos",
    "apps_and_websites",
    "your_interactions_on_facebook",
    "pages",
    "marketplace",
    "saved_items_and_collections",
    "stories",
];

/// Top-level folders only Instagram's export has (apostrophes normalised). The
/// platform is decided by these roots alone, never by a name deeper in a path (a thread
/// folder `inbox/instagram_123` or an album `Instagram_Photos` is Facebook data).
const INSTAGRAM_ROOTS: &[&str] = &[
    "your_instagram_activity",
    "apps_and_websites_off_of_instagram",
];

/// Whether a path's first component (or the archive's wrapper) is an Instagram-only root.
fn is_instagram_root(name: &str) -> bool {
    INSTAGRAM_ROOTS.contains(&plain(name).as_str())
}

/// A path with every apostrophe variant (`'`, `’`) spelled `_`, lower-cased.
pub(crate) fn plain(path: &str) -> String {
    path.replace(['\'', '\u{2019}'], "_").to_lowercase()
}

/// The archive's paths as Facebook wrote them: when the archive's only folder was a
/// Facebook root (looked through as a wrapper), it is put back. Only for a single part:
/// when several parts are opened together, `Archive::open_many` never looks through a
/// data root, and a wrapper of one part must not be put in front of another part's paths.
pub(crate) fn full_path(archive: &Archive, entry: &Entry) -> String {
    match archive.wrapper() {
        Some(w) if archive.parts().len() <= 1 && EXPORT_ROOTS.contains(&plain(w).as_str()) => {
            format!("{w}/{}", entry.path)
        }
        _ => entry.path.clone(),
    }
}

fn top(path: &str) -> String {
    plain(path.split('/').next().unwrap_or(""))
}

/// Whether the file is a Messenger thread part (`message_N.json` / `message.json`).
pub(crate) fn is_thread_part(entry: &Entry) -> bool {
    thread_part_number(entry.file_name(), "json").is_some()
}

/// The N of `message_N.<ext>` (`message.<ext>` is part 1).
pub(crate) fn thread_part_number(name: &str, ext: &str) -> Option<u32> {
    let stem = name.strip_suffix(ext)?.strip_suffix('.')?;
    if stem == "message" {
        return Some(1);
    }
    stem.strip_prefix("message_")?.parse().ok()
}

fn has_ext(entry: &Entry, ext: &str) -> bool {
    entry
        .file_name()
        .rsplit_once('.')
        .is_some_and(|(_, e)| e.eq_ignore_ascii_case(ext))
}

/// Looks at an archive and says whether it is a Facebook export, and of which era.
pub(crate) fn detect(archive: &Archive) -> Option<Detection> {
    let mut roots = 0usize;
    let mut json_files = 0usize;
    let mut html_files = 0usize;
    let mut sniffed = false;
    let mut era_2026 = false;
    let mut era_2024 = false;
    let mut era_2021 = false;
    let mut secure = false;
    let mut html_sample: Option<&Entry> = None;
    let mut sniff_budget = 40;
    if archive.wrapper().is_some_and(is_instagram_root) {
        return None;
    }
    for entry in archive.entries() {
        let full = full_path(archive, entry);
        let p = plain(&full);
        let t = top(&full);
        if is_instagram_root(&t) {
            return None;
        }
        if EXPORT_ROOTS.contains(&t.as_str()) {
            roots += 1;
        }
        match t.as_str() {
            "this_profile_s_activity_across_facebook" => era_2026 = true,
            "your_facebook_activity"
            | "your_activity_across_facebook"
            | "personal_information"
            | "logged_information" => era_2024 = true,
            "connections" if p.contains("connections/friends/") => era_2024 = true,
            "friends_and_followers" | "comments_and_reactions" => era_2021 = true,
            _ => {}
        }
        if has_ext(entry, "json") {
            json_files += 1;
            if sniff_budget > 0 && (is_thread_part(entry) || is_known_json(&p)) {
                sniff_budget -= 1;
                if let Ok(head) = archive.head(entry, 2048) {
                    let head = String::from_utf8_lossy(&head);
                    if head.contains("\"profile_v2\"") {
                        era_2021 = true;
                    }
                    if sniff_json(&head) {
                        sniffed = true;
                    }
                }
            } else if sniff_budget > 0
                && p.starts_with("messages/")
                && entry.dir().matches('/').count() == 0
            {
                sniff_budget -= 1;
                if let Ok(head) = archive.head(entry, 2048) {
                    let head = String::from_utf8_lossy(&head);
                    if head.contains("\"threadName\"") || head.contains("\"senderName\"") {
                        secure = true;
                        sniffed = true;
                    }
                }
            }
        } else if (has_ext(entry, "html") || has_ext(entry, "htm"))
            && entry.file_name() != "index.html"
        {
            html_files += 1;
            if html_sample.is_none()
                && (thread_part_number(entry.file_name(), "html").is_some()
                    || p.contains("friends")
                    || p.contains("posts/"))
            {
                html_sample = Some(entry);
            }
        }
    }
    let html_era = html_sample.and_then(|entry| {
        let head = archive.head(entry, 64 * 1024).ok()?;
        let head = String::from_utf8_lossy(&head);
        if head.contains("_a6-g") {
            Some(Layout::HtmlA6g)
        } else if head.contains("uiBoxWhite") || head.contains("_3-96") || head.contains("_2let") {
            Some(Layout::HtmlUiBox)
        } else {
            None
        }
    });
    let layout = if secure && roots <= json_files && !era_2024 && !era_2021 && html_files == 0 {
        Layout::SecureStorage
    } else if let Some(era) = html_era.filter(|_| html_files > json_files) {
        era
    } else if era_2026 {
        Layout::Json2026
    } else if era_2024 {
        Layout::Json2024
    } else if era_2021 {
        Layout::Json2021
    } else if sniffed || roots > 0 {
        Layout::Json2018
    } else {
        return None;
    };
    let confidence = if sniffed || html_era.is_some() {
        90
    } else if roots >= 3 {
        60
    } else {
        return None;
    };
    Some(Detection {
        platform: PLATFORM,
        layout: freehold_archive::AnyLayout::new(layout),
        confidence,
    })
}

/// File names whose head is worth sniffing.
fn is_known_json(p: &str) -> bool {
    [
        "profile_information.json",
        "friends.json",
        "your_friends.json",
        "your_posts",
        "profile_posts",
        "comments.json",
    ]
    .iter()
    .any(|n| {
        p.rsplit('/')
            .next()
            .is_some_and(|f| f.starts_with(n.trim_end_matches(".json")))
    })
}

/// Whether the start of a JSON file looks like Facebook's.
fn sniff_json(head: &str) -> bool {
    const KEYS: &[&str] = &[
        "\"profile_v2\"",
        "\"profile\"",
        "\"friends_v2\"",
        "\"friends\"",
        "\"status_updates\"",
        "\"comments_v2\"",
        "\"comments\"",
        "\"thread_path\"",
        "\"is_still_participant\"",
    ];
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if KEYS.iter().any(|k| head.contains(k)) {
        return true;
    }
    // A bare array of posts: `[ { "timestamp": …, "data": [ { "post": …`.
    head.starts_with('[')
        && head.contains("\"timestamp\"")
        && (head.contains("\"post\"")
            || head.contains("\"attachments\"")
            || head.contains("\"title\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_parts() {
        assert_eq!(thread_part_number("message_1.json", "json"), Some(1));
        assert_eq!(thread_part_number("message_12.json", "json"), Some(12));
        assert_eq!(thread_part_number("message.json", "json"), Some(1));
        assert_eq!(thread_part_number("message_1.html", "html"), Some(1));
        assert_eq!(thread_part_number("messages.json", "json"), None);
        assert_eq!(thread_part_number("message_x.json", "json"), None);
    }

    #[test]
    fn apostrophes_are_one_spelling() {
        assert_eq!(
            plain("who_you've_followed.json"),
            "who_you_ve_followed.json"
        );
        assert_eq!(
            plain("pages_you\u{2019}ve_liked.json"),
            "pages_you_ve_liked.json"
        );
        assert_eq!(
            plain("this_profile's_activity_across_facebook"),
            "this_profile_s_activity_across_facebook"
        );
    }
}
