//! What to generate: the [`Spec`] every platform's generator reads.

use crate::platform::Platform;

/// The era of a Twitter/X archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TwitterEra {
    /// Late 2022 – today (X): `data/tweets.js`, `tweets-part1.js`, `window.YTD.tweets.partN`.
    #[default]
    Plural,
    /// 2020 – 2022: `data/tweet.js`, `tweet-part1.js`, `window.YTD.tweet.partN` — the
    /// names twitter-to-sqlite reads. The content is the same as [`TwitterEra::Plural`].
    Singular,
}

impl TwitterEra {
    /// `plural` or `singular`.
    pub fn name(self) -> &'static str {
        match self {
            TwitterEra::Plural => "plural",
            TwitterEra::Singular => "singular",
        }
    }
}

/// What to generate. [`Spec::new`] fills in the defaults; the other fields tune one
/// platform each and are ignored by the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// The platform.
    pub platform: Platform,
    /// How big: tweets (Twitter), messages (Facebook), connections (LinkedIn), friends
    /// (Hyves). Everything else is in proportion to it.
    pub size: u64,
    /// The seed: the same seed and size give byte-identical archives.
    pub seed: u64,
    /// Twitter: the era of the file names.
    pub twitter_era: TwitterEra,
    /// Twitter: write `data/manifest.js` (listing every part with its count). Default on.
    pub twitter_manifest: bool,
    /// Twitter: start a new `-partN.js` file once a part holds this many bytes. Default
    /// 100 MiB, as X does.
    pub twitter_part_bytes: u64,
    /// Facebook: the number of Messenger threads; default `max(1, size / 200)`.
    pub facebook_threads: Option<u64>,
    /// Facebook: messages per `message_N.json` file of a thread. Default 10,000.
    pub facebook_messages_per_file: u64,
}

impl Spec {
    /// A spec with every default.
    pub fn new(platform: Platform, size: u64, seed: u64) -> Spec {
        Spec {
            platform,
            size,
            seed,
            twitter_era: TwitterEra::Plural,
            twitter_manifest: true,
            twitter_part_bytes: 100 * 1024 * 1024,
            facebook_threads: None,
            facebook_messages_per_file: 10_000,
        }
    }
}
