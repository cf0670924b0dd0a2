//! Media files: resolving the `uri`s of posts and messages against the archive, and
//! media rows for files no record names.

use std::collections::{HashMap, HashSet};

use freehold_archive::media::emit_unclaimed;
use freehold_archive::text::{media_kind, mime_from_name};
use freehold_archive::{Archive, Error, Fate, ParseContext};
use freehold_model::{Attachment, Media, id};
use serde_json::Value;

use crate::detect::{full_path, plain};
use crate::util::{IDS, Out, PLATFORM, array, extra_without, int_of, seconds, str_trimmed};

/// Folder prefixes Meta puts before media URIs in some eras; URIs are retried without them.
const PREFIXES: &[&str] = &[
    "your_facebook_activity/",
    "your_activity_across_facebook/",
    "this_profile_s_activity_across_facebook/",
];

/// A URI or path without a known era prefix, apostrophes normalised: the media's key.
fn key_of(uri: &str) -> String {
    let p = plain(uri.trim_start_matches("./"));
    for prefix in PREFIXES {
        if let Some(rest) = p.strip_prefix(prefix) {
            return rest.to_string();
        }
    }
    p
}

/// Whether a file is a media file, by extension.
pub(crate) fn is_media_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    mime_from_name(&lower).is_some()
        || [".gif", ".mkv", ".avi", ".3gp", ".txt.gz"]
            .iter()
            .any(|e| lower.ends_with(e))
}

#[derive(Debug, Clone)]
struct File {
    path: String,
    size: u64,
}

/// Every media file of the archive, by key.
#[derive(Debug, Default)]
pub(crate) struct MediaIndex {
    by_key: HashMap<String, File>,
    /// Every other file that is not a data file (`.json`, `.html`), by key: a file a
    /// record names (a `.txt` or `.docx` shared in a group) is that record's media
    /// whatever its type, and gets the `media` fate once named.
    others: HashMap<String, File>,
    /// Files some record named. Shared by the threads of a parallel parse; only the
    /// union matters (for [`MediaIndex::emit_unclaimed`]), so their order does not.
    claimed: std::sync::Mutex<HashSet<String>>,
}

impl MediaIndex {
    /// Indexes every media file and gives it the `media` fate.
    pub(crate) fn build(archive: &Archive, cx: &mut ParseContext<'_>, html: bool) -> MediaIndex {
        let mut index = MediaIndex::default();
        for entry in archive.entries() {
            if !is_media_name(entry.file_name()) {
                let lower = entry.file_name().to_ascii_lowercase();
                if !(lower.ends_with(".json") || lower.ends_with(".html")) {
                    let file = File {
                        path: entry.path.clone(),
                        size: entry.size,
                    };
                    index
                        .others
                        .insert(key_of(&full_path(archive, entry)), file);
                }
                continue;
            }
            // The HTML viewer's own images (icons) sit in `files/` at the root.
            if html && entry.path.starts_with("files/") {
                continue;
            }
            cx.set_fate(entry, Fate::Media, "media file");
            let key = key_of(&full_path(archive, entry));
            index.by_key.insert(
                key,
                File {
                    path: entry.path.clone(),
                    size: entry.size,
                },
            );
        }
        index
    }

    fn resolve(&self, uri: &str) -> Option<File> {
        let key = key_of(uri);
        let found = find(&self.by_key, &key).or_else(|| find(&self.others, &key))?;
        self.claimed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(found.path.clone());
        Some(found)
    }

    /// Emits a media row (and its attachment to `owner`) for a media object
    /// (`{uri, creation_timestamp, title, description, media_metadata, thumbnail}`) or a
    /// bare URI. Returns the media id.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn attach(
        &self,
        out: &mut Out<'_, '_>,
        media: &Value,
        kind_hint: Option<&str>,
        owner_kind: &str,
        owner_id: &str,
        position: usize,
        loc: &str,
    ) -> Result<Option<String>, Error> {
        let Some(mid) = self.emit(out, media, kind_hint, loc)? else {
            return Ok(None);
        };
        out.emit(
            Attachment {
                id: id::child(owner_id, "media", &mid),
                media_id: mid.clone(),
                owner_kind: owner_kind.into(),
                owner_id: owner_id.to_string(),
                position: i64::try_from(position).ok(),
                extra: None,
            },
            loc,
        )?;
        Ok(Some(mid))
    }

    /// Emits a media row for a media object; returns its id.
    pub(crate) fn emit(
        &self,
        out: &mut Out<'_, '_>,
        media: &Value,
        kind_hint: Option<&str>,
        loc: &str,
    ) -> Result<Option<String>, Error> {
        let uri = match media {
            Value::String(s) => Some(s.as_str()),
            _ => str_trimmed(media, "uri"),
        };
        let Some(uri) = uri else {
            return Ok(None);
        };
        let remote = uri.starts_with("http://") || uri.starts_with("https://");
        let file = if remote { None } else { self.resolve(uri) };
        let mid = IDS.hashed("media", &[&key_of(uri)]);
        let exif = media
            .get("media_metadata")
            .and_then(|m| m.get("photo_metadata").or_else(|| m.get("video_metadata")))
            .map(|m| array(m, "exif_data"))
            .and_then(|a| a.first());
        let taken = exif
            .and_then(|e| seconds(e, "taken_timestamp"))
            .filter(|t| !t.starts_with('-'))
            .or_else(|| seconds(media, "creation_timestamp"));
        let name = uri.rsplit('/').next().unwrap_or(uri);
        let mime = mime_from_name(name).map(str::to_string);
        let kind = kind_hint
            .unwrap_or_else(|| media_kind(mime.as_deref()))
            .to_string();
        let mut extra = if media.is_object() {
            extra_without(
                media,
                &["uri", "title", "description", "creation_timestamp"],
            )
        } else {
            None
        };
        if !remote && file.is_none() {
            crate::util::put(&mut extra, "uri", uri);
        }
        out.emit(
            Media {
                id: mid.clone(),
                platform: PLATFORM.into(),
                kind,
                archive_path: file.as_ref().map(|f| f.path.clone()),
                remote_url: remote.then(|| uri.to_string()),
                mime,
                bytes: file.as_ref().and_then(|f| i64::try_from(f.size).ok()),
                sha256: None,
                width: exif.and_then(|e| int_of(e, "original_width")),
                height: exif.and_then(|e| int_of(e, "original_height")),
                taken_at: taken,
                title: str_trimmed(media, "title").map(str::to_string),
                description: str_trimmed(media, "description").map(str::to_string),
                extra,
            },
            loc,
        )?;
        Ok(Some(mid))
    }

    /// Emits a media row for every media file no record named, so that no file is lost,
    /// and gives the `media` fate to the other files a record named.
    pub(crate) fn emit_unclaimed(&self, cx: &mut ParseContext<'_>) -> Result<(), Error> {
        let claimed = self
            .claimed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut named: Vec<&File> = self
            .others
            .values()
            .filter(|f| claimed.contains(&f.path))
            .collect();
        named.sort_by(|a, b| a.path.cmp(&b.path));
        for file in named {
            cx.set_fate_of(&file.path, file.size, Fate::Media, "a file a record names");
        }
        let files = self
            .by_key
            .iter()
            .filter(|(_, f)| !claimed.contains(&f.path))
            .map(|(key, f)| (IDS.hashed("media", &[key]), f.path.as_str(), f.size));
        emit_unclaimed(cx, PLATFORM, files)
    }
}

/// The file of `key`, or of the longest tail of it (a URI relative to a part of the tree
/// the archive was cut at).
fn find(files: &HashMap<String, File>, key: &str) -> Option<File> {
    if let Some(f) = files.get(key) {
        return Some(f.clone());
    }
    let mut rest = key;
    while let Some((_, tail)) = rest.split_once('/') {
        if let Some(f) = files.get(tail) {
            return Some(f.clone());
        }
        rest = tail;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_era_prefixes_and_apostrophes() {
        assert_eq!(
            key_of("your_facebook_activity/posts/media/Album_1/1.jpg"),
            "posts/media/album_1/1.jpg"
        );
        assert_eq!(
            key_of("this_profile's_activity_across_facebook/messages/inbox/a_1/photos/1.jpg"),
            "messages/inbox/a_1/photos/1.jpg"
        );
        assert_eq!(
            key_of("messages/inbox/x/photos/1.jpg"),
            "messages/inbox/x/photos/1.jpg"
        );
    }
}
