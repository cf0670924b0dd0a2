//! The archive's media folders (`tweets_media/`, `direct_messages_media/`, ...): files
//! named `<owner id>-<name>`, matched to the tweets and messages that use them.

use std::collections::{HashMap, HashSet};

use freehold_archive::{Archive, Entry, Error};
use freehold_model::{Attachment, Media, id};

use crate::util::{IDS, Out, PLATFORM};

/// What a media folder's files belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Owner {
    Post,
    Message,
    Account,
}

#[derive(Debug, Clone)]
pub(crate) struct MediaFile {
    pub path: String,
    /// The part after `<owner id>-`.
    pub suffix: String,
    pub size: u64,
    pub owner: Owner,
}

/// Every media file, by owner id.
#[derive(Debug, Default)]
pub(crate) struct MediaIndex {
    by_owner: HashMap<String, Vec<MediaFile>>,
    /// Files that are not named `<id>-<name>`.
    loose: Vec<MediaFile>,
    claimed: HashSet<String>,
}

/// Whether the entry is inside a media folder (`*_media/`).
pub(crate) fn media_folder(entry: &Entry) -> Option<&str> {
    entry
        .path
        .split('/')
        .rev()
        .skip(1)
        .find(|part| part.ends_with("_media"))
}

fn owner_of_folder(folder: &str) -> Owner {
    if folder.starts_with("direct_message") {
        Owner::Message
    } else if folder == "profile_media" {
        Owner::Account
    } else {
        Owner::Post
    }
}

impl MediaIndex {
    pub(crate) fn build(archive: &Archive) -> MediaIndex {
        let mut index = MediaIndex::default();
        for entry in archive.entries() {
            let Some(folder) = media_folder(entry) else {
                continue;
            };
            let owner = owner_of_folder(folder);
            let name = entry.file_name();
            let file = |suffix: &str| MediaFile {
                path: entry.path.clone(),
                suffix: suffix.to_string(),
                size: entry.size,
                owner,
            };
            match name.split_once('-') {
                Some((prefix, suffix))
                    if !prefix.is_empty() && prefix.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    index
                        .by_owner
                        .entry(prefix.to_string())
                        .or_default()
                        .push(file(suffix));
                }
                _ => index.loose.push(file(name)),
            }
        }
        index
    }

    /// Claims the file of `owner` whose name ends with one of `names` (basenames of the
    /// media's URLs), or else the first unclaimed file of that owner.
    pub(crate) fn claim(
        &mut self,
        owner: &str,
        owner_kind: Owner,
        names: &[&str],
    ) -> Option<MediaFile> {
        let files = self.by_owner.get(owner)?;
        let candidates = files
            .iter()
            .filter(|f| f.owner == owner_kind && !self.claimed.contains(&f.path));
        let found = candidates
            .clone()
            .find(|f| names.iter().any(|n| !n.is_empty() && f.suffix == *n))
            .or_else(|| candidates.clone().next())?
            .clone();
        self.claimed.insert(found.path.clone());
        Some(found)
    }

    /// Emits a media row and an attachment for every file no record claimed, so that no
    /// file is lost: it is attached to the tweet, message or account its name starts with.
    pub(crate) fn emit_unclaimed(
        &mut self,
        cx: &mut freehold_archive::ParseContext<'_>,
    ) -> Result<(), Error> {
        let mut owners: Vec<&String> = self.by_owner.keys().collect();
        owners.sort();
        let mut pending = Vec::new();
        for owner in owners {
            for file in &self.by_owner[owner] {
                if !self.claimed.contains(&file.path) {
                    pending.push((Some(owner.clone()), file.clone()));
                }
            }
        }
        for file in &self.loose {
            pending.push((None, file.clone()));
        }
        for (owner, file) in pending {
            let mut out = Out {
                cx,
                path: file.path.clone(),
            };
            let media = file_media(&file, IDS.media(&format!("file:{}", file.path)), None);
            let media_id = media.id.clone();
            out.emit(media, "file")?;
            if let Some(owner) = owner {
                let owner_id = match file.owner {
                    Owner::Post => IDS.post(&owner),
                    Owner::Message => IDS.message(&owner),
                    Owner::Account => IDS.account(&owner),
                };
                out.emit(
                    Attachment {
                        id: id::child(&owner_id, "media", &media_id),
                        media_id: media_id.clone(),
                        owner_kind: owner_kind_name(file.owner).into(),
                        owner_id,
                        position: None,
                        extra: None,
                    },
                    "file",
                )?;
            }
        }
        Ok(())
    }
}

pub(crate) fn owner_kind_name(owner: Owner) -> &'static str {
    match owner {
        Owner::Post => "post",
        Owner::Message => "message",
        Owner::Account => "account",
    }
}

/// A media row for an archived file.
pub(crate) fn file_media(file: &MediaFile, id: String, kind: Option<&str>) -> Media {
    freehold_archive::media::file_media(PLATFORM, id, &file.path, file.size, kind)
}

/// The last path segment of a URL, without query or fragment.
pub(crate) use freehold_archive::text::url_basename;
