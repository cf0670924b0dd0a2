//! Contact CSV, one row per person: with the header Google Contacts imports
//! ([`Style::Google`]), or a plain header for spreadsheets and CRMs ([`Style::Plain`]).
//! Several values in one Google column are joined with ` ::: `, as Google's own export
//! does; in the plain CSV with `; `.

use std::io::Write;

use super::{NOTICE, People, PeopleReport, platform_name};

/// Which header to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// The columns of Google Contacts' CSV (`First Name`, `E-mail 1 - Value`, ...).
    #[default]
    Google,
    /// One plain column per fact.
    Plain,
}

/// The Google Contacts header.
pub const GOOGLE_HEADER: &[&str] = &[
    "First Name",
    "Middle Name",
    "Last Name",
    "Nickname",
    "Notes",
    "Labels",
    "E-mail 1 - Label",
    "E-mail 1 - Value",
    "Phone 1 - Label",
    "Phone 1 - Value",
    "Organization Name",
    "Organization Title",
    "Website 1 - Label",
    "Website 1 - Value",
    "Website 2 - Label",
    "Website 2 - Value",
    "Website 3 - Label",
    "Website 3 - Value",
    "Website 4 - Label",
    "Website 4 - Value",
];

/// The plain header.
pub const PLAIN_HEADER: &[&str] = &[
    "person_id",
    "name",
    "given_name",
    "family_name",
    "emails",
    "phones",
    "organization",
    "title",
    "platforms",
    "accounts",
    "profile_urls",
    "known_since",
    "note",
];

/// Writes one row per person of the address book.
pub fn write_contacts_csv(
    people: &People,
    out: &mut dyn Write,
    style: Style,
) -> Result<PeopleReport, std::io::Error> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(std::io::BufWriter::with_capacity(1 << 16, out));
    let header = match style {
        Style::Google => GOOGLE_HEADER,
        Style::Plain => PLAIN_HEADER,
    };
    w.write_record(header).map_err(std::io::Error::other)?;
    let mut report = PeopleReport::default();
    for c in people.address_book() {
        let (given, family) = c.name_parts();
        let urls: Vec<(&str, &str)> = c
            .accounts
            .iter()
            .filter_map(|a| {
                a.profile_url
                    .as_deref()
                    .filter(|u| u.starts_with("http"))
                    .map(|u| (platform_name(&a.platform), u))
            })
            .collect();
        let row: Vec<String> = match style {
            Style::Google => {
                let mut labels = vec!["* myContacts".to_string()];
                labels.extend(c.platforms().iter().map(|p| platform_name(p).to_string()));
                let mut row = vec![
                    given,
                    String::new(),
                    family,
                    String::new(),
                    c.note(),
                    labels.join(" ::: "),
                    if c.emails.is_empty() { "" } else { "* Other" }.to_string(),
                    c.emails.join(" ::: "),
                    if c.phones.is_empty() { "" } else { "Mobile" }.to_string(),
                    c.phones.join(" ::: "),
                    c.organisation.clone().unwrap_or_default(),
                    c.title.clone().unwrap_or_default(),
                ];
                for i in 0..4 {
                    match urls.get(i) {
                        Some((label, url)) => {
                            row.push((*label).to_string());
                            row.push((*url).to_string());
                        }
                        None => {
                            row.push(String::new());
                            row.push(String::new());
                        }
                    }
                }
                row
            }
            Style::Plain => vec![
                c.person.id.clone(),
                c.person.name.clone().unwrap_or_default(),
                given,
                family,
                c.emails.join("; "),
                c.phones.join("; "),
                c.organisation.clone().unwrap_or_default(),
                c.title.clone().unwrap_or_default(),
                c.platforms().join("; "),
                c.accounts
                    .iter()
                    .map(|a| a.id.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
                urls.iter().map(|u| u.1).collect::<Vec<_>>().join("; "),
                c.known_since().unwrap_or_default().to_string(),
                c.note(),
            ],
        };
        w.write_record(&row).map_err(std::io::Error::other)?;
        report.records += 1;
    }
    w.flush()?;
    report.skipped = people.contacts.len() - report.records;
    report.summary = format!(
        "{} contacts ({} CSV); {} persons left out (you, and people without a name or any tie or contact detail).\n{NOTICE}\n",
        report.records,
        match style {
            Style::Google => "Google Contacts",
            Style::Plain => "plain",
        },
        report.skipped
    );
    Ok(report)
}
