//! Invented people and invented text. Every name is built from lists of common given
//! names and family names; the mapping from a person's number to a name is one-to-one,
//! so two numbers never give the same (case-insensitive) name.

use crate::rng::Rng;

/// How a culture orders a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    /// `Given [middle…] Family` (Dutch, Polish, Nordic, Turkish).
    Western,
    /// `FamilyGiven [middle…]`, no space (Chinese).
    Eastern,
    /// `Family [middle…] Given` (Vietnamese).
    Vietnamese,
}

/// Names of one culture: `(display, ascii)` pairs. No entry contains a space unless it is
/// a family name (`de Vries`), and middle names never equal a family-name particle, so a
/// name can always be split back into its parts.
pub(crate) struct Culture {
    pub given: &'static [(&'static str, &'static str)],
    pub family: &'static [(&'static str, &'static str)],
    pub middle: &'static [(&'static str, &'static str)],
    pub order: Order,
    /// Whether every name has at least one middle name.
    pub always_middle: bool,
}

pub(crate) const DUTCH: Culture = Culture {
    given: &[
        ("Anouk", "anouk"),
        ("Daan", "daan"),
        ("Sanne", "sanne"),
        ("Bram", "bram"),
        ("Fleur", "fleur"),
        ("Thijs", "thijs"),
        ("Lotte", "lotte"),
        ("Joris", "joris"),
        ("Noor", "noor"),
        ("Sem", "sem"),
        ("Femke", "femke"),
        ("Ruben", "ruben"),
        ("Iris", "iris"),
        ("Jasper", "jasper"),
        ("Eline", "eline"),
        ("Koen", "koen"),
        ("Daniëlle", "danielle"),
        ("Joëlle", "joelle"),
    ],
    family: &[
        ("de Vries", "devries"),
        ("van den Berg", "vandenberg"),
        ("Bakker", "bakker"),
        ("Jansen", "jansen"),
        ("Visser", "visser"),
        ("Smit", "smit"),
        ("Meijer", "meijer"),
        ("de Boer", "deboer"),
        ("Mulder", "mulder"),
        ("de Groot", "degroot"),
        ("Bos", "bos"),
        ("Vos", "vos"),
        ("Peters", "peters"),
        ("Hendriks", "hendriks"),
        ("van Dijk", "vandijk"),
        ("Dekker", "dekker"),
    ],
    middle: &[
        ("Maria", "maria"),
        ("Johanna", "johanna"),
        ("Pieter", "pieter"),
        ("Willem", "willem"),
        ("Cornelis", "cornelis"),
        ("Elisabeth", "elisabeth"),
    ],
    order: Order::Western,
    always_middle: false,
};

pub(crate) const POLISH: Culture = Culture {
    given: &[
        ("Zofia", "zofia"),
        ("Łukasz", "lukasz"),
        ("Małgorzata", "malgorzata"),
        ("Piotr", "piotr"),
        ("Agnieszka", "agnieszka"),
        ("Krzysztof", "krzysztof"),
        ("Katarzyna", "katarzyna"),
        ("Tomasz", "tomasz"),
        ("Joanna", "joanna"),
        ("Paweł", "pawel"),
        ("Ewa", "ewa"),
        ("Michał", "michal"),
        ("Grzegorz", "grzegorz"),
        ("Magdalena", "magdalena"),
        ("Wojciech", "wojciech"),
        ("Jadwiga", "jadwiga"),
    ],
    family: &[
        ("Nowak", "nowak"),
        ("Wójcik", "wojcik"),
        ("Kowalczyk", "kowalczyk"),
        ("Woźniak", "wozniak"),
        ("Mazur", "mazur"),
        ("Krawczyk", "krawczyk"),
        ("Zając", "zajac"),
        ("Król", "krol"),
        ("Wieczorek", "wieczorek"),
        ("Dudek", "dudek"),
        ("Pawlak", "pawlak"),
        ("Michalak", "michalak"),
        ("Sikora", "sikora"),
        ("Baran", "baran"),
        ("Szewczyk", "szewczyk"),
        ("Żak", "zak"),
    ],
    middle: &[
        ("Anna", "anna"),
        ("Maria", "maria"),
        ("Jan", "jan"),
        ("Józef", "jozef"),
        ("Teresa", "teresa"),
    ],
    order: Order::Western,
    always_middle: false,
};

pub(crate) const VIETNAMESE: Culture = Culture {
    given: &[
        ("Mai", "mai"),
        ("Hùng", "hung"),
        ("Lan", "lan"),
        ("Dũng", "dung"),
        ("Hương", "huong"),
        ("Tuấn", "tuan"),
        ("Linh", "linh"),
        ("Nam", "nam"),
        ("Thảo", "thao"),
        ("Quang", "quang"),
        ("Hà", "ha"),
        ("Phương", "phuong"),
    ],
    family: &[
        ("Nguyễn", "nguyen"),
        ("Trần", "tran"),
        ("Lê", "le"),
        ("Phạm", "pham"),
        ("Hoàng", "hoang"),
        ("Phan", "phan"),
        ("Vũ", "vu"),
        ("Đặng", "dang"),
        ("Bùi", "bui"),
        ("Đỗ", "do"),
    ],
    middle: &[
        ("Thị", "thi"),
        ("Văn", "van"),
        ("Minh", "minh"),
        ("Ngọc", "ngoc"),
        ("Đức", "duc"),
        ("Thanh", "thanh"),
    ],
    order: Order::Vietnamese,
    always_middle: true,
};

pub(crate) const CHINESE: Culture = Culture {
    given: &[
        ("芳", "fang"),
        ("伟", "wei"),
        ("静", "jing"),
        ("磊", "lei"),
        ("敏", "min"),
        ("洋", "yang"),
        ("艳", "yan"),
        ("勇", "yong"),
        ("娜", "na"),
        ("强", "qiang"),
        ("小红", "xiaohong"),
        ("建国", "jianguo"),
        ("丽娟", "lijuan"),
        ("志明", "zhiming"),
    ],
    family: &[
        ("王", "wang"),
        ("李", "li"),
        ("张", "zhang"),
        ("刘", "liu"),
        ("陈", "chen"),
        ("杨", "yang"),
        ("黄", "huang"),
        ("赵", "zhao"),
        ("吴", "wu"),
        ("周", "zhou"),
    ],
    middle: &[
        ("Amy", "amy"),
        ("Kevin", "kevin"),
        ("Grace", "grace"),
        ("Leo", "leo"),
    ],
    order: Order::Eastern,
    always_middle: false,
};

pub(crate) const NORDIC: Culture = Culture {
    given: &[
        ("Emma", "emma"),
        ("Lars", "lars"),
        ("Ingrid", "ingrid"),
        ("Nils", "nils"),
        ("Freja", "freja"),
        ("Mads", "mads"),
        ("Sofie", "sofie"),
        ("Anders", "anders"),
        ("Åsa", "asa"),
        ("Bjørn", "bjorn"),
    ],
    family: &[
        ("Larsen", "larsen"),
        ("Hansen", "hansen"),
        ("Nielsen", "nielsen"),
        ("Johansson", "johansson"),
        ("Lindqvist", "lindqvist"),
        ("Sørensen", "sorensen"),
        ("Berg", "berg"),
        ("Dahl", "dahl"),
    ],
    middle: &[
        ("🌸", ""),
        ("⚓", ""),
        ("Marie", "marie"),
        ("🌿", ""),
        ("Kristian", "kristian"),
    ],
    order: Order::Western,
    always_middle: false,
};

pub(crate) const TURKISH: Culture = Culture {
    given: &[
        ("Emre", "emre"),
        ("Elif", "elif"),
        ("Yusuf", "yusuf"),
        ("Zeynep", "zeynep"),
        ("Mehmet", "mehmet"),
        ("Ayşe", "ayse"),
        ("Burak", "burak"),
        ("Merve", "merve"),
    ],
    family: &[
        ("Yılmaz", "yilmaz"),
        ("Kaya", "kaya"),
        ("Demir", "demir"),
        ("Şahin", "sahin"),
        ("Çelik", "celik"),
        ("Doğan", "dogan"),
        ("Arslan", "arslan"),
        ("Aydın", "aydin"),
    ],
    middle: &[("Can", "can"), ("Nur", "nur"), ("Ali", "ali")],
    order: Order::Western,
    always_middle: false,
};

/// An invented person's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Name {
    /// Given names (with middle names for Western and Chinese names).
    pub given: String,
    /// The family name.
    pub family: String,
    /// The whole name as the platform shows it.
    pub full: String,
    /// Lower-case ASCII letters of the whole name, for handles and folder names.
    pub ascii: String,
}

/// The name of person number `k`, drawn from `cultures` in turn. One-to-one: distinct
/// numbers give distinct names (also ignoring case).
pub(crate) fn name(k: u64, cultures: &[&Culture]) -> Name {
    let c = cultures[(k % cultures.len() as u64) as usize];
    let inner = k / cultures.len() as u64;
    let g = c.given.len() as u64;
    let f = c.family.len() as u64;
    let given = c.given[(inner % g) as usize];
    let family = c.family[((inner / g) % f) as usize];
    // The rest picks middle names in bijective base-M numbering: 0 → none, 1..=M → one, …
    let mut q = inner / g / f + u64::from(c.always_middle);
    let m = c.middle.len() as u64;
    let mut middles = Vec::new();
    while q > 0 {
        q -= 1;
        middles.push(c.middle[(q % m) as usize]);
        q /= m;
    }
    let mut given_text = given.0.to_string();
    let mut ascii = String::new();
    let full = match c.order {
        Order::Western => {
            for mid in &middles {
                given_text.push(' ');
                given_text.push_str(mid.0);
            }
            ascii.push_str(given.1);
            for mid in &middles {
                ascii.push_str(mid.1);
            }
            ascii.push_str(family.1);
            format!("{given_text} {}", family.0)
        }
        Order::Eastern => {
            let mut full = format!("{}{}", family.0, given.0);
            ascii.push_str(family.1);
            ascii.push_str(given.1);
            for mid in &middles {
                full.push(' ');
                full.push_str(mid.0);
                given_text.push(' ');
                given_text.push_str(mid.0);
                ascii.push_str(mid.1);
            }
            full
        }
        Order::Vietnamese => {
            let mut full = family.0.to_string();
            let mut middle_text = String::new();
            ascii.push_str(family.1);
            for mid in &middles {
                full.push(' ');
                full.push_str(mid.0);
                middle_text.push_str(mid.0);
                middle_text.push(' ');
                ascii.push_str(mid.1);
            }
            full.push(' ');
            full.push_str(given.0);
            ascii.push_str(given.1);
            given_text = format!("{middle_text}{}", given.0);
            full
        }
    };
    Name {
        given: given_text,
        family: family.0.to_string(),
        full,
        ascii,
    }
}

/// Appends `min..=max` words from `words`, separated by spaces.
pub(crate) fn words(rng: &mut Rng, words: &[&str], min: u64, max: u64, out: &mut String) {
    let n = rng.range(min, max);
    for i in 0..n {
        if i > 0 || (!out.is_empty() && !out.ends_with([' ', '\n'])) {
            out.push(' ');
        }
        out.push_str(rng.pick(words));
    }
}

/// A lower-case alphanumeric code of `n` characters (URL shorteners, file names).
pub(crate) fn code(rng: &mut Rng, n: usize, out: &mut String) {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    for _ in 0..n {
        out.push(char::from(rng.pick(ALPHABET)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_one_to_one() {
        let cultures = [&DUTCH, &POLISH, &VIETNAMESE, &CHINESE, &NORDIC, &TURKISH];
        let mut seen = HashSet::new();
        for k in 0..200_000 {
            let n = name(k, &cultures);
            assert!(seen.insert(n.full.to_lowercase()), "{k}: {}", n.full);
            assert!(!n.ascii.is_empty());
            assert!(
                n.ascii.bytes().all(|b| b.is_ascii_lowercase()),
                "{}",
                n.ascii
            );
        }
        assert_eq!(name(0, &[&DUTCH]).full, "Anouk de Vries");
        assert_eq!(name(0, &[&VIETNAMESE]).full, "Nguyễn Thị Mai");
        assert_eq!(name(0, &[&CHINESE]).full, "王芳");
    }
}
