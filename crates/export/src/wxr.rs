//! `--format wxr`: WordPress eXtended RSS 1.2, what WordPress's own importer
//! (Tools → Import → WordPress) reads. See `shared/formats/exits.md` for the rules of
//! the importer's parser (`WXR_Parser_SimpleXML`), which this follows:
//! - one `item` per published post, oldest first, with a title unique within its second
//!   (the post's own, or its first words) so that `post_exists()` never merges two;
//! - a `category` per platform and a `post_tag` per hashtag, each with a `nicename`;
//! - the owner's media as `attachment` items after their post, with `wp:post_parent`
//!   set and an absolute `wp:attachment_url` (`--site-url` plus `media/…`, the files
//!   written beside the WXR; else the platform's own address when the archive has one);
//! - the owner's own comments under their own published posts as `wp:comment`;
//! - no DOCTYPE, every text in CDATA with `]]>` split, characters XML forbids dropped;
//! - split into files of at most `max_bytes` (`wordpress-001.xml`, …), each valid
//!   alone, a post never apart from its attachments and comments.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use freehold_store::output::Tree;
use freehold_store::{PostOrder, Store};

use crate::Error;
use crate::privacy::Summary;
use crate::published::{
    Opened, Published, Publishing, media_path, platform_name, rfc3339, title, view_to_write,
};
use crate::render::{escape, is_web_url, text_html};

/// Options of the WXR export.
#[derive(Debug, Clone)]
pub struct WxrOptions {
    /// What every publishing exit shares: the selection, `--include`, the media,
    /// `--force` and `--redact`.
    pub publishing: Publishing,
    /// Where the output folder will be reachable on the web
    /// (`https://example.org/import/`): attachments point at `<site-url>media/…`.
    pub site_url: Option<String>,
    /// The channel's title; by default the owner's name.
    pub title: Option<String>,
    /// The largest WXR file to write, in bytes (WordPress hosts cap uploads).
    pub max_bytes: u64,
}

impl Default for WxrOptions {
    fn default() -> Self {
        WxrOptions {
            publishing: Publishing::default(),
            site_url: None,
            title: None,
            max_bytes: 16 << 20,
        }
    }
}

/// What [`write_wxr`] did.
#[derive(Debug, Clone, Default)]
pub struct WxrReport {
    /// Published and withheld.
    pub summary: Summary,
    /// The WXR files, in import order.
    pub files: Vec<String>,
    /// `post` items.
    pub posts: u64,
    /// `attachment` items.
    pub attachments: u64,
    /// `wp:comment`s.
    pub comments: u64,
    /// Media files copied beside the WXR.
    pub media_copied: u64,
    /// Media of published posts with no absolute address to give WordPress.
    pub media_missing: u64,
}

/// The importer's author login for the owner.
const LOGIN: &str = "owner";

/// Writes the WXR files (and the media beside them) into the folder `out`.
pub fn write_wxr(store: &Store, out: &Path, options: &WxrOptions) -> Result<WxrReport, Error> {
    let Opened {
        mut tree,
        published,
        mut media,
        redaction,
        snapshot: _snapshot,
    } = Opened::open(store, out, &options.publishing)?;
    let entries = &published.entries;
    let owner_name = options.title.clone().unwrap_or_else(|| {
        published
            .owners
            .iter()
            .find_map(|a| a.display_name.clone().or_else(|| a.handle.clone()))
            .unwrap_or_else(|| "My archive".to_string())
    });
    let base = options
        .site_url
        .as_deref()
        .filter(|u| is_web_url(u))
        .map(|u| format!("{}/", u.trim_end_matches('/')));

    // The owner's comments under their own published posts: by the post at the top.
    let mut comments: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut absorbed: HashSet<usize> = HashSet::new();
    for (i, e) in entries.iter().enumerate().rev() {
        if e.kind != "comment" {
            continue;
        }
        let mut parent = e.in_reply_to.as_deref();
        let mut guard = 0;
        while let Some(&p) = parent.and_then(|p| published.index.get(p)) {
            guard += 1;
            if guard > 100 {
                break;
            }
            if entries[p].kind != "comment" {
                comments.entry(p).or_default().push(i);
                absorbed.insert(i);
                break;
            }
            parent = entries[p].in_reply_to.as_deref();
        }
    }

    let header = header(&owner_name, base.as_deref(), &published);
    let footer = "</channel>\n</rss>\n";
    let mut report = WxrReport {
        summary: published.summary.clone(),
        ..WxrReport::default()
    };
    let mut file = String::new();
    let mut items_in_file = 0usize;
    let mut next_id = 1u64;
    let mut comment_ids: HashMap<String, u64> = HashMap::new();
    let mut next_comment = 1u64;
    let mut second = String::new();
    let mut titles: HashSet<String> = HashSet::new();
    let max = usize::try_from(options.max_bytes).unwrap_or(usize::MAX);

    published.for_each(
        store,
        &options.publishing.selection,
        PostOrder::OldestFirst,
        |i, entry, view| {
            if absorbed.contains(&i) {
                return Ok(());
            }
            let (view, target) = view_to_write(redaction.as_ref(), store, view)?;
            let post = &view.post;
            let date = post.created_at.as_deref().and_then(rfc3339);
            let item_date = date.as_deref().map(wp_date).unwrap_or_default();
            if item_date != second {
                second.clone_from(&item_date);
                titles.clear();
            }
            let mut item_title = title(post);
            if !titles.insert(item_title.clone()) {
                let mut n = 2;
                while !titles.insert(format!("{item_title} ({n})")) {
                    n += 1;
                }
                item_title = format!("{item_title} ({n})");
            }
            let post_id = next_id;
            next_id += 1;

            // The media: copied beside the WXR, addressed absolutely.
            let mut attachments = Vec::new();
            for (_, m) in &view.media {
                let local = media.copy(&mut tree, m, media_path)?;
                let url = match (&base, local) {
                    (Some(b), Some(rel)) => Some(format!("{b}{rel}")),
                    _ => m.remote_url.clone().filter(|u| is_web_url(u)),
                };
                match url {
                    Some(u) => attachments.push((m, u)),
                    None => report.media_missing += 1,
                }
            }

            let mut body = match target {
                Some((url, by)) => {
                    let mut s = format!(
                        "<p>Reposted: <a href=\"{}\">{}</a>",
                        escape(&url),
                        escape(&url)
                    );
                    if let Some(by) = by {
                        let _ = write!(s, " by {}", escape(&by));
                    }
                    s.push_str("</p>");
                    s
                }
                None => text_html(
                    post.text.as_deref().unwrap_or(""),
                    post.text_format.as_deref(),
                    &post.platform,
                ),
            };
            for (m, url) in &attachments {
                let alt = m
                    .description
                    .as_deref()
                    .or(m.title.as_deref())
                    .unwrap_or("");
                if m.kind == "photo" {
                    let _ = write!(
                        body,
                        "\n<figure><img src=\"{}\" alt=\"{}\"></figure>",
                        escape(url),
                        escape(alt)
                    );
                } else {
                    let _ = write!(
                        body,
                        "\n<p><a href=\"{}\">{}</a></p>",
                        escape(url),
                        escape(if alt.is_empty() { &m.kind } else { alt })
                    );
                }
            }

            let mut item = String::with_capacity(body.len() + 1500);
            item.push_str("<item>\n");
            tag_cdata(&mut item, "title", &item_title);
            if let Some(url) = post.url.as_deref().filter(|u| is_web_url(u)) {
                tag_text(&mut item, "link", url);
            }
            tag_cdata(&mut item, "dc:creator", LOGIN);
            let _ = writeln!(
                item,
                "<guid isPermaLink=\"false\">{}</guid>",
                escape(&guid(base.as_deref(), &entry.slug))
            );
            item.push_str("<description></description>\n");
            tag_cdata(&mut item, "content:encoded", &body);
            tag_cdata(&mut item, "excerpt:encoded", "");
            let _ = writeln!(item, "<wp:post_id>{post_id}</wp:post_id>");
            if !item_date.is_empty() {
                tag_cdata(&mut item, "wp:post_date", &item_date);
                tag_cdata(&mut item, "wp:post_date_gmt", &item_date);
            }
            tag_cdata(&mut item, "wp:comment_status", "closed");
            tag_cdata(&mut item, "wp:ping_status", "closed");
            tag_cdata(&mut item, "wp:post_name", &entry.slug);
            tag_cdata(&mut item, "wp:status", "publish");
            item.push_str("<wp:post_parent>0</wp:post_parent>\n<wp:menu_order>0</wp:menu_order>\n");
            tag_cdata(&mut item, "wp:post_type", "post");
            tag_cdata(&mut item, "wp:post_password", "");
            item.push_str("<wp:is_sticky>0</wp:is_sticky>\n");
            category(
                &mut item,
                "category",
                &post.platform,
                platform_name(&post.platform),
            );
            let mut seen_tags = HashSet::new();
            // A repost's hashtags are in someone else's words.
            let repost = post.kind == "repost" || post.repost_of.is_some();
            for e in view
                .entities
                .iter()
                .filter(|e| e.kind == "hashtag" && !repost)
            {
                let name = e.value.trim_start_matches('#');
                let nice = nicename(name);
                if !nice.is_empty() && seen_tags.insert(nice.clone()) {
                    category(&mut item, "post_tag", &nice, name);
                }
            }
            meta(&mut item, "_freehold_id", &post.id);
            if let Some(url) = post.url.as_deref() {
                meta(&mut item, "_freehold_original_url", url);
            }

            // The owner's comments under it, oldest first.
            for &c in comments.get(&i).map(Vec::as_slice).unwrap_or(&[]) {
                let Some(cv) = store.post(&entries[c].id)? else {
                    continue;
                };
                let cv = match &redaction {
                    Some(r) => r.post(store, &cv, None, None)?.view,
                    None => cv,
                };
                let cp = &cv.post;
                let id = next_comment;
                next_comment += 1;
                comment_ids.insert(cp.id.clone(), id);
                let parent = cp
                    .in_reply_to
                    .as_deref()
                    .and_then(|p| comment_ids.get(p))
                    .copied()
                    .unwrap_or(0);
                let cdate = cp
                    .created_at
                    .as_deref()
                    .and_then(rfc3339)
                    .as_deref()
                    .map(wp_date)
                    .unwrap_or_else(|| item_date.clone());
                let author = cp
                    .author_account
                    .as_deref()
                    .and_then(|a| published.owners.iter().find(|o| o.id == a));
                let name = author
                    .and_then(|a| a.display_name.clone().or_else(|| a.handle.clone()))
                    .unwrap_or_else(|| owner_name.clone());
                let author_url = author
                    .and_then(|a| a.profile_url.clone())
                    .filter(|u| is_web_url(u))
                    .unwrap_or_default();
                item.push_str("<wp:comment>\n");
                let _ = writeln!(item, "<wp:comment_id>{id}</wp:comment_id>");
                tag_cdata(&mut item, "wp:comment_author", &name);
                tag_cdata(&mut item, "wp:comment_author_email", "");
                tag_text(&mut item, "wp:comment_author_url", &author_url);
                tag_cdata(&mut item, "wp:comment_author_IP", "");
                tag_cdata(&mut item, "wp:comment_date", &cdate);
                tag_cdata(&mut item, "wp:comment_date_gmt", &cdate);
                tag_cdata(
                    &mut item,
                    "wp:comment_content",
                    &text_html(
                        cp.text.as_deref().unwrap_or(""),
                        cp.text_format.as_deref(),
                        &cp.platform,
                    ),
                );
                tag_cdata(&mut item, "wp:comment_approved", "1");
                tag_cdata(&mut item, "wp:comment_type", "comment");
                let _ = writeln!(item, "<wp:comment_parent>{parent}</wp:comment_parent>");
                item.push_str("<wp:comment_user_id>0</wp:comment_user_id>\n</wp:comment>\n");
                report.comments += 1;
            }
            item.push_str("</item>\n");
            report.posts += 1;

            for (k, (m, url)) in attachments.iter().enumerate() {
                let id = next_id;
                next_id += 1;
                item.push_str("<item>\n");
                tag_cdata(
                    &mut item,
                    "title",
                    &format!("{item_title} – {} {}", m.kind, k + 1),
                );
                tag_cdata(&mut item, "dc:creator", LOGIN);
                let _ = writeln!(item, "<guid isPermaLink=\"false\">{}</guid>", escape(url));
                item.push_str("<description></description>\n");
                tag_cdata(&mut item, "content:encoded", "");
                tag_cdata(
                    &mut item,
                    "excerpt:encoded",
                    m.description.as_deref().unwrap_or(""),
                );
                let _ = writeln!(item, "<wp:post_id>{id}</wp:post_id>");
                if !item_date.is_empty() {
                    tag_cdata(&mut item, "wp:post_date", &item_date);
                    tag_cdata(&mut item, "wp:post_date_gmt", &item_date);
                }
                tag_cdata(&mut item, "wp:comment_status", "closed");
                tag_cdata(&mut item, "wp:ping_status", "closed");
                tag_cdata(
                    &mut item,
                    "wp:post_name",
                    &format!("{}-{}", entry.slug, k + 1),
                );
                tag_cdata(&mut item, "wp:status", "inherit");
                let _ = writeln!(item, "<wp:post_parent>{post_id}</wp:post_parent>");
                item.push_str("<wp:menu_order>0</wp:menu_order>\n");
                tag_cdata(&mut item, "wp:post_type", "attachment");
                tag_cdata(&mut item, "wp:post_password", "");
                item.push_str("<wp:is_sticky>0</wp:is_sticky>\n");
                tag_cdata(&mut item, "wp:attachment_url", url);
                item.push_str("</item>\n");
                report.attachments += 1;
            }

            if items_in_file > 0 && file.len() + item.len() + footer.len() > max {
                finish(&mut tree, &mut report.files, &mut file, footer)?;
                items_in_file = 0;
            }
            if file.is_empty() {
                file.push_str(&header);
            }
            file.push_str(&item);
            items_in_file += 1;
            Ok(())
        },
    )?;
    if file.is_empty() {
        file.push_str(&header);
    }
    finish(&mut tree, &mut report.files, &mut file, footer)?;
    report.media_copied = media.copied;
    tree.commit()?;
    Ok(report)
}

fn finish(
    tree: &mut Tree,
    files: &mut Vec<String>,
    file: &mut String,
    footer: &str,
) -> Result<(), Error> {
    file.push_str(footer);
    let name = format!("wordpress-{:03}.xml", files.len() + 1);
    tree.write(&name, file.as_bytes())?;
    files.push(name);
    file.clear();
    Ok(())
}

fn header(owner_name: &str, base: Option<&str>, published: &Published) -> String {
    let link = base.unwrap_or("https://freehold.invalid/");
    let mut h = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Written by freehold: import with WordPress's Tools > Import > WordPress. -->\n<rss version=\"2.0\"\n\txmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\"\n\txmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n\txmlns:wfw=\"http://wellformedweb.org/CommentAPI/\"\n\txmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n\txmlns:wp=\"http://wordpress.org/export/1.2/\"\n>\n<channel>\n",
    );
    tag_cdata(&mut h, "title", owner_name);
    tag_text(&mut h, "link", link);
    tag_cdata(&mut h, "description", "Posts from social-network archives");
    h.push_str("<wp:wxr_version>1.2</wp:wxr_version>\n");
    tag_text(&mut h, "wp:base_site_url", link);
    tag_text(&mut h, "wp:base_blog_url", link);
    h.push_str("<wp:author>\n<wp:author_id>1</wp:author_id>\n");
    tag_cdata(&mut h, "wp:author_login", LOGIN);
    tag_cdata(&mut h, "wp:author_email", "");
    tag_cdata(&mut h, "wp:author_display_name", owner_name);
    tag_cdata(&mut h, "wp:author_first_name", "");
    tag_cdata(&mut h, "wp:author_last_name", "");
    h.push_str("</wp:author>\n");
    let mut platforms: Vec<&str> = published
        .owners
        .iter()
        .map(|o| o.platform.as_str())
        .collect();
    platforms.sort_unstable();
    platforms.dedup();
    for p in platforms {
        h.push_str("<wp:category>\n");
        tag_cdata(&mut h, "wp:category_nicename", p);
        tag_cdata(&mut h, "wp:category_parent", "");
        tag_cdata(&mut h, "wp:cat_name", platform_name(p));
        h.push_str("</wp:category>\n");
    }
    h.push_str("<generator>https://github.com/freehold</generator>\n");
    h
}

/// The guid of a post: stable across exports.
fn guid(base: Option<&str>, slug: &str) -> String {
    format!(
        "{}posts/{slug}",
        base.unwrap_or("https://freehold.invalid/")
    )
}

/// `2024-03-04T05:06:07Z` → `2024-03-04 05:06:07`.
fn wp_date(rfc: &str) -> String {
    let s = rfc.get(..19).unwrap_or(rfc);
    s.replacen('T', " ", 1)
}

/// A term's slug: lower-case letters and digits, other characters as `-`.
fn nicename(name: &str) -> String {
    let slug: String = name
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    slug.trim_matches('-').to_string()
}

/// Text XML 1.0 allows: tabs, newlines and characters from U+0020, less U+FFFE/U+FFFF.
fn xml_chars(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if text.chars().any(bad) {
        text.chars().filter(|c| !bad(*c)).collect::<String>().into()
    } else {
        text.into()
    }
}

/// `]]>` cannot occur inside CDATA: end the section between `]]` and `>`.
pub fn cdata(text: &str) -> String {
    format!(
        "<![CDATA[{}]]>",
        xml_chars(text).replace("]]>", "]]]]><![CDATA[>")
    )
}

fn tag_cdata(out: &mut String, tag: &str, text: &str) {
    let _ = writeln!(out, "<{tag}>{}</{tag}>", cdata(text));
}

fn tag_text(out: &mut String, tag: &str, text: &str) {
    let _ = writeln!(out, "<{tag}>{}</{tag}>", escape(&xml_chars(text)));
}

fn category(out: &mut String, domain: &str, nicename: &str, name: &str) {
    let _ = writeln!(
        out,
        "<category domain=\"{domain}\" nicename=\"{}\">{}</category>",
        escape(&xml_chars(nicename)),
        cdata(name)
    );
}

fn meta(out: &mut String, key: &str, value: &str) {
    out.push_str("<wp:postmeta>\n");
    tag_cdata(out, "wp:meta_key", key);
    tag_cdata(out, "wp:meta_value", value);
    out.push_str("</wp:postmeta>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cdata_splits_its_end_marker_and_drops_what_xml_forbids() {
        assert_eq!(cdata("a]]>b\u{1}c"), "<![CDATA[a]]]]><![CDATA[>bc]]>");
        assert_eq!(wp_date("2024-03-04T05:06:07.123Z"), "2024-03-04 05:06:07");
        assert_eq!(nicename("Fietsen_2024!"), "fietsen-2024");
        assert_eq!(nicename("秋天"), "秋天");
    }
}
