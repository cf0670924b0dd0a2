//! What a LinkedIn file holds: the kinds files are classified into, shared by detection,
//! the header vocabulary and the readers.

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    Profile,
    ProfileSummary,
    Emails,
    Phones,
    WhatsappPhones,
    Registration,
    Connections,
    Invitations,
    Messages,
    Career(Career),
    EndorsementsReceived,
    EndorsementsGiven,
    RecommendationsReceived,
    RecommendationsGiven,
    CompanyFollows,
    MemberFollows,
    Contacts,
    Events,
    Shares,
    Comments,
    Reactions,
    Votes,
    InstantReposts,
    Article,
}

/// The career and profile files that become experiences or profile fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Career {
    Positions,
    Education,
    Volunteering,
    Projects,
    Publications,
    Certifications,
    Honors,
    Patents,
    Organizations,
    Skills,
    Languages,
    Courses,
    TestScores,
}
