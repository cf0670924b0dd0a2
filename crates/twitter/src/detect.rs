//! Recognising a Twitter archive and its era by content, and classifying its files.

use freehold_archive::{Archive, Detection, Entry};

use crate::util::PLATFORM;

freehold_archive::layouts! {
    /// The eras of the Twitter/X archive.
    pub enum Layout {
        /// Grailbird (2012 to early 2019): monthly `data/js/tweets/YYYY_MM.js`.
        Grailbird => "twitter/grailbird",
        /// Grailbird with only `tweets.csv` (no monthly js files).
        GrailbirdCsv => "twitter/grailbird-csv",
        /// YTD files at the archive root (2019 to early 2020).
        YtdRoot => "twitter/ytd-root",
        /// YTD in `data/`, singular `tweet.js` (2020 to 2022).
        YtdDataSingular => "twitter/ytd-data-singular",
        /// YTD in `data/`, plural `tweets.js` (late 2022 on, X).
        YtdDataPlural => "twitter/ytd-data-plural",
    }
}

/// What the first bytes of a `.js` file say it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum JsKind {
    /// `window.YTD.<global>.part<N> = [...]`.
    Ytd { global: String, part: u32 },
    /// `window.__THAR_CONFIG = {...}` (manifest.js).
    Manifest,
    /// `Grailbird.data.tweets_YYYY_MM = [...]`.
    GrailbirdMonth,
    /// `var tweet_index = ...`, `var user_details = ...`, `var payload_details = ...`.
    GrailbirdVar(String),
    /// Something else.
    Other,
}

/// Reads what a JavaScript data file assigns, from its first bytes.
pub(crate) fn sniff_js(head: &[u8]) -> JsKind {
    let head = freehold_archive::text::strip_utf8_bom(head);
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start();
    if let Some(rest) = text.strip_prefix("window.YTD.") {
        let Some((global, after)) = rest.split_once('.') else {
            return JsKind::Other;
        };
        let digits: String = after
            .strip_prefix("part")
            .unwrap_or("")
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        return JsKind::Ytd {
            global: global.to_string(),
            part: digits.parse().unwrap_or(0),
        };
    }
    if text.starts_with("window.__THAR_CONFIG") {
        return JsKind::Manifest;
    }
    if text.starts_with("Grailbird.data.") {
        return JsKind::GrailbirdMonth;
    }
    if let Some(rest) = text.strip_prefix("var ") {
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        return JsKind::GrailbirdVar(name);
    }
    JsKind::Other
}

pub(crate) fn is_js(entry: &Entry) -> bool {
    entry.path.to_ascii_lowercase().ends_with(".js") && !is_viewer(entry)
}

/// Files of the offline viewer: never data.
pub(crate) fn is_viewer(entry: &Entry) -> bool {
    let p = entry.path.as_str();
    p.starts_with("assets/")
        || p.starts_with("css/")
        || p.starts_with("img/")
        || p.starts_with("lib/")
        || p.starts_with("data/js/lib/")
        || p == "Your archive.html"
        || p == "index.html"
}

/// Looks at an archive and says whether it is a Twitter archive, and of which era.
pub(crate) fn detect(archive: &Archive) -> Option<Detection> {
    let mut ytd_at_root = false;
    let mut ytd_in_data = false;
    let mut singular = false;
    let mut plural = false;
    let mut grailbird = false;
    let mut manifest = false;
    for entry in archive.entries().iter().filter(|e| is_js(e)) {
        let Ok(head) = archive.head(entry, 128) else {
            continue;
        };
        match sniff_js(&head) {
            JsKind::Ytd { global, .. } => {
                if entry.dir().is_empty() {
                    ytd_at_root = true;
                } else {
                    ytd_in_data = true;
                }
                match global.as_str() {
                    "tweet" => singular = true,
                    "tweets" => plural = true,
                    _ => {}
                }
            }
            JsKind::Manifest => manifest = true,
            JsKind::GrailbirdMonth => grailbird = true,
            JsKind::GrailbirdVar(name) if name == "tweet_index" => grailbird = true,
            _ => {}
        }
    }
    let layout = if ytd_at_root && !ytd_in_data {
        Layout::YtdRoot
    } else if ytd_in_data || manifest {
        if plural {
            Layout::YtdDataPlural
        } else if singular {
            Layout::YtdDataSingular
        } else if archive
            .entries()
            .iter()
            .any(|e| e.dir().ends_with("tweets_media"))
        {
            Layout::YtdDataPlural
        } else {
            Layout::YtdDataSingular
        }
    } else if ytd_at_root {
        Layout::YtdRoot
    } else if grailbird {
        Layout::Grailbird
    } else if find_tweets_csv(archive).is_some() {
        Layout::GrailbirdCsv
    } else {
        return None;
    };
    Some(Detection {
        platform: PLATFORM,
        layout: freehold_archive::AnyLayout::new(layout),
        confidence: 90,
    })
}

/// `tweets.csv` whose header names `tweet_id`.
pub(crate) fn find_tweets_csv(archive: &Archive) -> Option<&Entry> {
    let entry = archive
        .entries()
        .iter()
        .find(|e| e.file_name().eq_ignore_ascii_case("tweets.csv"))?;
    let head = archive.head(entry, 256).ok()?;
    String::from_utf8_lossy(&head)
        .contains("tweet_id")
        .then_some(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_every_wrapper() {
        assert_eq!(
            sniff_js(b"window.YTD.tweets.part1 = ["),
            JsKind::Ytd {
                global: "tweets".into(),
                part: 1
            }
        );
        assert_eq!(
            sniff_js(b"\xEF\xBB\xBF window.YTD.direct_messages_group.part0 = []"),
            JsKind::Ytd {
                global: "direct_messages_group".into(),
                part: 0
            }
        );
        assert_eq!(sniff_js(b"window.__THAR_CONFIG = {"), JsKind::Manifest);
        assert_eq!(
            sniff_js(b"Grailbird.data.tweets_2014_05 = \n["),
            JsKind::GrailbirdMonth
        );
        assert_eq!(
            sniff_js(b"var tweet_index =  ["),
            JsKind::GrailbirdVar("tweet_index".into())
        );
        assert_eq!(sniff_js(b"function x() {}"), JsKind::Other);
    }
}
