//! The [`Platform`] implementation: classify every file, find the owner, then read the
//! files in an order that writes accounts before the rows that point at them.

use freehold_archive::{Archive, Detection, Entry, Error, Fate, ParseContext, Platform, Severity};

use crate::detect::{self, classify, skipped};
use crate::kind::Kind;
use crate::people::{NameTally, Owner, People, full_name, normalise_name};
use crate::state::State;
use crate::util::{Out, PLATFORM, Rec, first_row};
use crate::{activity, messages, network, profile};

/// The LinkedIn parser.
///
/// Recognises an export by content (a CSV header naming `First Name` and `Connected On`,
/// or `messages.csv` with `CONVERSATION ID`, or LinkedIn's characteristic file set) and
/// reads every era from 2015 to 2026. See the crate documentation.
#[derive(Debug, Default, Clone, Copy)]
pub struct LinkedIn;

impl Platform for LinkedIn {
    fn name(&self) -> &'static str {
        PLATFORM
    }

    fn detect(&self, archive: &Archive) -> Option<Detection> {
        detect::detect(archive)
    }

    fn parse(
        &self,
        archive: &Archive,
        _detection: &Detection,
        cx: &mut ParseContext<'_>,
    ) -> Result<(), Error> {
        parse(archive, cx)
    }
}

fn parse(archive: &Archive, cx: &mut ParseContext<'_>) -> Result<(), Error> {
    let mut files: Vec<(Kind, &Entry)> = Vec::new();
    for entry in archive.entries() {
        match classify(entry) {
            Some(kind) => files.push((kind, entry)),
            None => match skipped(entry) {
                Some(reason) => cx.set_fate(entry, Fate::Skipped, reason),
                None => match detect::sniff_kind(archive, entry) {
                    Some(kind) => files.push((kind, entry)),
                    None => cx.diagnose(
                        Severity::Info,
                        freehold_archive::codes::UNKNOWN_FILE,
                        Some(&entry.path),
                        None,
                        "a file freehold does not know; listed as unknown",
                    ),
                },
            },
        }
    }
    files.sort_by(|a, b| (a.0, &a.1.path).cmp(&(b.0, &b.1.path)));
    let of_kind = |kind: Kind| {
        files
            .iter()
            .filter(move |(k, _)| *k == kind)
            .map(|(_, e)| *e)
    };

    // The owner: the name from Profile.csv, the URL from invitations or messages.
    let profile_entry = of_kind(Kind::Profile).next();
    let name = profile_entry.and_then(|e| {
        let (header, row) = first_row(archive, e, &["first name", "last name"])?;
        let noted = std::cell::Cell::new(false);
        let rec = Rec {
            header: &header,
            row,
            ambiguous_noted: &noted,
        };
        full_name(rec.get(&["first name"]), rec.get(&["last name"]))
    });
    let mut state = State::default();
    let name = match name {
        Some(name) => Some(name),
        None => infer_owner(archive, cx, &files, &state.people),
    };
    let mut slug = None;
    for entry in of_kind(Kind::Invitations) {
        slug = slug.or_else(|| network::owner_slug(archive, entry));
    }
    for entry in of_kind(Kind::Messages) {
        let found = messages::prescan(archive, entry, name.as_deref(), &mut state.people);
        slug = slug.or(found);
    }
    if name.is_none() {
        cx.diagnose(
            Severity::Warning,
            freehold_archive::codes::NO_OWNER_NAME,
            None,
            None,
            "no Profile.csv with the owner's name, and no invitation or conversation shows who the owner is: the owner is identified by URL or as li:account:owner",
        );
    }
    state.people.owner = Owner::new(name, slug);
    let owner_path = profile_entry
        .or_else(|| files.first().map(|(_, e)| *e))
        .map(|e| e.path.clone());
    if let Some(path) = owner_path {
        let mut out = Out { cx, path };
        out.emit(state.people.owner.account(), "owner")?;
    }

    for (kind, entry) in &files {
        let entry = *entry;
        match *kind {
            Kind::Profile => profile::profile(archive, entry, cx, &mut state)?,
            Kind::ProfileSummary
            | Kind::Emails
            | Kind::Phones
            | Kind::WhatsappPhones
            | Kind::Registration => profile::fields(archive, entry, cx, &mut state, *kind)?,
            Kind::Career(career) => profile::career(archive, entry, cx, &mut state, career)?,
            Kind::Connections => network::connections(archive, entry, cx, &mut state)?,
            Kind::Invitations => network::invitations(archive, entry, cx, &mut state)?,
            Kind::EndorsementsReceived | Kind::EndorsementsGiven => {
                network::endorsements(archive, entry, cx, &mut state, *kind)?
            }
            Kind::RecommendationsReceived | Kind::RecommendationsGiven => {
                network::recommendations(archive, entry, cx, &mut state, *kind)?
            }
            Kind::CompanyFollows => network::company_follows(archive, entry, cx, &mut state)?,
            Kind::MemberFollows => network::member_follows(archive, entry, cx, &mut state)?,
            Kind::Contacts => network::contacts(archive, entry, cx)?,
            Kind::Messages => messages::parse(archive, entry, cx, &mut state)?,
            Kind::Events => activity::events(archive, entry, cx)?,
            Kind::Shares
            | Kind::Comments
            | Kind::Reactions
            | Kind::Votes
            | Kind::InstantReposts => activity::activity(archive, entry, cx, &mut state, *kind)?,
            Kind::Article => activity::article(archive, entry, cx, &mut state)?,
        }
    }
    Ok(())
}

/// The owner's name when there is no `Profile.csv`, from the evidence the other files
/// give: the owner's side of every invitation (`From` of `OUTGOING`, `To` of
/// `INCOMING`), else the one person in (nearly) every conversation of the messages
/// files. Says in an `owner-inferred` note how the owner was found.
fn infer_owner(
    archive: &Archive,
    cx: &mut ParseContext<'_>,
    files: &[(Kind, &Entry)],
    people: &People,
) -> Option<String> {
    let mut tally = NameTally::default();
    let (mut outgoing, mut incoming) = (0, 0);
    let mut invitation_files = Vec::new();
    for (_, entry) in files.iter().filter(|(k, _)| *k == Kind::Invitations) {
        let (o, i) = network::owner_names(archive, entry, &mut tally);
        outgoing += o;
        incoming += i;
        invitation_files.push(entry.path.as_str());
    }
    // Most of the invitations, not merely the most often named person.
    let from_invitations = tally
        .leader()
        .filter(|(_, n)| *n * 2 > outgoing + incoming)
        .map(|(name, n)| (name.to_string(), n));
    let mut from_messages = None;
    let mut message_file = None;
    for (_, entry) in files.iter().filter(|(k, _)| *k == Kind::Messages) {
        if let Some(found) = messages::owner_by_presence(archive, entry, people) {
            from_messages = Some(found);
            message_file = Some(entry.path.as_str());
            break;
        }
    }
    let (name, how) = match (from_invitations, from_messages) {
        (Some((name, n)), messages) => {
            let mut how = format!(
                "the owner's side of {n} of {} invitations ({}: `From` of {outgoing} OUTGOING, `To` of {incoming} INCOMING)",
                outgoing + incoming,
                invitation_files.join(", ")
            );
            if let (Some((m, k, total)), Some(file)) = (messages, message_file)
                && normalise_name(&m) == normalise_name(&name)
            {
                how.push_str(&format!(
                    ", and the one person in {k} of {total} conversations of {file}"
                ));
            }
            (name, how)
        }
        (None, Some((name, k, total))) => {
            let how = format!(
                "the one person in {k} of {total} conversations of {}",
                message_file.unwrap_or("messages.csv")
            );
            (name, how)
        }
        (None, None) => return None,
    };
    cx.diagnose(
        Severity::Info,
        freehold_archive::codes::OWNER_INFERRED,
        None,
        None,
        format!("no Profile.csv: the owner is taken to be {name}, from {how}"),
    );
    Some(name)
}

/// Opens the archive at `path` (a zip, or the folder it extracts to), checks that it is
/// a LinkedIn export, and parses it: every record in the order read, and the report (each
/// file's fate, every diagnostic). Files no parser maps are kept as raw records, as an
/// import keeps them. For a database, a progress bar or another sink, use [`LinkedIn`]
/// with a [`ParseContext`] instead.
///
/// # Errors
///
/// When the archive cannot be opened, is not a LinkedIn export
/// ([`Error::Unrecognised`]), or cannot be read as a whole.
pub fn parse_path(
    path: impl AsRef<std::path::Path>,
) -> Result<(Vec<freehold_model::Record>, freehold_archive::Report), Error> {
    freehold_archive::parse_path(&LinkedIn, path.as_ref())
}
