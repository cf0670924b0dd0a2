//! Normalising what evidence is compared by: names, emails, phone numbers, handles and
//! profile links.

use unicode_normalization::UnicodeNormalization;

/// `text` without diacritics, lower case: `Daniëlle` → `danielle`, `Łukasz` → `lukasz`.
/// Letters that do not decompose but have a plain counterpart (`ł`, `ø`, `đ`, `ß`) are
/// mapped too.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            'ł' | 'Ł' => out.push('l'),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ı' => out.push('i'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The words of a name, folded, in the order written; `Last, First` is turned round.
/// Punctuation, emoji and titles after a comma (`Doe, Ph.D.`) are dropped.
pub fn name_tokens(name: &str) -> Vec<String> {
    let folded = fold(name);
    // `de Vries, Jan` → `Jan de Vries`, unless what follows the comma is a title.
    let ordered = match folded.split_once(',') {
        Some((last, first)) => {
            let first = first.trim();
            let title = matches!(
                first.trim_end_matches('.').replace('.', "").as_str(),
                "phd" | "md" | "jr" | "sr" | "msc" | "bsc" | "mba" | "ii" | "iii"
            );
            if title || first.is_empty() {
                last.to_string()
            } else {
                format!("{first} {last}")
            }
        }
        None => folded,
    };
    ordered
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The key of an exact name match: the words sorted (so word order does not matter).
/// `None` for a name of fewer than two words (a first name alone is no evidence).
pub fn name_key(tokens: &[String]) -> Option<String> {
    // A Chinese, Japanese or Korean name is written without spaces: two characters or
    // more in one word are a full name.
    if let [one] = tokens
        && one.chars().count() >= 2
        && one.chars().all(is_cjk)
    {
        return Some(one.clone());
    }
    if tokens.len() < 2 || tokens.iter().all(|t| t.chars().count() == 1) {
        return None;
    }
    let mut sorted: Vec<&str> = tokens.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    Some(sorted.join(" "))
}

/// The keys of a match with initials: the first (or last) word reduced to its initial,
/// then the other words sorted. `Jan de Vries` and `J. de Vries` share `j|de vries`.
pub fn initial_keys(tokens: &[String]) -> Vec<String> {
    if tokens.len() < 2 {
        return Vec::new();
    }
    let mut keys = Vec::with_capacity(2);
    for pick in [0, tokens.len() - 1] {
        let initial: String = tokens[pick].chars().take(1).collect();
        let mut rest: Vec<&str> = tokens
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != pick)
            .map(|(_, t)| t.as_str())
            .collect();
        // The rest must hold a real word, not only initials.
        if rest.iter().all(|t| t.chars().count() == 1) {
            continue;
        }
        rest.sort_unstable();
        keys.push(format!("{initial}|{}", rest.join(" ")));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Whether `c` is a CJK ideograph, kana or hangul syllable.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Whether a name has an initial among its words (`J. de Vries`).
pub fn has_initial(tokens: &[String]) -> bool {
    tokens.iter().any(|t| t.chars().count() == 1)
}

/// An email address compared case-insensitively, `mailto:` and spaces dropped; `None`
/// when it is not an address.
pub fn email_key(value: &str) -> Option<String> {
    let v = value.trim().to_lowercase();
    let v = v.trim_start_matches("mailto:").trim().to_string();
    let (local, domain) = v.split_once('@')?;
    (!local.is_empty() && domain.contains('.') && !v.contains(char::is_whitespace)).then_some(v)
}

/// A phone number compared by its last nine digits (so `+31 6 1234 5678`, `0031612345678`
/// and `06-12345678` agree); `None` for fewer than nine digits.
pub fn phone_key(value: &str) -> Option<String> {
    let digits: Vec<char> = value.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 9 {
        return None;
    }
    Some(digits[digits.len() - 9..].iter().collect())
}

/// A handle compared without `@`, case and separators.
pub fn handle_key(handle: &str) -> String {
    fold(handle.trim().trim_start_matches('@'))
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Whether a handle spells the name: `jandevries`, `jan.de.vries`, `jdevries`,
/// `devriesjan`, `jan_vries` for `Jan de Vries`.
pub fn handle_matches_name(handle: &str, tokens: &[String]) -> bool {
    let h = handle_key(handle);
    let h: String = h.chars().filter(|c| !c.is_ascii_digit()).collect();
    if h.len() < 4 || tokens.len() < 2 {
        return false;
    }
    let first = &tokens[0];
    let last = &tokens[tokens.len() - 1];
    let all: String = tokens.concat();
    let initial: String = first.chars().take(1).collect();
    let candidates = [
        all.clone(),
        format!("{first}{last}"),
        format!("{last}{first}"),
        format!("{initial}{}", tokens[1..].concat()),
        format!("{initial}{last}"),
        tokens.iter().rev().cloned().collect::<String>(),
    ];
    candidates.contains(&h)
}

/// The platform and handle that a profile link or a handle field names:
/// `https://twitter.com/jan` and `x.com/jan` → `twitter:jan`,
/// `linkedin.com/in/jan-de-vries` → `linkedin:jan-de-vries`, `facebook.com/jan.devries`
/// → `facebook:jandevries`, `jan.hyves.nl` → `hyves:jan`.
pub fn profile_claim(value: &str) -> Option<String> {
    let v = value.trim().to_lowercase();
    let v = v
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.")
        .trim_start_matches("mobile.");
    let (host, path) = v.split_once('/').unwrap_or((v, ""));
    let first = path
        .split(['/', '?', '#'])
        .find(|s| !s.is_empty())
        .unwrap_or("");
    match host {
        "twitter.com" | "x.com" if !first.is_empty() && first != "intent" => {
            Some(format!("twitter:{}", handle_key(first)))
        }
        "linkedin.com" => {
            let mut parts = path.split('/').filter(|s| !s.is_empty());
            (parts.next() == Some("in"))
                .then(|| parts.next())
                .flatten()
                .map(|slug| format!("linkedin:{}", percent_decode(slug)))
        }
        "facebook.com" | "fb.com" if !first.is_empty() && first != "profile.php" => {
            Some(format!("facebook:{}", handle_key(first)))
        }
        h if h.ends_with(".hyves.nl") => {
            let user = h.trim_end_matches(".hyves.nl");
            (!user.is_empty() && user != "www").then(|| format!("hyves:{}", handle_key(user)))
        }
        _ => None,
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out)
        .trim_end_matches('/')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_and_sort() {
        let t = name_tokens("Daniëlle de Boer");
        assert_eq!(t, ["danielle", "de", "boer"]);
        assert_eq!(name_key(&t).unwrap(), "boer danielle de");
        assert_eq!(
            name_key(&name_tokens("de Boer, Daniëlle")),
            name_key(&t),
            "word order"
        );
        assert_eq!(name_tokens("Łukasz Żółkiewski"), ["lukasz", "zolkiewski"]);
        assert_eq!(name_tokens("Jane Doe, Ph.D."), ["jane", "doe"]);
        assert_eq!(name_tokens("王芳"), ["王芳"]);
        assert!(name_key(&name_tokens("Sem")).is_none());
        assert_eq!(name_key(&name_tokens("王芳")).unwrap(), "王芳");
    }

    #[test]
    fn initials_meet() {
        let a = initial_keys(&name_tokens("Jan de Vries"));
        let b = initial_keys(&name_tokens("J. de Vries"));
        assert!(a.iter().any(|k| b.contains(k)));
        let c = initial_keys(&name_tokens("Piet de Vries"));
        assert!(!c.iter().any(|k| b.contains(k)));
    }

    #[test]
    fn emails_phones_handles_and_links() {
        assert_eq!(
            email_key(" Mailto:Jan@Example.ORG ").unwrap(),
            "jan@example.org"
        );
        assert!(email_key("not an address").is_none());
        assert_eq!(phone_key("+31 6 1234 5678"), phone_key("0612345678"));
        assert!(phone_key("12345").is_none());
        assert!(handle_matches_name(
            "@jan_devries",
            &name_tokens("Jan de Vries")
        ));
        assert!(handle_matches_name(
            "jdevries",
            &name_tokens("Jan de Vries")
        ));
        assert!(!handle_matches_name("pietje", &name_tokens("Jan de Vries")));
        assert_eq!(
            profile_claim("https://x.com/Jan_DV/").unwrap(),
            "twitter:jandv"
        );
        assert_eq!(
            profile_claim("https://www.linkedin.com/in/zo%C3%AB-brandt/").unwrap(),
            "linkedin:zoë-brandt"
        );
        assert_eq!(
            profile_claim("http://joelle.hyves.nl/").unwrap(),
            "hyves:joelle"
        );
        assert!(profile_claim("https://example.com/me").is_none());
    }
}
