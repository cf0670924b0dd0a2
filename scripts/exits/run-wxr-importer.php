<?php
// For development only: runs the WordPress importer's own WXR_Parser_SimpleXML on WXR files.
// The importer is not part of this repository; get it from
// https://github.com/WordPress/wordpress-importer and give its parser file:
//   php run-wxr-importer.php path/to/src/parsers/class-wxr-parser-simplexml.php FILE...
// Prints per file what the parser read: authors, posts by type, comments, terms, dates.
class WP_Error {
    public $message;
    public function __construct($code, $message, $data = null) { $this->message = "$code: $message"; }
}
function __($text, $domain = null) { return $text; }
function is_wp_error($x) { return $x instanceof WP_Error; }
require $argv[1];
$failed = false;
foreach (array_slice($argv, 2) as $file) {
    $parser = new WXR_Parser_SimpleXML();
    $r = $parser->parse($file);
    if (is_wp_error($r)) {
        fwrite(STDERR, "$file: {$r->message}\n");
        $failed = true;
        continue;
    }
    $types = [];
    $comments = 0;
    $terms = 0;
    $undated = 0;
    foreach ($r['posts'] as $p) {
        $types[$p['post_type']] = ($types[$p['post_type']] ?? 0) + 1;
        $comments += count($p['comments'] ?? []);
        $terms += count($p['terms'] ?? []);
        if (!preg_match('/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/', $p['post_date_gmt'])) {
            $undated++;
        }
        if ($p['post_type'] === 'attachment' && !$p['attachment_url']) {
            fwrite(STDERR, "$file: attachment {$p['post_id']} without url\n");
            $failed = true;
        }
    }
    echo json_encode(['file' => basename($file), 'version' => $r['version'], 'authors' => array_keys($r['authors']),
        'types' => $types, 'comments' => $comments, 'terms' => $terms, 'undated' => $undated],
        JSON_UNESCAPED_UNICODE), "\n";
}
exit($failed ? 1 : 0);
