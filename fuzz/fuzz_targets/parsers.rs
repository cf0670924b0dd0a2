//! One data file of a known name, with fuzzed content, in an otherwise valid folder: the
//! first byte picks the file, the rest is its content. Every platform runs on it.
#![no_main]

use freehold_archive::{Archive, ParseContext};
use freehold_model::Record;
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "data/tweets.js",
    "data/direct-messages-group.js",
    "data/like.js",
    "data/manifest.js",
    "data/note-tweet.js",
    "tweets.csv",
    "data/js/tweets/2014_05.js",
    "Connections.csv",
    "messages.csv",
    "Profile.csv",
    "users_get.xml",
    "friends_get.json",
    "messages/inbox/anna_abc123/message_1.json",
    "your_activity_across_facebook/posts/your_posts__check_ins__photos_and_videos_1.json",
    "connections/friends/your_friends.json",
    "profile_information/profile_information.json",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, content)) = data.split_first() else { return };
    let name = NAMES[usize::from(pick) % NAMES.len()];
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join(name);
    if let Some(parent) = path.parent() {
        if std::fs::create_dir_all(parent).is_err() {
            return;
        }
    }
    if std::fs::write(&path, content).is_err() {
        return;
    }
    let Ok(archive) = Archive::open(dir.path()) else { return };
    for platform in freehold::platforms() {
        if let Some(detection) = platform.detect(&archive) {
            let mut records: Vec<Record> = Vec::new();
            let mut cx = ParseContext::new(&mut records);
            let _ = platform.parse(&archive, &detection, &mut cx);
        }
    }
});
