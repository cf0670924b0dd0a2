//! Media files of an archive as `media` rows: the one way every parser writes the row of
//! a file, and of a file that no record named.

use freehold_model::Media;

use crate::text::{media_kind, mime_from_name};
use crate::{Error, ParseContext};

/// The media row of a file of the archive: its path, size, the MIME type of its name and
/// the kind that type gives (or `kind`, when the source says what the media is). This is
/// also the row every parser writes for a media file that no record named, so that no
/// file of the archive is lost.
///
/// ```
/// use freehold_archive::media::file_media;
/// let m = file_media("hyves", "hy:media:1".into(), "media/1.GIF", 2048, None);
/// assert_eq!((m.kind.as_str(), m.mime.as_deref()), ("photo", Some("image/gif")));
/// assert_eq!((m.archive_path.as_deref(), m.bytes), (Some("media/1.GIF"), Some(2048)));
/// assert_eq!(file_media("twitter", "tw:media:2".into(), "a.mp4", 1, Some("gif")).kind, "gif");
/// ```
pub fn file_media(platform: &str, id: String, path: &str, size: u64, kind: Option<&str>) -> Media {
    let mime = mime_from_name(path);
    Media {
        id,
        platform: platform.to_string(),
        kind: kind.unwrap_or_else(|| media_kind(mime)).to_string(),
        archive_path: Some(path.to_string()),
        mime: mime.map(str::to_string),
        bytes: i64::try_from(size).ok(),
        ..Media::default()
    }
}

/// Writes the row of every media file that no record named (by [`file_media`], in path
/// order, at the locator `file`), so that no file of the archive is lost. `files` gives
/// each such file's id, path and size; the parser decides which files are unclaimed and
/// what their ids are.
///
/// ```
/// use freehold_archive::ParseContext;
/// use freehold_archive::media::emit_unclaimed;
/// let mut records = Vec::new();
/// let mut cx = ParseContext::new(&mut records);
/// let files = [("hy:media:b".to_string(), "media/b.mp4", 9), ("hy:media:a".to_string(), "media/a.jpg", 4)];
/// emit_unclaimed(&mut cx, "hyves", files.iter().map(|(id, p, n)| (id.clone(), *p, *n)))?;
/// drop(cx);
/// assert_eq!(records.len(), 2);
/// # Ok::<(), freehold_archive::Error>(())
/// ```
pub fn emit_unclaimed<'f>(
    cx: &mut ParseContext<'_>,
    platform: &str,
    files: impl IntoIterator<Item = (String, &'f str, u64)>,
) -> Result<(), Error> {
    let mut files: Vec<(String, &str, u64)> = files.into_iter().collect();
    files.sort_by(|a, b| a.1.cmp(b.1).then_with(|| a.0.cmp(&b.0)));
    for (id, path, size) in files {
        cx.emit(file_media(platform, id, path, size, None), path, "file")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use freehold_model::Record;

    #[test]
    fn unclaimed_files_become_media_rows_in_path_order() {
        let mut records: Vec<Record> = Vec::new();
        let mut cx = ParseContext::new(&mut records);
        let files = [
            ("fb:media:2".to_string(), "photos/z.GIF", 5),
            ("fb:media:1".to_string(), "photos/a.pdf", 3),
        ];
        emit_unclaimed(
            &mut cx,
            "facebook",
            files.iter().map(|(id, p, n)| (id.clone(), *p, *n)),
        )
        .unwrap();
        drop(cx);
        let media: Vec<&Media> = records
            .iter()
            .filter_map(|r| match r {
                Record::Media(m) => Some(m),
                _ => None,
            })
            .collect();
        assert_eq!(media.len(), 2);
        assert_eq!(media[0].archive_path.as_deref(), Some("photos/a.pdf"));
        assert_eq!((media[0].kind.as_str(), media[0].bytes), ("file", Some(3)));
        assert_eq!(media[1].kind, "photo");
        assert_eq!(media[1].mime.as_deref(), Some("image/gif"));
        assert_eq!(media[1].platform, "facebook");
    }
}
