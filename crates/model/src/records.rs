//! The row types of every table. See `docs/schema.md` for the reference.

use crate::Extra;
use crate::table::tables;

tables! {
    /// One archive imported once. The id is derived from the archive's content, so
    /// importing the same archive again writes the same row.
    Import => "imports", key("id") {
        /// `import:` followed by the first 32 hex digits of `source_sha256`.
        id: String,
        /// `twitter`, `facebook`, `linkedin` or `hyves`.
        platform: String,
        /// The export era detected, e.g. `twitter/ytd-data-plural`.
        layout: String,
        /// The file or folder name the archive was read from.
        source_name: String,
        /// SHA-256 of the archive's content: of each entry's path and bytes, so a zip and the folder it extracts to have the same hash (not the hash of the zip file).
        source_sha256: String,
        /// Total size of the archive's entries in bytes (uncompressed).
        source_bytes: i64,
        /// The snapshot time that orders imports of one platform (the newest one's values win): when the platform generated the export, from its manifest or the date in the archive's name, else the newest record; `extra.snapshot_source` says which (`manifest`, `archive`, `archive-name`, `newest-record`, `flag`).
        generated_at: Option<String>,
        /// When this archive was first imported (UTC).
        imported_at: Option<String> => KeepFirst,
        /// The freehold version that wrote the row.
        tool_version: String,
        /// The import report: every file with its fate, size and record count, and every diagnostic.
        report: Extra => Replace,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// An identity on one platform: the owner, a friend, a follower, someone mentioned.
    Account => "accounts", key("id") {
        /// `tw:account:<numeric id>`, `fb:account:<name hash>`, `li:account:<slug>`, `hy:account:<userid>`.
        id: String,
        /// The platform the account lives on.
        platform: String,
        /// The platform's own id, when it has one.
        native_id: Option<String>,
        /// The @handle / username, when known.
        handle: Option<String>,
        /// The display name, when known.
        display_name: Option<String>,
        /// A link to the profile.
        profile_url: Option<String>,
        /// True for the person whose archive this is.
        is_owner: bool,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// A directed tie between two accounts (`from_account` follows / befriends / blocks `to_account`).
    Relationship => "relationships", key("id") {
        /// `<platform>:<kind>:<from native>:<to native>`.
        id: String,
        /// The platform the tie lives on.
        platform: String,
        /// `friend`, `follows`, `connection`, `blocks`, `mutes`, `friend_request`, `invitation`, `removed_friend`, `endorses`, `recommends`.
        kind: String,
        /// The account the tie goes out from.
        from_account: String,
        /// The account the tie points at.
        to_account: String,
        /// When the tie started, if the source says.
        started_at: Option<String>,
        /// When the tie ended, if the source says.
        ended_at: Option<String>,
        /// e.g. `pending`, `accepted`, `rejected`, when the source says.
        status: Option<String>,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// Anything published: a tweet, status, share, article, blog, krabbel, WieWatWaar, comment.
    Post => "posts", key("id") {
        /// `tw:post:<tweet id>` and so on.
        id: String,
        /// The platform the post was published on.
        platform: String,
        /// The platform's own id, when it has one.
        native_id: Option<String>,
        /// `tweet`, `repost`, `status`, `share`, `article`, `blog`, `krabbel`, `wiewatwaar`, `comment`, ...
        kind: String,
        /// Who wrote it.
        author_account: Option<String>,
        /// When it was published (honest time: see the schema reference).
        created_at: Option<String>,
        /// The text, clean Unicode (t.co links expanded, entities decoded).
        text: Option<String>,
        /// `plain`, `html` or `hyves-markup`.
        text_format: Option<String>,
        /// A title, for articles and blogs.
        title: Option<String>,
        /// A link to the post on its platform.
        url: Option<String>,
        /// The post this one replies to (a post id; the post may not be in the database).
        in_reply_to: Option<String>,
        /// The account this post replies to.
        in_reply_to_account: Option<String>,
        /// The wall or profile it was written on, when that is not the author's own.
        target_account: Option<String>,
        /// The post this one reposts (a post id; may not be in the database).
        repost_of: Option<String>,
        /// The post this one quotes (a post id; may not be in the database).
        quote_of: Option<String>,
        /// For an edited version, the post id of the first version.
        edit_of: Option<String>,
        /// `public`, `followers`, `friends`, `circle`, `community`, `private`, ... when known.
        visibility: Option<String>,
        /// Language tag given by the platform.
        lang: Option<String>,
        /// A place name.
        place: Option<String>,
        /// Latitude in degrees (WGS 84).
        latitude: Option<f64>,
        /// Longitude in degrees (WGS 84).
        longitude: Option<f64>,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// A hashtag, mention, cashtag or link inside a post.
    PostEntity => "post_entities", key("id") {
        /// `<post id>#<kind>:<value>`.
        id: String,
        /// The post the entity is in.
        post_id: String,
        /// `hashtag`, `mention`, `cashtag`, `link`, `tag`.
        kind: String,
        /// The hashtag text, the mentioned handle, the link as written.
        value: String,
        /// The mentioned or tagged account, when known.
        account_id: Option<String>,
        /// The full URL behind a shortened link.
        expanded_url: Option<String>,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// A like, favourite, respect or emoji reaction.
    Reaction => "reactions", key("id") {
        /// Derived from the source: X likes are `tw:like:<owner id>:<tweet id>`, other
        /// reactions `<platform>:reaction:...` (see each platform's page).
        id: String,
        /// The platform.
        platform: String,
        /// `like`, `love`, `respect`, an emoji, ...
        kind: String,
        /// Who reacted.
        actor_account: Option<String>,
        /// The post reacted to (may not be in the database).
        target_post: Option<String>,
        /// The message reacted to.
        target_message: Option<String>,
        /// A link to what was reacted to.
        target_url: Option<String>,
        /// The text of what was reacted to, as the archive shows it.
        target_text: Option<String>,
        /// When, if the source says (X likes carry no date).
        created_at: Option<String>,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// A direct-message thread or a group chat.
    Conversation => "conversations", key("id") {
        /// `tw:conversation:<conversation id>` and so on.
        id: String,
        /// The platform.
        platform: String,
        /// The platform's own id.
        native_id: Option<String>,
        /// The chat's name, for named groups.
        title: Option<String>,
        /// `direct` or `group`.
        kind: String,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// An account in a conversation.
    ConversationMember => "conversation_members", key("id") {
        /// `<conversation id>#<account id>`.
        id: String,
        /// The conversation.
        conversation_id: String,
        /// The member.
        account_id: String,
        /// When they joined, if the source says.
        joined_at: Option<String>,
        /// When they left, if the source says.
        left_at: Option<String>,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// One private message, or a system event in a conversation (join, leave, rename).
    Message => "messages", key("id") {
        /// `tw:message:<id>`; a hash of conversation, sender, time and text where the platform has no id.
        id: String,
        /// The conversation it belongs to.
        conversation_id: String,
        /// The platform's own id, when it has one.
        native_id: Option<String>,
        /// Who sent it (null for system events without an actor).
        sender_account: Option<String>,
        /// When it was sent.
        sent_at: Option<String>,
        /// The text, clean Unicode.
        text: Option<String>,
        /// `text`, `system`, `call`, `share`, `unsent`.
        kind: String,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// A photo, video, audio clip or file.
    Media => "media", key("id") {
        /// `tw:media:<media id>`, or `tw:media:file:<path>` for a file no record names.
        id: String,
        /// The platform.
        platform: String,
        /// `photo`, `video`, `gif`, `audio`, `file`.
        kind: String,
        /// The file's path inside the archive, when the archive holds it.
        archive_path: Option<String>,
        /// Where the platform served it from.
        remote_url: Option<String>,
        /// MIME type, from the file name.
        mime: Option<String>,
        /// Size of the archived file in bytes.
        bytes: Option<i64>,
        /// SHA-256 of the file, when it was copied with `--media-dir`.
        sha256: Option<String>,
        /// Width in pixels, if the source says.
        width: Option<i64>,
        /// Height in pixels, if the source says.
        height: Option<i64>,
        /// When it was taken or uploaded, if the source says.
        taken_at: Option<String>,
        /// A title.
        title: Option<String>,
        /// A description or alt text.
        description: Option<String>,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// Media attached to a post, message, album or profile.
    Attachment => "attachments", key("id") {
        /// `<owner id>#<media id>`.
        id: String,
        /// The media.
        media_id: String,
        /// `post`, `message`, `album` or `account`.
        owner_kind: String,
        /// The id of the post, message, album or account.
        owner_id: String,
        /// Order within the owner, from 0.
        position: Option<i64>,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// A photo album.
    Album => "albums", key("id") {
        /// Derived from the platform's album id.
        id: String,
        /// The platform.
        platform: String,
        /// Whose album it is.
        owner_account: Option<String>,
        /// The album's title.
        title: Option<String>,
        /// Its description.
        description: Option<String>,
        /// When it was created.
        created_at: Option<String>,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// A group, hub, page, list or company followed.
    Group => "groups", key("id") {
        /// Derived from the platform's id or URL.
        id: String,
        /// The platform.
        platform: String,
        /// The platform's own id.
        native_id: Option<String>,
        /// The name.
        name: Option<String>,
        /// A description.
        description: Option<String>,
        /// A link to it.
        url: Option<String>,
        /// `group`, `hub`, `page`, `company`, `list`, `community`.
        kind: String,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// An account's membership in a group.
    GroupMember => "group_members", key("id") {
        /// `<group id>#<account id>`.
        id: String,
        /// The group.
        group_id: String,
        /// The member.
        account_id: String,
        /// `member`, `admin`, `owner`, `follower`.
        role: Option<String>,
        /// When they joined, if the source says.
        joined_at: Option<String>,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// An event and the owner's response.
    Event => "events", key("id") {
        /// Derived from the source.
        id: String,
        /// The platform.
        platform: String,
        /// The event's name.
        name: Option<String>,
        /// Its description.
        description: Option<String>,
        /// Start time.
        starts_at: Option<String>,
        /// End time.
        ends_at: Option<String>,
        /// Where.
        place: Option<String>,
        /// The owner's response: `going`, `interested`, `declined`, `hosting`, ...
        response: Option<String>,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// One fact on an account's profile: bio, location, birthday, website, email, phone, a past handle.
    ProfileField => "profile_fields", key("id") {
        /// `<account id>#<field>:<hash of value and dates>`.
        id: String,
        /// The account.
        account_id: String,
        /// `bio`, `location`, `website`, `email`, `phone`, `handle`, `birthday`, `timezone`, `created_at`, ...
        field: String,
        /// The value as the source gives it.
        value: String,
        /// When it became true, if known.
        started_at: Option<String>,
        /// When it stopped being true, if known.
        ended_at: Option<String>,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// A job, school or volunteer role.
    Experience => "experiences", key("id") {
        /// `<account id>#<kind>:<hash>`.
        id: String,
        /// Whose experience.
        account_id: String,
        /// `work`, `education`, `volunteer`, ...
        kind: String,
        /// Company or school.
        organisation: Option<String>,
        /// Job title or degree.
        title: Option<String>,
        /// Description.
        description: Option<String>,
        /// Where.
        location: Option<String>,
        /// Start (honest time: often only a month or year).
        started_at: Option<String>,
        /// End.
        ended_at: Option<String>,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// A record of a file freehold cannot map (a file no parser knows, or a known file whose
    /// header or shape it does not recognise), kept as it was read so that the owner's data is
    /// in the database before freehold understands it. One row per CSV row or JSON element.
    RawRecord => "raw_records", key("id") {
        /// `raw:` followed by 32 hex digits of a hash of the platform, path, position and record.
        id: String,
        /// The platform of the archive.
        platform: String,
        /// The import that first read it (filled in by the store when the import is written).
        import_id: Option<String> => KeepFirst,
        /// The path of the file inside the archive.
        path: String,
        /// The position inside the file: `line 4` (CSV), `[12]` (a JSON array element), `.messages[3]`.
        position: String,
        /// The record: a CSV row as an object of column name to value (header names as written; fields past the header under `_extra_fields`), a JSON element as it was (an element that is not an object under `value`).
        record: Extra,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// A person: one human behind one or more accounts on one or more platforms. Found by
    /// `freehold people` from the evidence in the archives and the owner's decisions
    /// (`person_decisions`), and rebuilt from them on every run; no import writes it.
    Person => "persons", key("id") {
        /// `person:` followed by 16 hex digits of a hash of the person's first account id (in id order), so a person keeps its id while that account stays theirs.
        id: String,
        /// The name shown for the person: the longest display name among their accounts (the owner's from their profile), else a handle.
        name: Option<String>,
        /// True for the owner of the archives: every owner account is this one person.
        is_owner: bool,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// The person an account belongs to: every account has exactly one (an account with no link is a person of its own).
    PersonAccount => "person_accounts", key("id") {
        /// The account id.
        id: String,
        /// The person.
        person_id: String,
        /// Who put the account in this person: `rule` (it is an owner account, decisive evidence, or it stands alone) or `owner` (an accepted candidate or a `people link`).
        decided_by: String,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// Evidence that two accounts are one person, with its score and its status.
    PersonLink => "person_links", key("id") {
        /// `link:` followed by 16 hex digits of a hash of the two account ids (in order): the same pair has the same id on every run.
        id: String,
        /// The first account of the pair (the smaller id).
        account_a: String,
        /// The second account of the pair.
        account_b: String,
        /// How strong the evidence is, from 0 to 1; 1 for decisive evidence (the same email address or phone number).
        score: Option<f64>,
        /// `candidate` (for the owner to decide), `accepted` (the accounts are one person) or `rejected`.
        status: String,
        /// `rule` (decided by decisive evidence, or not decided yet) or `owner` (`freehold people accept|reject|link|unlink`).
        decided_by: String,
        /// The evidence, a JSON array of `{"kind", "detail"}` objects: `email`, `phone`, `profile-link`, `name`, `name-initials`, `handle-matches-name`, `shared-group`, `common-name`, `owner`, `owner-decision`.
        evidence: String,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// One decision of the owner about who is who, kept apart from imported data: imports never write or remove it, so it survives re-imports and new archives. Later decisions about the same pair win.
    PersonDecision => "person_decisions", key("id") {
        /// `decision:` followed by the decision's number, 6 digits, in the order they were made.
        id: String,
        /// `accept` or `link` (the accounts are one person), `reject` (they are not), `unlink` (with one account: it is nobody else; with two: `reject`).
        action: String,
        /// The first account.
        account_a: String,
        /// The second account (none for `unlink` of one account).
        account_b: Option<String>,
        /// When the decision was made (UTC).
        decided_at: String,
        /// Source fields the model has no column for.
        extra: Extra,
    }

    /// Where a row came from: which import, which file inside the archive, which position.
    /// In SQLite this is a view over two compact tables: `provenance_sources` (one row per
    /// file of an import: `id` an integer, `import_id`, `path`) and `provenance_entries`
    /// (one row per record: `source`, the `provenance_sources.id` of its file; `seq`, its
    /// number within that file; `entity`, `entity_id`, `locator`). The key orders
    /// the rows; it is unique except where a parser wrote the same record from one place
    /// twice, apart, within one file.
    Provenance => "provenance", key("entity", "entity_id", "import_id", "path", "locator") {
        /// The table of the row.
        entity: String,
        /// The row's id.
        entity_id: String,
        /// The import that wrote it.
        import_id: String,
        /// The path of the file inside the archive.
        path: String,
        /// The position inside that file: `[12]` (array index), `line 40`, `[3].messages[7]`.
        locator: String,
    }
}
