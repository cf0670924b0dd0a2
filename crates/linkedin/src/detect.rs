//! Recognising a LinkedIn export and its era by content, and classifying its files.

use freehold_archive::{Archive, Detection, Entry};

use crate::kind::{Career, Kind};
use crate::util::{PLATFORM, header_of};

freehold_archive::layouts! {
    /// The eras of the LinkedIn export, told apart by `Connections.csv` and `messages.csv`.
    pub enum Layout {
        /// 2015 to mid-2021: no `Notes:` preamble, no URL column; messages with `DIRECTION`.
        Classic => "linkedin/classic-2015",
        /// Mid-2021 to mid-2023: `Notes:` preamble, no URL column.
        Notes => "linkedin/notes-2021",
        /// Mid-2023 to early 2026: a `URL` column in `Connections.csv`.
        Url => "linkedin/url-2023",
        /// March 2026 on: every field of `messages.csv` double-quoted, `_<member id>` suffixes.
        Quoted => "linkedin/quoted-2026",
        /// Neither connections nor messages: the era cannot be told.
        Partial => "linkedin/partial",
    }
}

/// A file name reduced for matching: the stem, lower case, without spaces, underscores
/// or dashes, without a trailing `_<digits>` member id. `Company Follows.csv`,
/// `Company_Follows.csv` and `company_follows_123456.csv` all give `companyfollows`.
pub(crate) fn file_key(entry: &Entry) -> String {
    let name = entry.file_name();
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let stem = match stem.rsplit_once('_') {
        Some((base, digits))
            if !base.is_empty()
                && !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit()) =>
        {
            base
        }
        _ => stem,
    };
    stem.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether the file name carries a `_<digits>` member-id suffix (2026 Complete exports).
pub(crate) fn has_member_suffix(entry: &Entry) -> bool {
    let name = entry.file_name();
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    stem.rsplit_once('_').is_some_and(|(b, d)| {
        !b.is_empty() && d.len() >= 3 && d.bytes().all(|c| c.is_ascii_digit())
    })
}

fn extension(entry: &Entry) -> String {
    entry
        .file_name()
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// What a file is by its name (the content is checked when it is read).
pub(crate) fn classify(entry: &Entry) -> Option<Kind> {
    let ext = extension(entry);
    if ext == "html" || ext == "htm" {
        let lower = entry.path.to_ascii_lowercase();
        return lower.starts_with("articles/").then_some(Kind::Article);
    }
    if ext != "csv" {
        return None;
    }
    let key = file_key(entry);
    Some(match key.as_str() {
        "profile" => Kind::Profile,
        "profilesummary" => Kind::ProfileSummary,
        "emailaddresses" | "emailaddress" => Kind::Emails,
        "phonenumbers" | "phonenumber" => Kind::Phones,
        "whatsappphonenumbers" => Kind::WhatsappPhones,
        "registration" => Kind::Registration,
        "connections" => Kind::Connections,
        "invitations" => Kind::Invitations,
        "messages"
        | "guidemessages"
        | "learningcoachmessages"
        | "learningroleplaymessages"
        | "coachmessages" => Kind::Messages,
        "positions" => Kind::Career(Career::Positions),
        "education" => Kind::Career(Career::Education),
        "volunteering" | "volunteeringexperiences" | "volunteerexperiences" => {
            Kind::Career(Career::Volunteering)
        }
        "projects" => Kind::Career(Career::Projects),
        "publications" => Kind::Career(Career::Publications),
        "certifications" => Kind::Career(Career::Certifications),
        "honors" | "honours" => Kind::Career(Career::Honors),
        "patents" => Kind::Career(Career::Patents),
        "organizations" => Kind::Career(Career::Organizations),
        "skills" => Kind::Career(Career::Skills),
        "languages" => Kind::Career(Career::Languages),
        "courses" => Kind::Career(Career::Courses),
        "testscores" => Kind::Career(Career::TestScores),
        "endorsementreceivedinfo" | "endorsementsreceivedinfo" => Kind::EndorsementsReceived,
        "endorsementgiveninfo" | "endorsementsgiveninfo" => Kind::EndorsementsGiven,
        "recommendationsreceived" => Kind::RecommendationsReceived,
        "recommendationsgiven" => Kind::RecommendationsGiven,
        "companyfollows" => Kind::CompanyFollows,
        "memberfollows" => Kind::MemberFollows,
        "importedcontacts" | "contacts" => Kind::Contacts,
        "events" => Kind::Events,
        "shares" => Kind::Shares,
        "comments" => Kind::Comments,
        "reactions" => Kind::Reactions,
        "votes" => Kind::Votes,
        "instantreposts" => Kind::InstantReposts,
        _ => return None,
    })
}

/// Files freehold knows and deliberately does not import, with the reason.
pub(crate) fn skipped(entry: &Entry) -> Option<&'static str> {
    const ADS: &str = "advertising and inferred-interest data";
    const SECURITY: &str = "security and login data (IP addresses, devices)";
    const LATER: &str = "known LinkedIn file, not mapped yet";
    let key = file_key(entry);
    let lower = entry.path.to_ascii_lowercase();
    if extension(entry) != "csv" {
        if lower.starts_with("articles/") || lower.contains("/articles/") {
            return Some("article asset");
        }
        let ext = extension(entry);
        return matches!(ext.as_str(), "jpg" | "jpeg" | "png" | "gif" | "pdf")
            .then_some("a file LinkedIn attached (photo or document); not linked to any row");
    }
    Some(match key.as_str() {
        "adtargeting" | "adsclicked" | "lanadsengagement" | "inferencesaboutyou"
        | "adsinteractions" => ADS,
        "logins"
        | "loginattempts"
        | "securitychallenges"
        | "accountstatushistory"
        | "mobileapplications"
        | "privateidentityasset"
        | "verifications" => SECURITY,
        "searchqueries" => "search history (not mapped yet)",
        "richmedia" => "a log of uploaded photos; the files are not in the archive",
        "learning" => "LinkedIn Learning history (not mapped yet)",
        "savedjobalerts"
        | "jobapplications"
        | "savedjobs"
        | "jobseekerpreferences"
        | "jobapplicantsavedscreeningquestionresponses"
        | "jobapplicantsavedanswers" => "job-search data (not mapped yet)",
        k if k.starts_with("receipts") => "purchase receipts (not mapped yet)",
        "saveditems"
        | "savedarticles"
        | "notes"
        | "providers"
        | "servicesmarketplace"
        | "likes"
        | "groups"
        | "causesyoucareabout"
        | "recommendationsreceivedinfo" => LATER,
        _ => return None,
    })
}

/// Looks at an archive and says whether it is a LinkedIn export, and of which era.
pub(crate) fn detect(archive: &Archive) -> Option<Detection> {
    let mut known = 0usize;
    let mut strong = false;
    let mut url = false;
    let mut notes = false;
    let mut classic = false;
    let mut quoted = false;
    let mut suffix = false;
    let mut connections_or_messages = false;
    for entry in archive.entries().iter().take(2000) {
        let kind = classify(entry);
        if kind.is_some() {
            known += 1;
        }
        if extension(entry) != "csv" {
            continue;
        }
        if kind.is_some() && has_member_suffix(entry) {
            suffix = true;
        }
        // Connections by content, whatever the file is called.
        if matches!(kind, Some(Kind::Connections) | None)
            && let Some(h) = header_of(archive, entry, &["first name", "connected on"])
        {
            strong = true;
            connections_or_messages = true;
            if h.col("url").is_some() {
                url = true;
            }
            if first_line_is_notes(archive, entry) {
                notes = true;
            } else if h.col("url").is_none() {
                classic = true;
            }
            continue;
        }
        if matches!(kind, Some(Kind::Messages) | None)
            && let Some(h) = header_of(archive, entry, &["from", "to", "content"])
        {
            if h.col("conversation id").is_some() {
                strong = true;
                connections_or_messages = true;
                if h.col("recipient profile urls").is_some() {
                    url = true;
                }
                if head_is_quoted(archive, entry) {
                    quoted = true;
                }
            } else if h.col("direction").is_some() {
                strong = kind.is_some() || strong;
                connections_or_messages = true;
                classic = true;
            }
        }
    }
    let confidence = if strong {
        85
    } else if known >= 3 {
        50
    } else {
        return None;
    };
    let layout = if quoted || (suffix && url) {
        Layout::Quoted
    } else if url {
        Layout::Url
    } else if notes {
        Layout::Notes
    } else if classic {
        Layout::Classic
    } else if connections_or_messages {
        Layout::Notes
    } else {
        Layout::Partial
    };
    Some(Detection {
        platform: PLATFORM,
        layout: freehold_archive::AnyLayout::new(layout),
        confidence,
    })
}

/// What a CSV file with an unfamiliar name is, by its header: connections or messages.
pub(crate) fn sniff_kind(archive: &Archive, entry: &Entry) -> Option<Kind> {
    if extension(entry) != "csv" {
        return None;
    }
    if header_of(archive, entry, &["first name", "connected on"]).is_some() {
        return Some(Kind::Connections);
    }
    header_of(
        archive,
        entry,
        &["conversation id", "from", "to", "content"],
    )
    .map(|_| Kind::Messages)
}

fn first_line_is_notes(archive: &Archive, entry: &Entry) -> bool {
    header_of(archive, entry, &[])
        .and_then(|h| h.names.first().cloned())
        .is_some_and(|first| first.trim_end_matches(':').eq_ignore_ascii_case("notes"))
}

fn head_is_quoted(archive: &Archive, entry: &Entry) -> bool {
    archive.head(entry, 8).is_ok_and(|head| {
        let head = freehold_archive::text::strip_utf8_bom(&head);
        head.starts_with(b"\"")
    })
}
