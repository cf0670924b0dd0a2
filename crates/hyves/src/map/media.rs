//! Albums, photos and videos (with their downloaded files), album items, people spotted.

use freehold_archive::Error;
use freehold_archive::text::{media_kind, mime_from_name, mime_from_url};
use freehold_model::{Album, Attachment, Media, id};
use serde_json::Value;

use super::Mapper;
use crate::util::{IDS, PLATFORM, body, extra_without_empty, id_of, number, put, text};

/// Image renditions, best first.
const RENDITIONS: &[&str] = &[
    "image_fullscreen",
    "image",
    "icon_extralarge",
    "square_extralarge",
    "icon_large",
    "square_large",
    "icon_medium",
    "icon_small",
];

impl Mapper<'_, '_, '_> {
    pub(super) fn album(&mut self, v: &Value, loc: &str) -> Result<(), Error> {
        let Some(native) = id_of(v, "albumid") else {
            self.missing_id("album", "albumid", loc);
            return Ok(());
        };
        let owner = match id_of(v, "userid") {
            Some(u) => Some(self.ensure_account(&u, loc)?),
            None if self.method() == Some("albums.getByUser") => match self.subject(loc) {
                Some(s) => Some(self.ensure_account(&s, loc)?),
                None => None,
            },
            None => None,
        };
        let mut extra =
            extra_without_empty(v, &["albumid", "userid", "title", "description", "created"]);
        let created = self.time(v, "created", loc, &mut extra);
        self.emit(
            Album {
                id: IDS.album(&native),
                platform: PLATFORM.into(),
                owner_account: owner,
                title: text(v, "title"),
                description: body(v, "description"),
                created_at: created,
                extra,
            },
            loc,
        )
    }

    pub(super) fn media_item(&mut self, v: &Value, loc: &str) -> Result<(), Error> {
        let Some(media) = self.media(v, loc)? else {
            return Ok(());
        };
        let album = id_of(v, "albumid").or_else(|| {
            (self.method() == Some("media.getByAlbum"))
                .then(|| self.parent.clone())
                .flatten()
        });
        if let Some(album) = album {
            let owner = IDS.album(&album);
            self.emit(
                Attachment {
                    id: id::child(&owner, "media", &media),
                    media_id: media,
                    owner_kind: "album".into(),
                    owner_id: owner,
                    position: None,
                    extra: None,
                },
                loc,
            )?;
        }
        Ok(())
    }

    /// Emits a media row; returns its id.
    pub(super) fn media(&mut self, v: &Value, loc: &str) -> Result<Option<String>, Error> {
        let Some(native) = id_of(v, "mediaid") else {
            self.missing_id("media", "mediaid", loc);
            return Ok(None);
        };
        let id = IDS.media(&native);
        let mediatype = text(v, "mediatype");
        let video = mediatype.as_deref() == Some("video");
        let order: Vec<&str> = if video {
            std::iter::once("video")
                .chain(RENDITIONS.iter().copied())
                .collect()
        } else {
            RENDITIONS.to_vec()
        };
        let rendition = order
            .iter()
            .find(|k| v.get(**k).and_then(|r| text(r, "src")).is_some())
            .copied();
        let remote = rendition.and_then(|k| text(&v[k], "src"));
        let dimension = |key: &str| {
            rendition
                .and_then(|k| v[k].get(key))
                .and_then(number)
                .map(|n| n as i64)
        };
        let (width, height) = (dimension("width"), dimension("height"));
        let local = self.state.files.get(&native).cloned();
        match &local {
            Some(file) => {
                self.state.claimed.insert(file.path.clone());
            }
            None => {
                self.state.missing.insert(native.clone());
            }
        }
        let mime = local
            .as_ref()
            .and_then(|f| mime_from_name(&f.path))
            .or_else(|| remote.as_deref().and_then(mime_from_url));
        let kind = match mediatype.as_deref() {
            Some("image") => "photo",
            Some("video") => "video",
            Some("document") => "file",
            _ => media_kind(mime),
        };
        let mut mapped = vec!["mediaid", "mediatype", "title", "description", "created"];
        if let Some(r) = rendition {
            mapped.push(r);
        }
        let mut extra = extra_without_empty(v, &mapped);
        if let (Some(r), Some(_)) = (rendition, &extra) {
            put(&mut extra, "rendition", r);
        }
        let taken_at = self.time(v, "created", loc, &mut extra);
        self.state.media.insert(id.clone());
        self.emit(
            Media {
                id: id.clone(),
                platform: PLATFORM.into(),
                kind: kind.into(),
                archive_path: local.as_ref().map(|f| f.path.clone()),
                remote_url: remote,
                mime: mime.map(str::to_string),
                bytes: local.as_ref().and_then(|f| i64::try_from(f.size).ok()),
                sha256: None,
                width,
                height,
                taken_at,
                title: text(v, "title"),
                description: body(v, "description"),
                extra,
            },
            loc,
        )?;
        Ok(Some(id))
    }

    /// `media.getSpotted`: a person tagged in a photo, as an attachment of the photo to
    /// the tagged person's account.
    pub(super) fn spotted(&mut self, v: &Value, loc: &str) -> Result<(), Error> {
        let native = id_of(v, "mediaid").or_else(|| self.parent.clone());
        let (Some(native), Some(target)) = (native, id_of(v, "target_userid")) else {
            self.missing_id("spotted", "mediaid/target_userid", loc);
            return Ok(());
        };
        let media = IDS.media(&native);
        if self.state.media.insert(media.clone()) {
            // Known only by id: the photo was not in the dump.
            let local = self.state.files.get(&native).cloned();
            if let Some(file) = &local {
                self.state.claimed.insert(file.path.clone());
            }
            let mime = local.as_ref().and_then(|f| mime_from_name(&f.path));
            self.emit(
                Media {
                    id: media.clone(),
                    platform: PLATFORM.into(),
                    kind: if local.is_some() {
                        media_kind(mime).into()
                    } else {
                        "photo".into()
                    },
                    archive_path: local.as_ref().map(|f| f.path.clone()),
                    mime: mime.map(str::to_string),
                    bytes: local.as_ref().and_then(|f| i64::try_from(f.size).ok()),
                    ..Media::default()
                },
                loc,
            )?;
        }
        let account = self.ensure_account(&target, loc)?;
        let mut extra = extra_without_empty(v, &["mediaid", "target_userid", "userid"]);
        put(&mut extra, "role", "spotted");
        if let Some(by) = id_of(v, "userid") {
            let by = self.ensure_account(&by, loc)?;
            put(&mut extra, "spotted_by", by);
        }
        self.emit(
            Attachment {
                id: id::child(&account, "spotted", &media),
                media_id: media,
                owner_kind: "account".into(),
                owner_id: account,
                position: None,
                extra,
            },
            loc,
        )
    }
}
