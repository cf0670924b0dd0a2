<?php
// Reads WXR files by the rules of the WordPress importer's WXR_Parser_SimpleXML
// (wordpress-importer, src/parsers/class-wxr-parser-simplexml.php): the same DOMDocument load
// that refuses a DOCTYPE, the same XPath queries (/rss/channel/wp:wxr_version, wp:author,
// wp:category, wp:tag, wp:term, /rss/channel/item) and the same namespace lookups. This is our
// own code, written against the importer's published behaviour; the importer's code is not in
// this repository (run it with scripts/exits/run-wxr-importer.php while developing).
//
// Usage: php check-wxr.php FILE... ; prints one JSON object of totals, exits 1 on any problem.
$problems = [];
$totals = ['files' => 0, 'authors' => 0, 'posts' => 0, 'attachments' => 0, 'comments' => 0,
           'terms' => 0, 'titles' => []];
foreach (array_slice($argv, 1) as $file) {
    $totals['files']++;
    libxml_use_internal_errors(true);
    $dom = new DOMDocument();
    if (!$dom->loadXML(file_get_contents($file)) || isset($dom->doctype)) {
        $problems[] = "$file: not well-formed XML, or a DOCTYPE: " . json_encode(libxml_get_errors());
        continue;
    }
    $xml = simplexml_import_dom($dom);
    $version = $xml->xpath('/rss/channel/wp:wxr_version');
    if (!$version || !preg_match('/^\d+\.\d+$/', trim((string) $version[0])) || trim((string) $version[0]) !== '1.2') {
        $problems[] = "$file: no wp:wxr_version 1.2";
        continue;
    }
    $ns = $xml->getDocNamespaces();
    foreach (['wp' => 'http://wordpress.org/export/1.2/', 'excerpt' => 'http://wordpress.org/export/1.2/excerpt/',
              'content' => 'http://purl.org/rss/1.0/modules/content/', 'dc' => 'http://purl.org/dc/elements/1.1/'] as $p => $uri) {
        if (($ns[$p] ?? null) !== $uri) {
            $problems[] = "$file: namespace $p is not $uri";
        }
    }
    $logins = [];
    foreach ($xml->xpath('/rss/channel/wp:author') as $author) {
        $a = $author->children($ns['wp']);
        $logins[(string) $a->author_login] = true;
        $totals['authors']++;
    }
    if (!$logins) {
        $problems[] = "$file: no wp:author";
    }
    $ids = [];
    $seen = [];
    foreach ($xml->channel->item as $item) {
        $wp = $item->children($ns['wp']);
        $dc = $item->children('http://purl.org/dc/elements/1.1/');
        $content = $item->children('http://purl.org/rss/1.0/modules/content/');
        $excerpt = $item->children($ns['excerpt']);
        $id = (int) $wp->post_id;
        $type = (string) $wp->post_type;
        $title = (string) $item->title;
        $date = (string) $wp->post_date_gmt;
        $where = "$file: item $id";
        if ($id <= 0 || isset($ids[$id])) {
            $problems[] = "$where: wp:post_id missing or repeated";
        }
        $ids[$id] = $type;
        if (!isset($logins[(string) $dc->creator])) {
            $problems[] = "$where: dc:creator is no wp:author_login";
        }
        if ($date !== '' && !preg_match('/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/', $date)) {
            $problems[] = "$where: wp:post_date_gmt '$date'";
        }
        if ($title === '' && (string) $content->encoded === '' && (string) $excerpt->encoded === '') {
            $problems[] = "$where: no title, content or excerpt (WordPress refuses it)";
        }
        // post_exists(): title + date + type must not repeat.
        $key = "$title\x1f$date\x1f$type";
        if (isset($seen[$key])) {
            $problems[] = "$where: same title, date and type as item {$seen[$key]}: WordPress would skip it";
        }
        $seen[$key] = $id;
        if ($type === 'post') {
            $totals['posts']++;
            $totals['titles'][] = $title;
            if ((string) $wp->status !== 'publish' || (string) $wp->post_name === '') {
                $problems[] = "$where: not publish, or no wp:post_name";
            }
        } elseif ($type === 'attachment') {
            $totals['attachments']++;
            $url = (string) $wp->attachment_url;
            if (!preg_match('#^https?://#', $url)) {
                $problems[] = "$where: wp:attachment_url '$url' is not absolute";
            }
            $parent = (int) $wp->post_parent;
            if (($ids[$parent] ?? null) !== 'post') {
                $problems[] = "$where: wp:post_parent $parent is no earlier post of this file";
            }
        } else {
            $problems[] = "$where: unexpected post type '$type'";
        }
        foreach ($item->category as $c) {
            $att = $c->attributes();
            if (isset($att['nicename'])) {
                $totals['terms']++;
                if (!in_array((string) $att['domain'], ['category', 'post_tag'], true)) {
                    $problems[] = "$where: term domain '{$att['domain']}'";
                }
            } else {
                $problems[] = "$where: a category without nicename (the importer ignores it)";
            }
        }
        foreach ($wp->comment as $comment) {
            $totals['comments']++;
            if (!preg_match('/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/', (string) $comment->comment_date_gmt)
                || (string) $comment->comment_approved !== '1' || (int) $comment->comment_id <= 0) {
                $problems[] = "$where: a comment without id, date or approval";
            }
        }
    }
}
echo json_encode($totals, JSON_UNESCAPED_UNICODE | JSON_PRETTY_PRINT), "\n";
foreach ($problems as $p) {
    fwrite(STDERR, "WXR: $p\n");
}
exit($problems ? 1 : 0);
