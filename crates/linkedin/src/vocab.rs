//! The header vocabulary of every LinkedIn file: each known era's column names, and the
//! key columns that make a record the file's header.
//!
//! Names are compared after [`freehold_archive::csv::norm`] (case, spaces, `_` and
//! punctuation ignored; `Share Commentary` is `ShareCommentary`), and failing that
//! without their parenthesised parts. Eras are named by the year they were first seen
//! (sources in `docs/platforms/linkedin.md`). A header matches an era when it has every
//! column of it (later, unknown columns go to `extra`); of several, the one with the
//! most columns wins. A header with some key column but no era is read all the same
//! (the file is `partial`); one with no key column is no header at all.

use freehold_archive::csv::Header;

use crate::kind::{Career, Kind};

/// One era's header.
pub(crate) struct Era {
    /// When it was first seen, e.g. `2018`.
    pub name: &'static str,
    /// Its columns.
    pub columns: &'static [&'static str],
}

/// The columns of one file in every known era.
pub(crate) struct Vocab {
    /// A record naming at least one of these is the header.
    pub key: &'static [&'static str],
    /// Every known era, oldest first.
    pub eras: &'static [Era],
}

impl Vocab {
    /// Whether `header` is this file's header.
    pub(crate) fn accepts(&self, header: &Header) -> bool {
        header.has_any(self.key)
    }

    /// The era `header` matches, if any.
    pub(crate) fn era(&self, header: &Header) -> Option<&'static str> {
        self.eras
            .iter()
            .filter(|e| header.has_all(e.columns))
            .max_by_key(|e| e.columns.len())
            .map(|e| e.name)
    }
}

const fn era(name: &'static str, columns: &'static [&'static str]) -> Era {
    Era { name, columns }
}

const CONNECTIONS: Vocab = Vocab {
    key: &["first name", "connected on"],
    eras: &[
        era(
            "2015",
            &[
                "First Name",
                "Last Name",
                "Email Address",
                "Company",
                "Position",
                "Connected On",
            ],
        ),
        era(
            "2023",
            &[
                "First Name",
                "Last Name",
                "URL",
                "Email Address",
                "Company",
                "Position",
                "Connected On",
            ],
        ),
    ],
};

const MESSAGES: Vocab = Vocab {
    key: &["conversation id", "from", "content"],
    eras: &[
        era(
            "2015",
            &[
                "FROM",
                "TO",
                "DATE",
                "SUBJECT",
                "CONTENT",
                "DIRECTION",
                "FOLDER",
            ],
        ),
        era(
            "2020",
            &[
                "CONVERSATION ID",
                "CONVERSATION TITLE",
                "FROM",
                "SENDER PROFILE URL",
                "TO",
                "DATE",
                "SUBJECT",
                "CONTENT",
                "FOLDER",
            ],
        ),
        era(
            "2023",
            &[
                "CONVERSATION ID",
                "CONVERSATION TITLE",
                "FROM",
                "SENDER PROFILE URL",
                "TO",
                "RECIPIENT PROFILE URLS",
                "DATE",
                "SUBJECT",
                "CONTENT",
                "FOLDER",
            ],
        ),
        era(
            "2024",
            &[
                "CONVERSATION ID",
                "CONVERSATION TITLE",
                "FROM",
                "SENDER PROFILE URL",
                "TO",
                "RECIPIENT PROFILE URLS",
                "DATE",
                "SUBJECT",
                "CONTENT",
                "FOLDER",
                "IS MESSAGE DRAFT",
                "IS CONVERSATION DRAFT",
            ],
        ),
        era(
            "2025",
            &[
                "CONVERSATION ID",
                "CONVERSATION TITLE",
                "FROM",
                "SENDER PROFILE URL",
                "TO",
                "RECIPIENT PROFILE URLS",
                "DATE",
                "SUBJECT",
                "CONTENT",
                "FOLDER",
                "ATTACHMENTS",
            ],
        ),
    ],
};

const PROFILE: Vocab = Vocab {
    key: &["first name", "last name", "headline"],
    eras: &[
        era(
            "2018",
            &[
                "First Name",
                "Last Name",
                "Maiden Name",
                "Address",
                "Birth Date",
                "Contact Instructions",
                "Headline",
                "Summary",
                "Industry",
                "Country",
                "Zip Code",
                "Geo Location",
                "Twitter Handles",
                "Websites",
                "Instant Messengers",
            ],
        ),
        era(
            "2020",
            &[
                "First Name",
                "Last Name",
                "Maiden Name",
                "Address",
                "Birth Date",
                "Headline",
                "Summary",
                "Industry",
                "Zip Code",
                "Geo Location",
                "Twitter Handles",
                "Websites",
                "Instant Messengers",
            ],
        ),
    ],
};

const PROFILE_SUMMARY: Vocab = Vocab {
    key: &["profile summary"],
    eras: &[era("2025", &["Profile Summary"])],
};

const EMAILS: Vocab = Vocab {
    key: &["email address"],
    eras: &[era(
        "2015",
        &["Email Address", "Confirmed", "Primary", "Updated On"],
    )],
};

const PHONES: Vocab = Vocab {
    key: &["number"],
    eras: &[era("2015", &["Extension", "Number", "Type"])],
};

const WHATSAPP: Vocab = Vocab {
    key: &["number"],
    eras: &[era("2024", &["Number", "Extension", "Is_WhatsApp_Number"])],
};

/// `Registration.csv`: the 2017–2018 names with the inviter's name, then the short ones.
const REGISTRATION: Vocab = Vocab {
    key: &["registered at", "registration date"],
    eras: &[
        era(
            "2018",
            &[
                "Registration Date",
                "Registration IP Address",
                "Invited by (First Name)",
                "Invited by (Last Name)",
                "Subscription Types",
            ],
        ),
        era(
            "2020",
            &["Registered At", "Registration Ip", "Subscription Types"],
        ),
    ],
};

const INVITATIONS: Vocab = Vocab {
    key: &["from", "to", "sent at"],
    eras: &[
        era("2015", &["From", "To", "Sent At", "Message", "Direction"]),
        era(
            "2023",
            &[
                "From",
                "To",
                "Sent At",
                "Message",
                "Direction",
                "inviterProfileUrl",
                "inviteeProfileUrl",
            ],
        ),
    ],
};

const ENDORSEMENTS_RECEIVED: Vocab = Vocab {
    key: &["skill name"],
    eras: &[
        era(
            "2018",
            &[
                "Endorsement Date",
                "Skill Name",
                "Endorser First Name",
                "Endorser Last Name",
                "Endorsement Status",
            ],
        ),
        era(
            "2023",
            &[
                "Endorsement Date",
                "Skill Name",
                "Endorser First Name",
                "Endorser Last Name",
                "Endorser Public Url",
                "Endorsement Status",
            ],
        ),
    ],
};

const ENDORSEMENTS_GIVEN: Vocab = Vocab {
    key: &["skill name"],
    eras: &[
        era(
            "2018",
            &[
                "Endorsement Date",
                "Skill Name",
                "Endorsee First Name",
                "Endorsee Last Name",
                "Endorsement Status",
            ],
        ),
        era(
            "2023",
            &[
                "Endorsement Date",
                "Skill Name",
                "Endorsee First Name",
                "Endorsee Last Name",
                "Endorsee Public Url",
                "Endorsement Status",
            ],
        ),
    ],
};

const RECOMMENDATIONS: Vocab = Vocab {
    key: &["text", "recommendation"],
    eras: &[era(
        "2018",
        &[
            "First Name",
            "Last Name",
            "Company",
            "Job Title",
            "Text",
            "Creation Date",
            "Status",
        ],
    )],
};

const COMPANY_FOLLOWS: Vocab = Vocab {
    key: &["organization"],
    eras: &[era("2018", &["Organization", "Followed On"])],
};

const MEMBER_FOLLOWS: Vocab = Vocab {
    key: &["fullname"],
    eras: &[era("2022", &["Date", "Status", "FullName"])],
};

const CONTACTS: Vocab = Vocab {
    key: &["firstname", "fullname", "emails"],
    eras: &[
        era(
            "2018",
            &[
                "Source",
                "First Name",
                "Last Name",
                "Companies",
                "Title",
                "Emails",
                "Phone Numbers",
                "Created At",
                "Addresses",
                "Sites",
                "Instant Message Handles",
            ],
        ),
        era(
            "2023",
            &[
                "Source",
                "FirstName",
                "LastName",
                "Companies",
                "Title",
                "Emails",
                "PhoneNumbers",
                "CreatedAt",
                "Addresses",
                "Sites",
                "InstantMessageHandles",
                "FullName",
                "Birthday",
                "Location",
                "BookmarkedAt",
                "Profiles",
            ],
        ),
    ],
};

const EVENTS: Vocab = Vocab {
    key: &["event name"],
    eras: &[era(
        "2021",
        &["Event Name", "Event Time", "Status", "External Url"],
    )],
};

/// `Shares.csv`: 2017–2018 UTF-16, tab-separated, with spaced names and a title; since
/// 2020 the short camel-case names.
const SHARES: Vocab = Vocab {
    key: &["sharecommentary", "sharelink", "share title"],
    eras: &[
        era(
            "2018",
            &[
                "Date",
                "Share Title",
                "Share Description",
                "Share Link",
                "Share Commentary",
                "Shared URL",
                "Media URL",
                "Type",
                "Visibility",
            ],
        ),
        era(
            "2020",
            &[
                "Date",
                "ShareLink",
                "ShareCommentary",
                "SharedUrl",
                "MediaUrl",
                "Visibility",
            ],
        ),
    ],
};

const COMMENTS: Vocab = Vocab {
    key: &["message", "link"],
    eras: &[era("2020", &["Date", "Link", "Message"])],
};

const REACTIONS: Vocab = Vocab {
    key: &["type", "link"],
    eras: &[era("2020", &["Date", "Type", "Link"])],
};

const VOTES: Vocab = Vocab {
    key: &["optiontext", "link"],
    eras: &[era("2022", &["Date", "Link", "OptionText"])],
};

const INSTANT_REPOSTS: Vocab = Vocab {
    key: &["link"],
    eras: &[era("2022", &["Date", "Link"])],
};

const POSITIONS: Vocab = Vocab {
    key: &["company name", "title"],
    eras: &[era(
        "2015",
        &[
            "Company Name",
            "Title",
            "Description",
            "Location",
            "Started On",
            "Finished On",
        ],
    )],
};

const EDUCATION: Vocab = Vocab {
    key: &["school name"],
    eras: &[era(
        "2015",
        &[
            "School Name",
            "Start Date",
            "End Date",
            "Notes",
            "Degree Name",
            "Activities",
        ],
    )],
};

const VOLUNTEERING: Vocab = Vocab {
    key: &["role"],
    eras: &[era(
        "2018",
        &[
            "Company Name",
            "Role",
            "Cause",
            "Started On",
            "Finished On",
            "Description",
        ],
    )],
};

const PROJECTS: Vocab = Vocab {
    key: &["title"],
    eras: &[era(
        "2015",
        &["Title", "Description", "Url", "Started On", "Finished On"],
    )],
};

const PUBLICATIONS: Vocab = Vocab {
    key: &["name"],
    eras: &[era(
        "2015",
        &["Name", "Published On", "Description", "Publisher", "Url"],
    )],
};

const CERTIFICATIONS: Vocab = Vocab {
    key: &["name"],
    eras: &[era(
        "2015",
        &[
            "Name",
            "Url",
            "Authority",
            "Started On",
            "Finished On",
            "License Number",
        ],
    )],
};

const HONORS: Vocab = Vocab {
    key: &["title"],
    eras: &[era("2015", &["Title", "Description", "Issued On"])],
};

/// Only the columns every source agrees on.
const PATENTS: Vocab = Vocab {
    key: &["title"],
    eras: &[era("2015", &["Title", "Description"])],
};

const ORGANIZATIONS: Vocab = Vocab {
    key: &["name"],
    eras: &[era(
        "2015",
        &[
            "Name",
            "Position",
            "Description",
            "Started On",
            "Finished On",
        ],
    )],
};

const SKILLS: Vocab = Vocab {
    key: &["name"],
    eras: &[era("2015", &["Name"])],
};

const LANGUAGES: Vocab = Vocab {
    key: &["name"],
    eras: &[era("2015", &["Name", "Proficiency"])],
};

const COURSES: Vocab = Vocab {
    key: &["name"],
    eras: &[era("2015", &["Name", "Number"])],
};

const TEST_SCORES: Vocab = Vocab {
    key: &["name"],
    eras: &[era("2015", &["Name", "Score", "Date"])],
};

/// No vocabulary: articles are HTML.
const NONE: Vocab = Vocab {
    key: &[],
    eras: &[],
};

/// The vocabulary of a kind of file.
pub(crate) fn of(kind: Kind) -> &'static Vocab {
    match kind {
        Kind::Profile => &PROFILE,
        Kind::ProfileSummary => &PROFILE_SUMMARY,
        Kind::Emails => &EMAILS,
        Kind::Phones => &PHONES,
        Kind::WhatsappPhones => &WHATSAPP,
        Kind::Registration => &REGISTRATION,
        Kind::Connections => &CONNECTIONS,
        Kind::Invitations => &INVITATIONS,
        Kind::Messages => &MESSAGES,
        Kind::Career(career) => match career {
            Career::Positions => &POSITIONS,
            Career::Education => &EDUCATION,
            Career::Volunteering => &VOLUNTEERING,
            Career::Projects => &PROJECTS,
            Career::Publications => &PUBLICATIONS,
            Career::Certifications => &CERTIFICATIONS,
            Career::Honors => &HONORS,
            Career::Patents => &PATENTS,
            Career::Organizations => &ORGANIZATIONS,
            Career::Skills => &SKILLS,
            Career::Languages => &LANGUAGES,
            Career::Courses => &COURSES,
            Career::TestScores => &TEST_SCORES,
        },
        Kind::EndorsementsReceived => &ENDORSEMENTS_RECEIVED,
        Kind::EndorsementsGiven => &ENDORSEMENTS_GIVEN,
        Kind::RecommendationsReceived | Kind::RecommendationsGiven => &RECOMMENDATIONS,
        Kind::CompanyFollows => &COMPANY_FOLLOWS,
        Kind::MemberFollows => &MEMBER_FOLLOWS,
        Kind::Contacts => &CONTACTS,
        Kind::Events => &EVENTS,
        Kind::Shares => &SHARES,
        Kind::Comments => &COMMENTS,
        Kind::Reactions => &REACTIONS,
        Kind::Votes => &VOTES,
        Kind::InstantReposts => &INSTANT_REPOSTS,
        Kind::Article => &NONE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Header {
        Header::new(&names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn eras_are_told_apart() {
        let shares = of(Kind::Shares);
        let h2018 = header(&[
            "Date",
            "Share Title",
            "Share Description",
            "Share Link",
            "Share Commentary",
            "Shared URL",
            "Media URL",
            "Type",
            "Visibility",
        ]);
        assert!(shares.accepts(&h2018));
        assert_eq!(shares.era(&h2018), Some("2018"));
        let h2020 = header(&[
            "Date",
            "ShareLink",
            "ShareCommentary",
            "SharedUrl",
            "MediaUrl",
            "Visibility",
        ]);
        assert_eq!(shares.era(&h2020), Some("2020"));
        let new = header(&["Date", "ShareCommentary", "Audience"]);
        assert!(shares.accepts(&new));
        assert_eq!(shares.era(&new), None);
        assert!(!shares.accepts(&header(&["Foo", "Bar"])));
        let registration = of(Kind::Registration);
        let h = header(&[
            "Registration Date",
            "Registration IP Address",
            "Invited by (First Name)",
            "Invited by (Last Name)",
            "Subscription Types",
        ]);
        assert_eq!(registration.era(&h), Some("2018"));
        let messages = of(Kind::Messages);
        let h = header(&[
            "CONVERSATION ID",
            "CONVERSATION TITLE",
            "FROM",
            "SENDER PROFILE URL",
            "TO",
            "RECIPIENT PROFILE URLS",
            "DATE",
            "SUBJECT",
            "CONTENT",
            "FOLDER",
            "ATTACHMENTS",
            "IS MESSAGE DRAFT",
        ]);
        assert_eq!(messages.era(&h), Some("2025"));
    }
}
